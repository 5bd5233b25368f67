import type { SecretStore } from '../secrets/secret-store.js';
import { sessionAccount } from '../secrets/accounts.js';
import type { SettingsStore } from '../settings/store.js';

// Who is signed in to which service. Settings hold only the non-secret facts (user name and
// when); the session key lives in the keychain under `session:<service>:<user>`.

export interface AccountInfo {
  serviceId: string;
  user: string;
  /** ISO 8601. */
  signedInAt: string;
}

export interface SignedInSession extends AccountInfo {
  sessionKey: string;
}

export class AccountRegistry {
  readonly #settings: SettingsStore;
  readonly #secrets: SecretStore;

  constructor(settings: SettingsStore, secrets: SecretStore) {
    this.#settings = settings;
    this.#secrets = secrets;
  }

  get(serviceId: string): AccountInfo | null {
    const raw = this.#settings.get(`services.${serviceId}.account`) as
      { user?: unknown; signedInAt?: unknown } | undefined;
    if (!raw || typeof raw.user !== 'string' || typeof raw.signedInAt !== 'string') return null;
    return { serviceId, user: raw.user, signedInAt: raw.signedInAt };
  }

  /** The signed-in account with its key, or null (not signed in, or the key is gone). */
  async session(serviceId: string): Promise<SignedInSession | null> {
    const account = this.get(serviceId);
    if (!account) return null;
    const sessionKey = await this.#secrets.get(sessionAccount(serviceId, account.user));
    return sessionKey ? { ...account, sessionKey } : null;
  }

  /**
   * Record a new session. The keychain write comes first: if it fails, settings still
   * describe the previous state and the caller reports the keychain error.
   */
  async signIn(
    serviceId: string,
    user: string,
    sessionKey: string,
    now = new Date(),
  ): Promise<AccountInfo> {
    const previous = this.get(serviceId);
    await this.#secrets.set(sessionAccount(serviceId, user), sessionKey);
    if (previous && previous.user !== user) {
      await this.#secrets.delete(sessionAccount(serviceId, previous.user));
    }
    const account = { serviceId, user, signedInAt: now.toISOString() };
    this.#settings.set(`services.${serviceId}.account`, { user, signedInAt: account.signedInAt });
    return account;
  }

  /** Forget the account and delete its key; returns who was signed out, if anyone. */
  async signOut(serviceId: string): Promise<AccountInfo | null> {
    const account = this.get(serviceId);
    if (!account) return null;
    await this.#secrets.delete(sessionAccount(serviceId, account.user));
    this.#settings.delete(`services.${serviceId}.account`);
    return account;
  }
}
