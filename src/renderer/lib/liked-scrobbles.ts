import type { LikedTrack } from '../../shared/soundcloud.js';

// Picked liked tracks -> scrobbles: in the list's order, played back to back, the last one
// ending at `nowSec`. SoundCloud keeps no record of when a track was played, so this is the
// honest default; the user sees it said on the Likes view before pressing Scrobble.

/** A liked track with no known length counts as this long when timing the picks. */
export const UNKNOWN_LENGTH_SEC = 180;

export function likedScrobbles(
  picked: readonly LikedTrack[],
  nowSec: number,
): Record<string, unknown>[] {
  let end = nowSec;
  const items: Record<string, unknown>[] = [];
  for (const t of [...picked].reverse()) {
    const start = end - (t.duration ?? UNKNOWN_LENGTH_SEC);
    const item: Record<string, unknown> = { artist: t.artist, track: t.track, timestamp: start };
    if (t.album !== undefined) item.album = t.album;
    if (t.duration !== undefined) item.duration = t.duration;
    items.unshift(item);
    end = start;
  }
  return items;
}
