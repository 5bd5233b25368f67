// ListenBrainz submit-listens payloads, built and checked before sending (pure). The rules
// are the server's (listenbrainz-server api_tools.validate_listen): artist_name and
// track_name non-empty strings, listened_at a whole number not before 2002-10-01 and not
// far in the future, `single` and `playing_now` exactly one listen, `import` up to 1000,
// `playing_now` without listened_at, MBIDs as UUIDs.

import type { ScrobbleItem, TrackInfo } from '../../../shared/track.js';

export type ListenType = 'single' | 'import' | 'playing_now';

export const MAX_LISTENS_PER_IMPORT = 1000;
/** The server refuses listens before 2002-10-01 00:00 UTC. */
export const LISTEN_MINIMUM_TS = 1_033_430_400;
export const SUBMISSION_CLIENT = 'Scrobbletray';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A track plus the MusicBrainz ids ListenBrainz understands, where known. */
export interface ListenTrack extends TrackInfo {
  recordingMbid?: string;
  releaseMbid?: string;
  artistMbids?: string[];
}

export interface Listen extends ListenTrack {
  timestamp: ScrobbleItem['timestamp'];
}

type Json = string | number | boolean | Json[] | { [key: string]: Json };

export function trackMetadata(t: ListenTrack, clientVersion: string): Record<string, Json> {
  const info: Record<string, Json> = {
    submission_client: SUBMISSION_CLIENT,
    submission_client_version: clientVersion,
  };
  if (t.duration !== undefined) info['duration_ms'] = t.duration * 1000;
  if (t.trackNumber !== undefined) info['tracknumber'] = t.trackNumber;
  // TrackInfo.mbid is the recording's (Last.fm's track mbid); an explicit one wins.
  const recording = t.recordingMbid ?? t.mbid;
  if (recording) info['recording_mbid'] = recording;
  if (t.releaseMbid) info['release_mbid'] = t.releaseMbid;
  if (t.artistMbids && t.artistMbids.length > 0) info['artist_mbids'] = t.artistMbids;
  const meta: Record<string, Json> = {
    artist_name: t.artist.trim(),
    track_name: t.track.trim(),
    additional_info: info,
  };
  if (t.album?.trim()) meta['release_name'] = t.album.trim();
  return meta;
}

/** What is wrong with one listen, in words that say what to fix; null when it can go. */
export function listenProblem(
  l: ListenTrack & { timestamp?: number },
  index: number,
  type: ListenType,
  nowSec: number,
): string | null {
  const which = `Listen ${index + 1}`;
  if (typeof l.artist !== 'string' || l.artist.trim() === '')
    return `${which} has no artist: add one.`;
  if (typeof l.track !== 'string' || l.track.trim() === '')
    return `${which} has no title: add one.`;
  for (const [name, value] of [
    ['duration', l.duration],
    ['track number', l.trackNumber],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value <= 0)) {
      return `${which} has a ${name} that is not a whole number above 0 (${value}).`;
    }
  }
  const ids = [l.recordingMbid ?? l.mbid, l.releaseMbid, ...(l.artistMbids ?? [])];
  for (const id of ids) {
    if (id !== undefined && id !== '' && !UUID.test(id)) {
      return `${which} has a MusicBrainz id that is not a UUID ("${id}"): remove or correct it.`;
    }
  }
  if (type === 'playing_now') return null;
  const ts = l.timestamp;
  if (ts === undefined || !Number.isInteger(ts)) {
    return `${which} has no valid play time (whole Unix seconds): set when it was played.`;
  }
  if (ts < LISTEN_MINIMUM_TS) {
    return `${which} is dated before 1 October 2002, which ListenBrainz does not accept: re-time it.`;
  }
  if (ts > nowSec + 3600) return `${which} is dated in the future: check the time and your clock.`;
  return null;
}

export function submitBody(
  type: ListenType,
  listens: readonly (ListenTrack & { timestamp?: number })[],
  clientVersion: string,
): string {
  const payload = listens.map((l) => {
    const meta = trackMetadata(l, clientVersion);
    return type === 'playing_now'
      ? { track_metadata: meta }
      : { listened_at: l.timestamp as number, track_metadata: meta };
  });
  return JSON.stringify({ listen_type: type, payload });
}
