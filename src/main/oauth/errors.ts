// One error class for everything OAuth sign-in and signed calls can go wrong with. Messages are
// plain words that say what to do; they are built from fixed text, status codes and the
// provider's short error codes, never from tokens, secrets or request parameters.

export type OAuthErrorKind =
  /** The user did not approve in the browser. */
  | 'denied'
  /** The provider refused our request (bad consumer key, expired or reused code, ...). */
  | 'refused'
  /** The saved sign-in no longer works (revoked, refresh token refused): sign in again. */
  | 'reauth'
  /** The provider is not safe to sign in with (OAuth 1.0 without a confirmed callback). */
  | 'insecure-provider'
  /** The browser came back with something that is not the answer to our request. */
  | 'forged-callback'
  /** Network failure, time-out, or a 5xx answer: trying again later may work. */
  | 'unreachable'
  /** The provider answered something we cannot read. */
  | 'unreadable'
  /** A setting (URL, consumer key) is missing or wrong. */
  | 'config';

export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  readonly kind: OAuthErrorKind;
  /** The provider's error code when it sent one (e.g. 'invalid_grant'), else undefined. */
  readonly code: string | undefined;
  /** The HTTP status of the answer that failed, when there was one. */
  readonly status: number | undefined;

  constructor(
    kind: OAuthErrorKind,
    message: string,
    extra: { code?: string; status?: number; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.kind = kind;
    this.code = extra.code;
    this.status = extra.status;
  }
}

/** A provider's error code is quoted only when it is a short plain word (RFC 6749 §5.2 style). */
export function plainCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : undefined;
}
