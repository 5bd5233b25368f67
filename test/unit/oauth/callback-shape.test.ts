// The loopback callback check with the options the OAuth flows use (src/main/auth is shared
// with Last.fm sign-in; its defaults are tested in test/unit/auth/loopback-request.test.ts).
import { describe, expect, it } from 'vitest';
import { checkCallbackRequest, REFUSALS } from '../../../src/main/auth/loopback-request.js';

const STATE = 's'.repeat(43);
const oauth2 = {
  port: 4000,
  path: '/callback',
  state: STATE,
  tokenParam: 'code',
  errorParam: 'error',
};
const get = (target: string) => ({ method: 'GET', target, host: '127.0.0.1:4000' });

describe('loopback callback check for OAuth', () => {
  it('takes the code from `code` when the state matches', () => {
    const verdict = checkCallbackRequest(get(`/callback?code=abc&state=${STATE}`), oauth2);
    expect(verdict).toMatchObject({ kind: 'callback', token: 'abc' });
  });

  it('reports a refusal with the right state as denied, quoting only a plain error code', () => {
    expect(
      checkCallbackRequest(get(`/callback?error=access_denied&state=${STATE}`), oauth2),
    ).toMatchObject({
      kind: 'denied',
      code: 'access_denied',
    });
    expect(
      checkCallbackRequest(get(`/callback?error=%3Cscript%3E&state=${STATE}`), oauth2),
    ).toMatchObject({
      kind: 'denied',
      code: 'unknown',
    });
  });

  it('refuses an error callback with the wrong state like any forged callback', () => {
    expect(
      checkCallbackRequest(get(`/callback?error=access_denied&state=${'t'.repeat(43)}`), oauth2),
    ).toMatchObject({
      kind: 'refuse',
      status: 400,
      message: REFUSALS.state,
    });
  });

  it('does not accept `token` when another parameter was asked for, nor two codes', () => {
    expect(checkCallbackRequest(get(`/callback?token=abc&state=${STATE}`), oauth2)).toMatchObject({
      kind: 'refuse',
      message: REFUSALS.token,
    });
    expect(
      checkCallbackRequest(get(`/callback?code=a&code=b&state=${STATE}`), oauth2),
    ).toMatchObject({ kind: 'refuse' });
  });

  it('keeps Last.fm behaviour by default: `token`, and no error parameter', () => {
    const lastfm = { port: 4000, path: '/callback', state: STATE };
    expect(checkCallbackRequest(get(`/callback?state=${STATE}&token=t0k`), lastfm)).toMatchObject({
      kind: 'callback',
      token: 't0k',
    });
    expect(
      checkCallbackRequest(get(`/callback?state=${STATE}&error=access_denied`), lastfm),
    ).toMatchObject({ kind: 'refuse' });
  });
});
