// Failures of SoundCloud API calls, classified once so callers can act on the kind alone.
// Messages name the call and the status, never a token or a URL's parameters.

export type SoundCloudErrorKind =
  /** 401: the sign-in no longer works; sign in again. */
  | 'reauth'
  /** 404, or a link that is private, removed or not a track. */
  | 'not-found'
  | 'rate-limited'
  /** Network failure, time-out or 5xx: worth trying again later. */
  | 'unreachable'
  | 'unreadable'
  /** Any other refusal (403, 400, ...). */
  | 'refused';

export class SoundCloudError extends Error {
  override readonly name = 'SoundCloudError';
  readonly kind: SoundCloudErrorKind;
  readonly status: number | undefined;

  constructor(kind: SoundCloudErrorKind, message: string, status?: number, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.kind = kind;
    this.status = status;
  }
}
