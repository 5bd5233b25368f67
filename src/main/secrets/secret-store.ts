// The one interface through which the rest of the app reaches secrets (session keys, the API
// secret). Production uses the OS keychain (keytar-store.ts); tests of other modules use the
// in-memory double (memory-store.ts). There is deliberately no plain-text implementation.

export interface SecretStore {
  /** The secret stored under `account`, or null when there is none. */
  get(account: string): Promise<string | null>;
  /** Store `secret` under `account`, replacing any previous one. */
  set(account: string, secret: string): Promise<void>;
  /** Remove the secret; true if one was there, false if there was nothing to delete. */
  delete(account: string): Promise<boolean>;
}

/**
 * Why the keychain could not be used:
 * - `no-secret-service`: no keychain service answers (no D-Bus session, nothing providing
 *   org.freedesktop.secrets);
 * - `locked`: a keychain answers, but its default ("login") collection is locked or missing;
 * - `library-missing`: the native keychain module or libsecret could not be loaded;
 * - `failed`: any other refusal from the keychain.
 */
export type KeychainProblem = 'no-secret-service' | 'locked' | 'library-missing' | 'failed';

/**
 * The keychain cannot be used. The message tells the user what to do about it; it never
 * contains a secret value. `detail` is the underlying library's own text, for logs.
 */
export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
  readonly kind = 'unavailable';
  readonly problem: KeychainProblem;
  readonly detail: string;

  constructor(problem: KeychainProblem, message: string, detail: string) {
    super(message);
    this.problem = problem;
    this.detail = detail;
  }
}
