import { describe, expect, it } from 'vitest';
import { parseSoundCloudCredential } from '../../../src/main/oauth/soundcloud-credential.js';

const user = { id: 'soundcloud:users:1', username: 'alice' };

describe('reading a saved SoundCloud credential back', () => {
  it('round-trips both kinds through JSON', () => {
    const one = { method: 'oauth1', accessToken: 'a', tokenSecret: 'b', user } as const;
    const two = {
      method: 'oauth2',
      accessToken: 'a',
      refreshToken: 'r',
      expiresAt: 5,
      user,
    } as const;
    expect(parseSoundCloudCredential(JSON.parse(JSON.stringify(one)))).toEqual(one);
    expect(parseSoundCloudCredential(JSON.parse(JSON.stringify(two)))).toEqual(two);
  });

  it.each([
    null,
    'a string',
    { method: 'oauth1', accessToken: 'a', user },
    { method: 'oauth3', accessToken: 'a', user },
    { method: 'oauth2', accessToken: '', user },
    { method: 'oauth2', accessToken: 'a' },
  ])('refuses %j with a message that says to sign in again', (value) => {
    expect(() => parseSoundCloudCredential(value)).toThrow(/Sign in to SoundCloud again/);
  });
});
