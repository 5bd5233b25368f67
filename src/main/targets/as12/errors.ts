// Every way an Audioscrobbler 1.2 call can fail, as one error type. `errorClass` is the same
// vocabulary the Last.fm client uses (transient, rate-limited, reauth, permanent), so a queue
// can act on it without knowing the protocol; `kind` says exactly what the server answered.
// Messages are built from fixed words, the step, the host and the server's reason (redacted):
// never from the password hash, the session key or the session id.

import type { ErrorClass } from '../../lastfm/errors.js';

export type As12Step = 'handshake' | 'now-playing' | 'submission';

export type As12ErrorKind =
  /** BADAUTH: wrong user name or password (or session key): sign in again. */
  | 'needs-sign-in'
  /** BADTIME: the computer's clock is off by more than the server tolerates. */
  | 'bad-time'
  /** BANNED: the server has blocked this client; nothing more is sent. */
  | 'banned'
  /** FAILED <reason>, or a reply that is not part of the protocol. */
  | 'failed'
  /** BADSESSION twice in a row, even with a fresh session. */
  | 'bad-session'
  /** An HTTP error status instead of a protocol reply. */
  | 'http-status'
  /** A reply that is cut off or not a protocol reply at all. */
  | 'unreadable'
  /** No answer: refused, reset, timed out, unreachable. */
  | 'network'
  /** A previous handshake failed; the client waits (see retryAfterMs) before trying again. */
  | 'handshake-backoff'
  /** The request was refused before sending (too many tracks, empty artist...). */
  | 'invalid-request';

export interface As12ErrorInit {
  step: As12Step;
  kind: As12ErrorKind;
  errorClass: ErrorClass;
  message: string;
  /** What the server said after FAILED, cleaned and redacted; null otherwise. */
  serverReason?: string | null;
  httpStatus?: number | null;
  retryAfterMs?: number | null;
  maybeProcessed?: boolean;
  /** A socket error code (ECONNREFUSED...), kept instead of the raw error. */
  code?: string | null;
}

export class As12Error extends Error {
  override readonly name = 'As12Error';
  readonly step: As12Step;
  readonly kind: As12ErrorKind;
  readonly errorClass: ErrorClass;
  readonly serverReason: string | null;
  readonly httpStatus: number | null;
  /** How long to wait before the next attempt can succeed (handshake back-off), if known. */
  readonly retryAfterMs: number | null;
  /**
   * The request may have been acted on although no OK arrived (answer lost, reset after
   * sending, 5xx): a batch may already be recorded, so look before sending it again.
   */
  readonly maybeProcessed: boolean;
  readonly code: string | null;

  constructor(init: As12ErrorInit) {
    super(init.message);
    this.step = init.step;
    this.kind = init.kind;
    this.errorClass = init.errorClass;
    this.serverReason = init.serverReason ?? null;
    this.httpStatus = init.httpStatus ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.maybeProcessed = init.maybeProcessed ?? false;
    this.code = init.code ?? null;
  }

  /** BANNED: the sender keeps everything queued and stops sending (delivery-error.ts). */
  get clientBlocked(): boolean {
    return this.kind === 'banned';
  }

  get transient(): boolean {
    return this.errorClass === 'transient' || this.errorClass === 'rate-limited';
  }

  /**
   * A "hard failure" in the protocol's sense: the three-in-a-row rule counts these. BADSESSION,
   * BADAUTH and a refused request are handled on their own and do not count.
   */
  get hard(): boolean {
    return (
      this.kind === 'failed' ||
      this.kind === 'http-status' ||
      this.kind === 'unreadable' ||
      this.kind === 'network'
    );
  }
}
