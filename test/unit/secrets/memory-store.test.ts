import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../src/main/secrets/memory-store.js';
import { KeychainUnavailableError } from '../../../src/main/secrets/secret-store.js';
import { describeSecretStoreContract } from '../../support/secret-store-contract.js';

let counter = 0;
describeSecretStoreContract(
  'MemorySecretStore',
  () => new MemorySecretStore(),
  (hint) => `test:${hint}:${++counter}`,
);

describe('MemorySecretStore as a test double', () => {
  it('can simulate an unavailable keychain for every call', async () => {
    const store = new MemorySecretStore({ 'api-secret:lastfm': 's3cret' });
    const err = new KeychainUnavailableError('no-secret-service', 'no keychain', 'detail');
    store.failWith(err);
    await expect(store.get('api-secret:lastfm')).rejects.toBe(err);
    await expect(store.set('api-secret:lastfm', 'x')).rejects.toBe(err);
    await expect(store.delete('api-secret:lastfm')).rejects.toBe(err);
    store.failWith(null);
    expect(await store.get('api-secret:lastfm')).toBe('s3cret');
  });

  it('lists the accounts it holds', async () => {
    const store = new MemorySecretStore();
    await store.set('session:lastfm:bob', 'k1');
    await store.set('api-secret:lastfm', 'k2');
    expect(store.accounts()).toEqual(['api-secret:lastfm', 'session:lastfm:bob']);
  });
});
