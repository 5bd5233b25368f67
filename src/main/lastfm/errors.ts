// One error type for every way a Last.fm-compatible call can fail. Callers decide what to do
// from `errorClass` alone; the code and message are for people and logs.
// Messages are built only from the method name, codes and the server's error text: never
// from request parameters, so a session key or secret cannot leak through an error.

import type { ErrorClass } from '../../shared/queue-types.js';

export type { ErrorClass };

export const LASTFM_CODES: Readonly<Record<number, string>> = {
  2: 'Invalid service',
  3: 'Invalid method',
  4: 'Authentication failed',
  5: 'Invalid format',
  6: 'Invalid parameters',
  7: 'Invalid resource',
  8: 'Operation failed',
  9: 'Invalid session key: sign in again',
  10: 'Invalid API key',
  11: 'Service offline',
  13: 'Invalid method signature',
  14: 'Token not authorized yet',
  15: 'Token expired',
  16: 'Temporary error',
  26: 'Suspended API key',
  29: 'Rate limit exceeded',
};

/**
 * Classify a Last.fm error code. Last.fm's guide says retry 11 and 16 and re-authenticate on
 * 9; 8 and 29 are transient in practice. Code 4 on an authenticated (session) call means the
 * session is no good; on auth.* it means a bad token, which retrying cannot fix.
 */
export function classifyLastfmCode(code: number, authenticated: boolean): ErrorClass {
  switch (code) {
    case 8:
    case 11:
    case 16:
      return 'transient';
    case 29:
      return 'rate-limited';
    case 9:
      return 'reauth';
    case 4:
      return authenticated ? 'reauth' : 'permanent';
    default:
      return 'permanent';
  }
}

/** HTTP statuses that carry no Last.fm error body we could read. */
export function classifyHttpStatus(status: number): ErrorClass {
  if (status === 429) return 'rate-limited';
  if (status >= 500 || status === 408) return 'transient';
  return 'permanent';
}

export interface LastfmErrorInit {
  method: string;
  errorClass: ErrorClass;
  message: string;
  code?: number | null;
  httpStatus?: number | null;
  retryAfterMs?: number | null;
  /** The server may have acted on the request even though the call failed (see below). */
  maybeProcessed?: boolean;
  cause?: unknown;
}

export class LastfmError extends Error {
  override readonly name = 'LastfmError';
  /** The API method that failed, e.g. `track.scrobble`. */
  readonly method: string;
  readonly errorClass: ErrorClass;
  /** Last.fm error code, or null when the failure was HTTP- or network-level. */
  readonly code: number | null;
  readonly httpStatus: number | null;
  /** From a Retry-After header, when the server sent one. */
  readonly retryAfterMs: number | null;
  /**
   * True when the request reached the server and the answer was lost or garbled (a reset
   * after sending, a response timeout, a 5xx without a Last.fm error, an unreadable body):
   * a scrobble batch may have been recorded, so it is checked before being sent again.
   */
  readonly maybeProcessed: boolean;

  constructor(init: LastfmErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.method = init.method;
    this.errorClass = init.errorClass;
    this.code = init.code ?? null;
    this.httpStatus = init.httpStatus ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.maybeProcessed = init.maybeProcessed ?? false;
  }

  get transient(): boolean {
    return this.errorClass === 'transient' || this.errorClass === 'rate-limited';
  }
}
