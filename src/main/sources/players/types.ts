// The vocabulary shared by every player platform (MPRIS, SMTC, MediaRemote) and the play rule.
// Plain data, no I/O: each platform layer turns what its OS reports into these.

import type { ScrobbleItem, TrackInfo } from '../../../shared/track.js';

/** What a player says it is playing. Missing fields are null, never empty strings. */
export interface PlayerTrack {
  artist: string | null;
  title: string | null;
  album: string | null;
  albumArtist: string | null;
  trackNumber: number | null;
  /** Length in milliseconds; null when the player does not know (streams, some browsers). */
  lengthMs: number | null;
  /** The player's own id for the item (MPRIS `mpris:trackid`), if any. */
  trackId: string | null;
  url: string | null;
}

export type PlaybackStatus = 'playing' | 'paused' | 'stopped';

/**
 * One thing that happened to one player, as the rule sees it. `at` is wall-clock ms
 * (Date.now()); positions are ms into the track.
 */
export type PlayerInput =
  | { type: 'track'; at: number; track: PlayerTrack }
  | { type: 'status'; at: number; status: PlaybackStatus }
  | { type: 'rate'; at: number; rate: number }
  /** The player announced a seek (MPRIS `Seeked`). */
  | { type: 'seeked'; at: number; positionMs: number }
  /** A polled position: compared with where the play should be to notice unannounced jumps. */
  | { type: 'position'; at: number; positionMs: number }
  /** Nothing happened; time passed (the driver calls this at `nextWakeAt`). */
  | { type: 'tick'; at: number }
  /** The player left (quit, crashed, or was switched off). */
  | { type: 'gone'; at: number };

/** Why a play ended without a scrobble, in words for the `watch` command and the log. */
export type SkipReason =
  'too-short' | 'not-played-enough' | 'missing-artist-or-title' | 'unknown-length' | 'duplicate';

export type PlayAction =
  | { type: 'now-playing'; track: TrackInfo; startedAt: number }
  | { type: 'scrobble'; scrobble: ScrobbleItem; playedMs: number }
  | {
      type: 'skip';
      track: TrackInfo | null;
      reason: SkipReason;
      detail: string;
      playedMs: number;
    };

export function emptyTrack(): PlayerTrack {
  return {
    artist: null,
    title: null,
    album: null,
    albumArtist: null,
    trackNumber: null,
    lengthMs: null,
    trackId: null,
    url: null,
  };
}
