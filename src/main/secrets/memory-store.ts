// TEST DOUBLE. An in-memory SecretStore for unit tests of modules that need secrets (sign-in
// flows, targets). Never wire it into the app: secrets kept here die with the process, and
// the real app has no non-keychain store on purpose.
import type { KeychainUnavailableError, SecretStore } from './secret-store.js';

export class MemorySecretStore implements SecretStore {
  readonly #items = new Map<string, string>();
  #unavailable: KeychainUnavailableError | null = null;

  constructor(initial: Record<string, string> = {}) {
    for (const [account, secret] of Object.entries(initial)) this.#items.set(account, secret);
  }

  /** Make every call fail with `err` (null restores normal service), to test error paths. */
  failWith(err: KeychainUnavailableError | null): void {
    this.#unavailable = err;
  }

  /** Accounts currently stored, so a test can check what was (not) written. */
  accounts(): string[] {
    return [...this.#items.keys()].sort();
  }

  async get(account: string): Promise<string | null> {
    this.#check(account);
    return this.#items.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.#check(account);
    if (secret.length === 0) throw new TypeError('Refusing to store an empty secret');
    this.#items.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    this.#check(account);
    return this.#items.delete(account);
  }

  // Same argument rules and failure mode as the keytar store, so tests see real behaviour.
  #check(account: string): void {
    if (this.#unavailable) throw this.#unavailable;
    if (account.length === 0) throw new TypeError('Keychain account name must not be empty');
  }
}
