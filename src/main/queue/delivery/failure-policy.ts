import type { DeliveryFailure } from '../../targets/delivery-error.js';
import { rateLimitPauseMs, retryDelayMs, type BackoffPolicy } from './backoff.js';

// What a failed request means for its batch and for the whole service, as a pure decision the
// sender then writes to the store (docs/QUEUE.md, "How failures are handled"). Kept apart from
// the sender so the policy is unit-tested without a server or a database.

/** A whole-service wait: nothing more is sent to it before `until` (ms). */
export interface ServicePause {
  until: number;
  reason: 'rate-limited' | 'unreachable' | 'client-blocked';
}

/**
 * How long a service that blocked this app version (1.2 BANNED) waits before we ask again,
 * when nobody presses "Send now": the pause is stored, so a restart or a CLI run per track
 * does not knock again at every start. An update is what lifts a ban; a day is a short
 * enough wait after one, and "Send now" asks at once.
 */
export const CLIENT_BLOCKED_RECHECK_MS = 24 * 60 * 60 * 1000;

export type FailureDecision =
  /** Sign in again: the items go back to the queue untouched, the service waits for the user. */
  | { kind: 'needs-auth' }
  /**
   * The service has blocked this client version (1.2 BANNED): the items go back to the queue
   * untouched, nothing more is sent by this process, and the service waits (stored, so other
   * processes and the next start wait too) until `pause.until` or "Send now".
   */
  | { kind: 'client-blocked'; pause: ServicePause }
  /**
   * The service refused the request, not the items: back to the queue, attempts unchanged.
   * `named`: the pause is the wait the service named (a 429's reset time), not our guess.
   */
  | { kind: 'rate-limited'; pause: ServicePause; named: boolean }
  /** The items wait for their next attempt, and so does the rest of the service's queue. */
  | { kind: 'retry'; nextAttemptAt: number; attempts: number; pause: ServicePause };

export interface FailureContext {
  now: number;
  /** Attempts already made for the batch's most-tried item (0 for a fresh batch). */
  attemptsSoFar: number;
  /** Rate limits in a row, this one included (1 for the first). */
  rateLimitStreak: number;
  backoff: BackoffPolicy;
  random: () => number;
}

/**
 * The decision for a non-permanent failure. A permanent failure is the batch's own fault and
 * is isolated item by item instead (the sender splits the batch); one that reaches here (a
 * recovery look-up refused for good) is treated as transient, so nothing is failed unseen.
 */
export function decideOnFailure(error: DeliveryFailure, ctx: FailureContext): FailureDecision {
  const retryAfter = error.retryAfterMs ?? null;
  if (error.clientBlocked === true) {
    return {
      kind: 'client-blocked',
      pause: { until: ctx.now + CLIENT_BLOCKED_RECHECK_MS, reason: 'client-blocked' },
    };
  }
  switch (error.errorClass) {
    case 'reauth':
      return { kind: 'needs-auth' };
    case 'rate-limited': {
      const ms = rateLimitPauseMs(ctx.rateLimitStreak, ctx.backoff, retryAfter);
      const named = retryAfter !== null && ms === retryAfter;
      return {
        kind: 'rate-limited',
        pause: { until: ctx.now + ms, reason: 'rate-limited' },
        named,
      };
    }
    default: {
      const attempts = ctx.attemptsSoFar + 1;
      const nextAttemptAt = ctx.now + retryDelayMs(attempts, ctx.backoff, ctx.random, retryAfter);
      // The whole service waits too: the rest of the queue is not sent into an outage.
      return {
        kind: 'retry',
        nextAttemptAt,
        attempts,
        pause: { until: nextAttemptAt, reason: 'unreachable' },
      };
    }
  }
}

/**
 * Whether a flush should sit out a rate-limit pause and go on, rather than stop and leave the
 * rest to the scheduler: a short wait the service named (ListenBrainz's "reset in 4 s" after
 * a 429 or with its last requests used up) costs less as a pause inside the flush, so a
 * draining backlog keeps the service's pace. A long one, or a penalty the service did not
 * name (Last.fm's error 29: a minute, doubling), ends the flush, so neither the lease nor the
 * CLI is held, and the scheduler comes back when it is over.
 */
export function waitsInline(
  stop: { reason: string; until: number | null; named?: boolean },
  now: number,
  maxInlineWaitMs: number,
): boolean {
  return (
    stop.reason === 'rate-limited' &&
    stop.named === true &&
    stop.until !== null &&
    stop.until - now <= maxInlineWaitMs
  );
}
