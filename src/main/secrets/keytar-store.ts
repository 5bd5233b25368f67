// The production SecretStore: the OS keychain through keytar (libsecret/Secret Service on
// Linux, Keychain on macOS, Credential Vault on Windows). Every failure becomes a
// KeychainUnavailableError; there is no fallback to a file.
import { createRequire } from 'node:module';
import type * as Keytar from 'keytar';
import { keychainCallError, keychainLoadError } from './keychain-errors.js';
import type { SecretStore } from './secret-store.js';

export const DEFAULT_KEYCHAIN_SERVICE = 'scrobbletray';

type KeytarModule = typeof Keytar;

let loaded: KeytarModule | undefined;

// keytar is CommonJS with a native addon that links libsecret. Loading it on first use
// (not at import) means a machine without libsecret can still start the app and get a
// message that says what to install, instead of a crash at startup.
function loadKeytar(): KeytarModule {
  if (loaded) return loaded;
  try {
    const require = createRequire(import.meta.url);
    loaded = require('keytar') as KeytarModule;
    return loaded;
  } catch (err) {
    throw keychainLoadError(err);
  }
}

function checkAccount(account: string): void {
  if (account.length === 0) throw new TypeError('Keychain account name must not be empty');
}

export function createKeytarStore(opts: { service?: string } = {}): SecretStore {
  const service = opts.service ?? DEFAULT_KEYCHAIN_SERVICE;
  if (service.length === 0) throw new TypeError('Keychain service name must not be empty');

  return {
    async get(account) {
      checkAccount(account);
      const keytar = loadKeytar();
      try {
        return await keytar.getPassword(service, account);
      } catch (err) {
        throw keychainCallError(err);
      }
    },

    async set(account, secret) {
      checkAccount(account);
      // keytar would reject '' with its own message; an empty secret is a caller bug.
      if (secret.length === 0) throw new TypeError('Refusing to store an empty secret');
      const keytar = loadKeytar();
      try {
        await keytar.setPassword(service, account, secret);
      } catch (err) {
        throw keychainCallError(err, secret);
      }
    },

    async delete(account) {
      checkAccount(account);
      const keytar = loadKeytar();
      try {
        return await keytar.deletePassword(service, account);
      } catch (err) {
        throw keychainCallError(err);
      }
    },
  };
}
