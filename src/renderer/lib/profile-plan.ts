import type { ProfilePlay } from '../../shared/catalogue.js';
import { DEFAULT_TRACK_SECONDS } from './album-plan.js';

// Scrobbling plays picked from someone else's profile: at the times they were played (a
// service with an age limit, Last.fm's 14 days, refuses older ones), or now, one after
// another, the last ending now. Pure, so the timing is unit-tested.

export type ProfileTiming = 'original' | 'now';

/** Identifies a play across pages (the same track twice has two start times). */
export function playKey(p: ProfilePlay): string {
  return `${p.timestamp}\u0000${p.artist}\u0000${p.track}`;
}

/** Whether a play is older than the services' age limit allows at its own time. */
export function tooOldToKeepTime(
  p: ProfilePlay,
  maxAgeDays: number | undefined,
  nowSec: number,
): boolean {
  return maxAgeDays !== undefined && p.timestamp < nowSec - maxAgeDays * 86_400;
}

/** The scrobbles for the picked plays, oldest first (the order they were played). */
export function profileScrobbles(
  picked: readonly ProfilePlay[],
  timing: ProfileTiming,
  nowSec: number,
): Record<string, unknown>[] {
  const inOrder = [...picked].sort((a, b) => a.timestamp - b.timestamp);
  return inOrder.map((p, i) => {
    const timestamp =
      timing === 'original' ? p.timestamp : nowSec - (inOrder.length - i) * DEFAULT_TRACK_SECONDS;
    const item: Record<string, unknown> = { artist: p.artist, track: p.track, timestamp };
    if (p.album.trim()) item.album = p.album;
    return item;
  });
}
