import type { TracklistLine } from './tracklist.js';

// When each track of a record was played: the record's start (or end) time, then each track
// starts when the previous one ended. Tracks without a length get a default and the window
// says so, because a guess moves every later timestamp.

/** 3:30: a typical track, used for lines without a length. */
export const DEFAULT_TRACK_SECONDS = 210;

export interface AlbumTiming {
  /** Whether `at` is when the first track started or when the last one ended. */
  anchor: 'started' | 'ended';
  /** Unix seconds. */
  at: number;
  defaultSeconds?: number;
}

export interface AlbumFields {
  album: string;
  /** Used as the artist of lines that name none, and sent as the album artist. */
  albumArtist: string;
}

export interface PlannedTrack {
  line: number;
  /** Position in the list, 1-based. */
  position: number;
  trackNumber?: number;
  artist: string;
  title: string;
  /** The length given in the list, if any. */
  duration?: number;
  /** The length used to space the timestamps (given or assumed). */
  spacing: number;
  assumed: boolean;
  /** Start time, unix seconds. */
  start: number;
  /** What goes to queue.enqueue (validated by the shared rules first). */
  input: Record<string, unknown>;
}

export function planAlbum(
  lines: readonly TracklistLine[],
  fields: AlbumFields,
  timing: AlbumTiming,
): PlannedTrack[] {
  const fallback = timing.defaultSeconds ?? DEFAULT_TRACK_SECONDS;
  const spacings = lines.map((l) => l.duration ?? fallback);
  const total = spacings.reduce((sum, s) => sum + s, 0);
  let start = timing.anchor === 'started' ? timing.at : timing.at - total;
  const albumArtist = fields.albumArtist.trim();
  const album = fields.album.trim();
  return lines.map((line, i) => {
    const spacing = spacings[i] ?? fallback;
    const artist = line.artist ?? albumArtist;
    const input: Record<string, unknown> = { artist, track: line.title, timestamp: start };
    if (album) input.album = album;
    if (albumArtist) input.albumArtist = albumArtist;
    if (line.duration !== undefined) input.duration = line.duration;
    if (line.trackNumber !== undefined) input.trackNumber = line.trackNumber;
    const planned: PlannedTrack = {
      line: line.line,
      position: i + 1,
      artist,
      title: line.title,
      spacing,
      assumed: line.duration === undefined,
      start,
      input,
    };
    if (line.trackNumber !== undefined) planned.trackNumber = line.trackNumber;
    if (line.duration !== undefined) planned.duration = line.duration;
    start += spacing;
    return planned;
  });
}
