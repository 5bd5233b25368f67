import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl } from '../../../src/main/oauth/oauth2/authorize-url.js';
import { codeChallengeS256, createCodeVerifier } from '../../../src/main/oauth/oauth2/pkce.js';

describe('PKCE S256 (RFC 7636)', () => {
  it('derives the Appendix B challenge from its verifier', () => {
    expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes fresh 43-character verifiers from the allowed alphabet', () => {
    const a = createCodeVerifier();
    const b = createCodeVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it('refuses a verifier outside §4.1 with a plain message', () => {
    expect(() => codeChallengeS256('short')).toThrow(/43 to 128 characters/);
  });

  it('asks for the code with S256 and the state on the authorize URL', () => {
    const url = new URL(
      buildAuthorizeUrl({
        authorizeUrl: 'https://secure.example/authorize?prompt=login',
        clientId: 'id',
        redirectUri: 'http://127.0.0.1:5000/callback',
        codeChallenge: 'c',
        state: 's',
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      prompt: 'login',
      client_id: 'id',
      redirect_uri: 'http://127.0.0.1:5000/callback',
      response_type: 'code',
      code_challenge: 'c',
      code_challenge_method: 'S256',
      state: 's',
    });
  });
});
