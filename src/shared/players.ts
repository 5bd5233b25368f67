import { z } from 'zod';
import type { TrackInfo } from './track.js';

// Desktop players as every front sees them: the players the app has seen, with scrobbling on
// or off for each, and the play in progress with its way towards becoming a scrobble.
// Plain data (src/main/sources/players produces it; the window and the tray show it).

/** A player's stable name (`mpv`, `vlc`, `firefox`): the MPRIS bus name without its suffix. */
export const PLAYER_NAME_SCHEMA = z
  .string()
  .trim()
  .min(1, 'a player name is needed')
  .max(200, 'a player name has at most 200 characters');

/** A player the app has seen, and whether its plays are scrobbled. */
export interface PlayerSummary {
  /** The stable name the setting is kept under. */
  name: string;
  /** What the player calls itself (MPRIS `Identity`, e.g. "mpv Media Player"), if known. */
  identity: string | null;
  /** Whether its plays are scrobbled now (the user's choice, else the default). */
  on: boolean;
  /** What it would be without a choice: browsers are off by default. */
  onByDefault: boolean;
  /** The user chose on or off (false: the default applies). */
  chosen: boolean;
  /** Never watched whatever the setting (playerctld mirrors other players). */
  ignored: boolean;
  /** Running right now. */
  present: boolean;
  /** When it was last seen (unix ms). */
  lastSeenAt: number;
}

/**
 * The play in progress on a watched player. `playedMs` is play time (paused time and seeks do
 * not count) as of `at`; while `counting`, it grows with the clock, so a view can move the
 * progress on by itself between reads.
 */
export interface CurrentPlay {
  track: TrackInfo;
  /** The player's stable name. */
  player: string;
  /** When the play started (unix ms): the scrobble's timestamp. */
  startedAt: number;
  /** When these numbers were read (unix ms). */
  at: number;
  playedMs: number;
  /** Play time it needs to be scrobbled; null when it never will be (`reason` says why). */
  neededMs: number | null;
  /** Playing now (not paused or stopped), so play time is growing. */
  counting: boolean;
  /** Already queued as a scrobble. */
  scrobbled: boolean;
  /** Why it will not be scrobbled, in words (too short, no length...); null otherwise. */
  reason: string | null;
  /** When it will be scrobbled if it keeps playing (unix ms); null when not counting. */
  scrobbleAt: number | null;
  /** Where the player is in the track (ms), if known. */
  positionMs: number | null;
  /** The track's length (ms), if the player said. */
  lengthMs: number | null;
}

/** Play time still needed at `now`, counting on from `play.at` while it plays. */
export function remainingMs(play: CurrentPlay, now: number): number | null {
  if (play.neededMs === null) return null;
  if (play.scrobbled) return 0;
  return Math.max(0, play.neededMs - playedAt(play, now));
}

/** Play time at `now`: what was read, plus the time since while it was counting. */
export function playedAt(play: CurrentPlay, now: number): number {
  return play.playedMs + (play.counting ? Math.max(0, now - play.at) : 0);
}
