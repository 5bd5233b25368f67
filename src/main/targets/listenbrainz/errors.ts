// Every way a ListenBrainz call can fail, as one error type with the shared `errorClass`
// (transient, rate-limited, reauth, permanent). Messages come from fixed words, the host and
// the server's `error` text (redacted and shortened): never from the token.

import type { ErrorClass } from '../../lastfm/errors.js';

export const TOKEN_PAGE = 'https://listenbrainz.org/settings/';

export type ListenBrainzErrorKind =
  /** 401, or validate-token answered valid: false. */
  | 'invalid-token'
  /** 400: the server refused the payload. */
  | 'rejected'
  /** 429. */
  | 'rate-limited'
  /** 404: no such user (listens look-up). */
  | 'not-found'
  /** Another HTTP error status. */
  | 'http-status'
  /** A body that is not the JSON expected. */
  | 'unreadable'
  /** No answer: refused, reset, timed out. */
  | 'network'
  /** Refused before sending (empty artist, 1001 listens...). */
  | 'invalid-listen';

export interface ListenBrainzErrorInit {
  call: string;
  kind: ListenBrainzErrorKind;
  errorClass: ErrorClass;
  message: string;
  httpStatus?: number | null;
  retryAfterMs?: number | null;
  maybeProcessed?: boolean;
  code?: string | null;
}

export class ListenBrainzError extends Error {
  override readonly name = 'ListenBrainzError';
  /** What was being done: 'validate-token', 'submit single', 'listens'... */
  readonly call: string;
  readonly kind: ListenBrainzErrorKind;
  readonly errorClass: ErrorClass;
  readonly httpStatus: number | null;
  /** From X-RateLimit-Reset-In on a 429. */
  readonly retryAfterMs: number | null;
  /** The server may have stored the listens (answer lost): look them up before resending. */
  readonly maybeProcessed: boolean;
  readonly code: string | null;

  constructor(init: ListenBrainzErrorInit) {
    super(init.message);
    this.call = init.call;
    this.kind = init.kind;
    this.errorClass = init.errorClass;
    this.httpStatus = init.httpStatus ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.maybeProcessed = init.maybeProcessed ?? false;
    this.code = init.code ?? null;
  }

  get transient(): boolean {
    return this.errorClass === 'transient' || this.errorClass === 'rate-limited';
  }
}
