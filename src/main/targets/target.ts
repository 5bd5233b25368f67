import type { RecentTrack } from '../lastfm/types.js';
import type {
  ScrobbleBatchResult,
  ScrobbleItem,
  ScrobbleOutcome,
  TrackInfo,
} from '../../shared/track.js';

/**
 * A service that takes scrobbles. One adapter per protocol (Last.fm 2.0 today; Audioscrobbler
 * 1.2 and ListenBrainz later) behind this interface, so the sender knows nothing of protocols.
 * Failures are thrown as errors carrying an `errorClass` (see lastfm/errors.ts).
 */
export interface ScrobbleTarget {
  /** The queue's target id (the service id, e.g. `lastfm`). */
  readonly id: string;
  /** Most scrobbles one request may carry. */
  readonly maxBatch: number;
  /** Oldest play the service accepts, in days (Last.fm: 14), if it has such a limit. */
  readonly maxAgeDays?: number;
  scrobble(items: readonly ScrobbleItem[]): Promise<ScrobbleBatchResult>;
  updateNowPlaying(track: TrackInfo): Promise<ScrobbleOutcome>;
  /**
   * Plays the service recorded between two times (unix s), for resolving scrobbles that were
   * in flight when the app died. Absent when the service cannot say.
   */
  recentPlays?(fromSec: number, toSec: number): Promise<RecentTrack[]>;
}
