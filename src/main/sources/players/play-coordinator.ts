// One track reported by two players is one play: a browser tab and a desktop app mirroring the
// same phone, or one app registered twice. Each player's rule runs on its own; this small
// coordinator sits after them and lets the first report of a track through, turning an
// overlapping report of the same track from another player into a "duplicate" skip.

import { trackKey } from './play-rule.js';
import type { PlayAction } from './types.js';

interface Claim {
  playerId: string;
  playerName: string;
  key: string;
  startedAt: number;
  /** Plays starting this close together are the same play (the track's length, or 4 min). */
  windowMs: number;
}

const UNKNOWN_LENGTH_WINDOW_MS = 240_000;
/** Claims older than this are dropped; no track is that long in practice. */
const KEEP_MS = 3 * 3600_000;

export class PlayCoordinator {
  private readonly nowPlaying = new Map<string, Claim>();
  private scrobbled: Claim[] = [];

  /** What to pass on for `action` from player `playerId`, or null to drop it quietly. */
  accept(playerId: string, playerName: string, action: PlayAction): PlayAction | null {
    if (action.type === 'skip') return action;
    const track = action.type === 'scrobble' ? action.scrobble : action.track;
    const startedAt =
      action.type === 'scrobble' ? action.scrobble.timestamp * 1000 : action.startedAt;
    const claim: Claim = {
      playerId,
      playerName,
      key: trackKey(track),
      startedAt,
      windowMs: track.duration ? track.duration * 1000 : UNKNOWN_LENGTH_WINDOW_MS,
    };
    if (action.type === 'now-playing') {
      const other = [...this.nowPlaying.values()].find((c) => overlaps(c, claim));
      this.nowPlaying.set(playerId, claim);
      return other ? null : action;
    }
    this.scrobbled = this.scrobbled.filter((c) => startedAt - c.startedAt < KEEP_MS);
    const other = this.scrobbled.find((c) => overlaps(c, claim));
    if (other) {
      return {
        type: 'skip',
        track: action.scrobble,
        reason: 'duplicate',
        detail: `the same play was already scrobbled from ${other.playerName}`,
        playedMs: action.playedMs,
      };
    }
    this.scrobbled.push(claim);
    return action;
  }

  /** A player left: its now-playing claim no longer hides another player's. */
  forget(playerId: string): void {
    this.nowPlaying.delete(playerId);
  }
}

function overlaps(a: Claim, b: Claim): boolean {
  return (
    a.playerId !== b.playerId &&
    a.key === b.key &&
    Math.abs(a.startedAt - b.startedAt) < Math.max(a.windowMs, b.windowMs)
  );
}
