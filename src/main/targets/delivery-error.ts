import type { ErrorClass } from '../../shared/queue-types.js';

// How a target says a call failed, in the one vocabulary the sender acts on (docs/QUEUE.md):
// transient (try later), rate-limited (the whole service waits; `retryAfterMs` = "wait N
// seconds"), reauth (sign in again), permanent (this batch can never succeed). LastfmError has
// the same shape, so the Last.fm client's errors pass through unchanged; other protocols
// throw DeliveryError. Messages never contain request parameters (no token can leak).

export interface DeliveryFailure {
  message: string;
  errorClass: ErrorClass;
  /** How long the service asked us to wait (Retry-After, rate-limit reset), in ms. */
  retryAfterMs?: number | null;
  /** The request may have been recorded although its answer was lost: look it up first. */
  maybeProcessed?: boolean;
  /**
   * The service has blocked this version of Scrobbletray (Audioscrobbler 1.2's BANNED): no
   * fault of the items and nothing a retry or a sign-in fixes. The sender keeps every item
   * queued and sends nothing more to the service until the app is restarted (updated).
   */
  clientBlocked?: boolean;
}

export interface DeliveryErrorInit {
  errorClass: ErrorClass;
  retryAfterMs?: number | null;
  maybeProcessed?: boolean;
  clientBlocked?: boolean;
  cause?: unknown;
}

export class DeliveryError extends Error implements DeliveryFailure {
  override readonly name = 'DeliveryError';
  readonly errorClass: ErrorClass;
  readonly retryAfterMs: number | null;
  readonly maybeProcessed: boolean;
  readonly clientBlocked: boolean;

  constructor(message: string, init: DeliveryErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.errorClass = init.errorClass;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.maybeProcessed = init.maybeProcessed ?? false;
    this.clientBlocked = init.clientBlocked ?? false;
  }
}

/** Any thrown value as a failure the sender can act on. */
export function asDeliveryFailure(error: unknown): DeliveryFailure {
  if (error instanceof Error && 'errorClass' in error) return error as DeliveryFailure;
  // A client refuses items it cannot send (RangeError) before any request: that item's fault.
  if (error instanceof RangeError) return { message: error.message, errorClass: 'permanent' };
  // An unexpected bug must not lose or fail scrobbles: treat it as transient.
  return {
    message: error instanceof Error ? error.message : String(error),
    errorClass: 'transient',
  };
}
