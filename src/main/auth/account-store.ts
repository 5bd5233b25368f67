import { decodeCredential, encodeCredential, type Credential } from '../secrets/credentials.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { sessionAccount } from '../secrets/accounts.js';
import type { SettingsStore } from '../settings/store.js';

// Who is signed in to which service, and with what. Settings hold only the non-secret facts
// (user name and when); the credential record lives in the keychain under
// `session:<service>:<user>` (the name kept from when it held only a session key). Internal to
// the core: fronts ask AccountService.

export interface AccountInfo {
  serviceId: string;
  user: string;
  /** ISO 8601. */
  signedInAt: string;
}

export interface SignedInAccount extends AccountInfo {
  credential: Credential;
}

export class AccountStore {
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

  /** The signed-in account with its credential, or null (not signed in, or the entry is gone). */
  async signedIn(serviceId: string): Promise<SignedInAccount | null> {
    const account = this.get(serviceId);
    if (!account) return null;
    const stored = await this.#secrets.get(sessionAccount(serviceId, account.user));
    const credential = stored === null ? null : decodeCredential(stored);
    return credential ? { ...account, credential } : null;
  }

  /**
   * Record a new sign-in. The keychain write comes first: if it fails, settings still
   * describe the previous state and the caller reports the keychain error.
   */
  async signIn(
    serviceId: string,
    user: string,
    credential: Credential | string,
    now = new Date(),
  ): Promise<AccountInfo> {
    const previous = this.get(serviceId);
    // A bare string is a Last.fm session key, as the keychain has always held one.
    const record: Credential =
      typeof credential === 'string' ? { kind: 'session-key', sessionKey: credential } : credential;
    await this.#secrets.set(sessionAccount(serviceId, user), encodeCredential(record));
    if (previous && previous.user !== user) {
      await this.#secrets.delete(sessionAccount(serviceId, previous.user));
    }
    const account = { serviceId, user, signedInAt: now.toISOString() };
    this.#settings.set(`services.${serviceId}.account`, { user, signedInAt: account.signedInAt });
    return account;
  }

  /** Forget the account and delete its credential; returns who was signed out, if anyone. */
  async signOut(serviceId: string): Promise<AccountInfo | null> {
    const account = this.get(serviceId);
    if (!account) return null;
    await this.#secrets.delete(sessionAccount(serviceId, account.user));
    this.#settings.delete(`services.${serviceId}.account`);
    return account;
  }
}
