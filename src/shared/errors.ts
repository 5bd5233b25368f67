// One vocabulary for why a call failed, shared by the core and every front. The core throws
// CoreErrors (or errors carrying a `kind`); src/main/errors/ maps a kind to an HTTP status,
// an IPC result and a CLI exit code in one place, so the same failure reads the same in the
// window, over HTTP and in a terminal. Messages are for people and never carry a secret.

export const ERROR_KINDS = [
  /** The caller sent something wrong: fix the input (field problems say where). */
  'invalid-input',
  /** No such scrobble, service or target. */
  'not-found',
  /** The input is fine but the state is not: already sent, being sent, waiting scrobbles. */
  'conflict',
  /** Sign in (or enter API credentials) first. */
  'needs-sign-in',
  /** Something outside the app cannot be used now: the keychain, the disk, the network. */
  'unavailable',
  /** A bug: nothing the caller can fix. */
  'internal',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === 'string' && (ERROR_KINDS as readonly string[]).includes(value);
}

export class CoreError extends Error {
  override name = 'CoreError';
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}

export class NotFoundError extends CoreError {
  override name = 'NotFoundError';
  constructor(message: string) {
    super('not-found', message);
  }
}

export class ConflictError extends CoreError {
  override name = 'ConflictError';
  constructor(message: string) {
    super('conflict', message);
  }
}

export class InvalidInputError extends CoreError {
  override name = 'InvalidInputError';
  constructor(message: string) {
    super('invalid-input', message);
  }
}
