import type { RecentPlay } from '../../shared/recent-plays.js';
import type { ScrobbleBatchResult, ScrobbleItem, TrackInfo } from '../../shared/track.js';

/**
 * Delivery to one service, whatever its protocol (Last.fm 2.0 today; Audioscrobbler 1.2 and
 * ListenBrainz plug in the same way: see registry.ts). The sender and the store know only
 * this: outcomes are named (ScrobbleOutcome's `kind`: too old, too new, duplicate, daily
 * cap...), failures are DeliveryErrors with an ErrorClass (delivery-error.ts).
 *
 * `scrobble` answers one outcome per item in order, or throws for the whole batch. A protocol
 * without per-item results (Audioscrobbler 1.2: "OK" or an error for the batch) reports every
 * item accepted as sent, or throws.
 */
export interface ScrobbleTarget {
  /** The service id (e.g. `lastfm`): the queue's `target` column. */
  readonly id: string;
  /** Most scrobbles one request may carry (Last.fm 50, ListenBrainz imports 1000). */
  readonly maxBatch: number;
  /** Oldest play the service accepts, in days (Last.fm: 14), if it has such a limit. */
  readonly maxAgeDays?: number;
  /** How fast the service wants to be called, when it says; a pacer in the sender reads it. */
  readonly pace?: TargetPace;
  /**
   * What the service's own counters said is left of its rate window at `nowMs` (ListenBrainz's
   * X-RateLimit-* headers, from the last answer), or null when nothing current is known. The
   * sender lets a now-playing take a request only while enough are left for scrobbles.
   */
  requestsLeft?(nowMs: number): { remaining: number; limit: number | null } | null;
  scrobble(items: readonly ScrobbleItem[]): Promise<ScrobbleBatchResult>;
  /** Best effort; throws a DeliveryError when the service refused or could not be reached. */
  updateNowPlaying(track: TrackInfo): Promise<void>;
  /**
   * Plays the service recorded between two times (unix s), for settling scrobbles whose
   * answer was lost. Absent when the service cannot say: they are then sent again.
   */
  recentPlays?(fromSec: number, toSec: number): Promise<RecentPlay[]>;
  /** Releases connections; the core calls it when it closes or the service is removed. */
  close?(): Promise<void>;
}

/** At most `requests` calls per `perMs` milliseconds (e.g. ListenBrainz's window). */
export interface TargetPace {
  requests: number;
  perMs: number;
}
