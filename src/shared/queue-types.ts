// What the core's queue API returns: plain data shared by the core and every front.
import type { IgnoredKind } from './ignored.js';
import type { ScrobbleState } from './scrobble-state.js';
import type { FieldProblem } from './validation.js';
import type { CorrectionFlags, RecordedTrack, ScrobbleItem, ScrobbleOutcome } from './track.js';

/** How a failure is handled: see docs/QUEUE.md. */
export type ErrorClass = 'transient' | 'rate-limited' | 'reauth' | 'permanent';

/** One scrobble for one target, as the store holds it. */
export interface StoredScrobble extends ScrobbleItem {
  id: number;
  /** Service id, e.g. `lastfm`. */
  target: string;
  /** Where the play came from: 'manual', 'cli', 'import', 'player', ... */
  source: string;
  /** When it was queued (unix ms). */
  createdAt: number;
  state: ScrobbleState;
  /** Failed sends so far (reset by edit and retry). */
  attempts: number;
  /** When a retrying scrobble is due again (unix ms); null means due now. */
  nextAttemptAt: number | null;
  lastError: string | null;
  lastErrorClass: ErrorClass | null;
  /** The stored ignored code (Last.fm's numbering, see ignored.ts), for ignored scrobbles. */
  ignoredCode: number | null;
  /** Why it was ignored, by name (from ignoredCode): what the window acts on. */
  ignoredKind: IgnoredKind | null;
  /** Why it was ignored or failed, in words a user understands. */
  reason: string | null;
  /** The track as the service recorded it (after its corrections). */
  recorded: RecordedTrack | null;
  corrected: CorrectionFlags | null;
  /** When the current send started (unix ms); set only in `sending`. */
  sendingSince: number | null;
  /** When it reached accepted, ignored or failed (unix ms). */
  resolvedAt: number | null;
}

export interface ListQuery {
  states?: ScrobbleState[];
  target?: string;
  /** Case-insensitive substring of artist, track or album. */
  text?: string;
  /** Play time range, unix seconds, inclusive. */
  from?: number;
  to?: number;
  /** By play time; default 'newest'. */
  order?: 'oldest' | 'newest';
  /** Default 100, at most 1000. */
  limit?: number;
  /** Opaque keyset cursor from the previous page of the same query. */
  cursor?: string;
  /**
   * Rows to skip from the start of the list (not with `cursor`): a jump into the middle of a
   * long list. The page's `nextCursor` continues from there by keyset, as any other page.
   */
  offset?: number;
  /**
   * One item per play instead of per row: the rows of a play sent to several services (same
   * artist, track and play time) come as one item, the first row matching the filters, with
   * every row of the play in `plays`. Ignored with a `target` filter.
   */
  byPlay?: boolean;
}

export interface ListPage {
  items: StoredScrobble[];
  /** With `byPlay`: for each item, every row of its play (one per service), oldest id first. */
  plays?: StoredScrobble[][];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
  /** Rows matching the query (all pages). */
  total: number;
}

/** Target-wide state that must survive restarts and be shared by the app and the CLI. */
export interface TargetState {
  target: string;
  /** Sending is paused until then (unix ms), e.g. after a rate limit or the daily cap. */
  pausedUntil: number | null;
  pauseReason: string | null;
  /** The user paused this target. */
  userPaused: boolean;
  /** The session is no longer valid: the user must sign in again. */
  needsAuth: boolean;
}

/** What the service said about one stored scrobble. */
export interface ItemResult {
  id: number;
  outcome: ScrobbleOutcome;
}

export interface QueueStats {
  counts: Record<ScrobbleState, number>;
  /** Rows a claimDue() would take now: queued, or retrying and due. */
  dueNow: number;
  /** Earliest next_attempt_at among retrying rows, or now if anything is queued; null if nothing waits. */
  nextDueAt: number | null;
}

/**
 * What became of one play handed in with others (QueueService.enqueueEach): its rows, one per
 * service it goes to, or why it was refused. One bad play never rejects the rest.
 */
export type EnqueueOutcome =
  | {
      ok: true;
      /** The new rows (one per service that took the play). */
      ids: number[];
      /** Services the play was queued for now. */
      targets?: string[];
      /** Services that already had this play (an imported play's identity): nothing added. */
      alreadyThere?: string[];
      /** Services that refused it (e.g. too old for Last.fm), and why. */
      refused?: ServiceRefusal[];
    }
  | { ok: false; problems: FieldProblem[]; refused?: ServiceRefusal[] };

/** One service's reason not to take a play that others may take. */
export interface ServiceRefusal {
  target: string;
  problems: FieldProblem[];
}
