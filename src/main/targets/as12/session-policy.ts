// The protocol's failure rules as a small state machine with an injected clock (no I/O):
// - a failed handshake waits 1 minute, then 2, 4, ... up to 120 minutes;
// - after 3 hard failures in a row (FAILED, HTTP errors, no answer) the session is dropped
//   and the next call handshakes again;
// - no two handshakes use the same timestamp (GNU FM derives the session id from the token
//   and the second, so a repeat is refused as "FAILED ... duplicate key").

export const HANDSHAKE_BACKOFF_BASE_MS = 60_000;
export const HANDSHAKE_BACKOFF_MAX_MS = 120 * 60_000;
export const HARD_FAILURES_BEFORE_HANDSHAKE = 3;

/**
 * The last handshake timestamp used per server and user, shared by every client in this
 * process (the CLI's and the app's clients, a client made again after sign-in): the same
 * user's handshakes must never share a second, whichever client makes them. Another process
 * can still collide; the client retries that at once with a later second.
 */
export class HandshakeTimestamps {
  readonly #last = new Map<string, number>();

  /**
   * The current second, or one past the last one used for this key when that is the same or
   * just ahead. A last value far ahead came from a clock that has since been set back: the
   * server's "duplicate" is the same token in the same real second, which cannot happen
   * then, and bumping past it would push `t` outside the server's tolerance (BADTIME).
   */
  next(key: string, nowMs: number): number {
    const current = Math.floor(nowMs / 1000);
    const last = this.#last.get(key);
    const t =
      last !== undefined && last >= current && last - current < MAX_BUMP_SEC ? last + 1 : current;
    this.#last.set(key, t);
    return t;
  }
}

/** Far below GNU FM's 300 s tolerance. */
const MAX_BUMP_SEC = 60;

export const PROCESS_HANDSHAKE_TIMESTAMPS = new HandshakeTimestamps();

export interface SessionPolicyOptions {
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  hardFailureLimit?: number;
}

export class SessionPolicy {
  readonly #baseMs: number;
  readonly #maxMs: number;
  readonly #hardLimit: number;
  #handshakeFailures = 0;
  #notBefore = 0;
  #hardFailures = 0;

  constructor(opts: SessionPolicyOptions = {}) {
    this.#baseMs = opts.baseBackoffMs ?? HANDSHAKE_BACKOFF_BASE_MS;
    this.#maxMs = opts.maxBackoffMs ?? HANDSHAKE_BACKOFF_MAX_MS;
    this.#hardLimit = opts.hardFailureLimit ?? HARD_FAILURES_BEFORE_HANDSHAKE;
  }

  /** Milliseconds until a handshake may be tried; 0 when it may be tried now. */
  handshakeWaitMs(nowMs: number): number {
    return Math.max(0, this.#notBefore - nowMs);
  }

  /** Consecutive failed handshakes so far. */
  get handshakeFailures(): number {
    return this.#handshakeFailures;
  }

  /** Record a failed handshake; returns how long to wait before the next one. */
  handshakeFailed(nowMs: number): number {
    this.#handshakeFailures++;
    const wait = Math.min(this.#baseMs * 2 ** (this.#handshakeFailures - 1), this.#maxMs);
    this.#notBefore = nowMs + wait;
    return wait;
  }

  handshakeSucceeded(): void {
    this.#handshakeFailures = 0;
    this.#notBefore = 0;
    this.#hardFailures = 0;
  }

  /** Forget the back-off, e.g. because the user signed in again with other credentials. */
  resetBackoff(): void {
    this.#handshakeFailures = 0;
    this.#notBefore = 0;
  }

  /** Consecutive hard failures of now-playing and submission requests. */
  get hardFailures(): number {
    return this.#hardFailures;
  }

  /** Record a hard failure; true when the session must be dropped (handshake again). */
  hardFailure(): boolean {
    this.#hardFailures++;
    if (this.#hardFailures < this.#hardLimit) return false;
    this.#hardFailures = 0;
    return true;
  }

  requestSucceeded(): void {
    this.#hardFailures = 0;
  }
}
