import { describe, expect, it } from 'vitest';
import { apiSecretAccount, sessionAccount } from '../../../src/main/secrets/accounts.js';

describe('keychain account names', () => {
  it('names session keys by service and user', () => {
    expect(sessionAccount('lastfm', 'alice')).toBe('session:lastfm:alice');
    expect(sessionAccount('librefm', 'Alice_B-1')).toBe('session:librefm:Alice_B-1');
  });

  it('keeps different services and users apart', () => {
    const names = new Set([
      sessionAccount('lastfm', 'alice'),
      sessionAccount('librefm', 'alice'),
      sessionAccount('lastfm', 'bob'),
      apiSecretAccount('lastfm'),
      apiSecretAccount('librefm'),
    ]);
    expect(names.size).toBe(5);
  });

  it('names the API secret by service', () => {
    expect(apiSecretAccount('lastfm')).toBe('api-secret:lastfm');
    expect(apiSecretAccount('gnufm-home.example')).toBe('api-secret:gnufm-home.example');
  });

  it('rejects service ids that would make names ambiguous or odd', () => {
    for (const bad of ['', 'last:fm', 'LastFM', ' lastfm', '-x']) {
      expect(() => apiSecretAccount(bad)).toThrow(TypeError);
      expect(() => sessionAccount(bad, 'alice')).toThrow(TypeError);
    }
  });

  it('rejects empty user names and control characters', () => {
    expect(() => sessionAccount('lastfm', '')).toThrow(TypeError);
    expect(() => sessionAccount('lastfm', 'al\nice')).toThrow(TypeError);
    expect(() => sessionAccount('lastfm', 'al\u0000ice')).toThrow(TypeError);
  });
});
