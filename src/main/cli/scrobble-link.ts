// `scrobble --url`: a SoundCloud or YouTube link read into scrobble fields, which the options
// typed next to it (--artist, --track, ...) then override. A link that cannot be read stops
// the command with the reason, and nothing is queued.
import type { Core } from '../core.js';
import type { LinkTrackView } from '../../shared/soundcloud.js';
import { CliFailure } from './io.js';

export interface LinkFields {
  /** artist, track and, when known, album and duration (seconds). */
  input: Record<string, unknown>;
  /** What was read, for people. */
  line: string;
}

const FROM: Readonly<Record<LinkTrackView['source'], string>> = {
  'soundcloud-api': 'SoundCloud (your account)',
  'soundcloud-oembed': 'SoundCloud',
  'youtube-oembed': 'YouTube',
};

export async function fieldsFromLink(core: Core, url: string): Promise<LinkFields> {
  let track: LinkTrackView;
  try {
    track = await core.soundcloud.resolve(url);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new CliFailure(
      `Could not read that link: ${why}\nNothing was queued. Give --artist and --track instead.`,
    );
  }
  const input: Record<string, unknown> = { artist: track.artist, track: track.track };
  if (track.album !== undefined) input.album = track.album;
  if (track.duration !== undefined) input.duration = track.duration;
  const album = track.album !== undefined ? ` [${track.album}]` : '';
  const length = track.duration !== undefined ? ` (${minutes(track.duration)})` : '';
  return {
    input,
    line: `From ${FROM[track.source]}: ${track.artist} – ${track.track}${album}${length}`,
  };
}

function minutes(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
