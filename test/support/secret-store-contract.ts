// Behaviour every SecretStore must have. Run against the in-memory double (unit) and the real
// keychain (integration), so the double cannot drift from what the app really gets.
import { describe, expect, it } from 'vitest';
import type { SecretStore } from '../../src/main/secrets/secret-store.js';

export function describeSecretStoreContract(
  label: string,
  makeStore: () => SecretStore,
  // Each test uses fresh account names, so a shared real keychain holds no leftovers.
  newAccount: (hint: string) => string,
): void {
  describe(`${label} (SecretStore contract)`, () => {
    it('returns null for an account that was never stored', async () => {
      expect(await makeStore().get(newAccount('never'))).toBeNull();
    });

    it('stores, reads back and deletes a secret', async () => {
      const store = makeStore();
      const account = newAccount('roundtrip');
      await store.set(account, 'd580d57f32848f5dcf574d1ce18d78b2');
      expect(await store.get(account)).toBe('d580d57f32848f5dcf574d1ce18d78b2');
      expect(await store.delete(account)).toBe(true);
      expect(await store.get(account)).toBeNull();
    });

    it('overwrites an existing secret', async () => {
      const store = makeStore();
      const account = newAccount('overwrite');
      await store.set(account, 'first-key');
      await store.set(account, 'second-key');
      expect(await store.get(account)).toBe('second-key');
      await store.delete(account);
    });

    it('keeps a unicode secret intact', async () => {
      const store = makeStore();
      const account = newAccount('unicode');
      const secret = 'ключ 🔑 秘密 émoji\u00a0end';
      await store.set(account, secret);
      expect(await store.get(account)).toBe(secret);
      await store.delete(account);
    });

    it('reports false when deleting something that is not there', async () => {
      expect(await makeStore().delete(newAccount('missing'))).toBe(false);
    });

    it('keeps two accounts independent', async () => {
      const store = makeStore();
      const alice = newAccount('alice');
      const bob = newAccount('bob');
      await store.set(alice, 'alice-key');
      await store.set(bob, 'bob-key');
      expect(await store.delete(alice)).toBe(true);
      expect(await store.get(alice)).toBeNull();
      expect(await store.get(bob)).toBe('bob-key');
      await store.delete(bob);
    });

    it('rejects an empty account name or an empty secret', async () => {
      const store = makeStore();
      await expect(store.get('')).rejects.toThrow(TypeError);
      await expect(store.set(newAccount('empty'), '')).rejects.toThrow(TypeError);
    });
  });
}
