import { describe, expect, it } from 'vitest';
import {
  checkCallbackRequest,
  REFUSALS,
  sameSecret,
} from '../../../src/main/auth/loopback-request.js';
import type { CallbackRequest } from '../../../src/main/auth/loopback-request.js';

const STATE = 'Zm9vYmFyYmF6cXV4cXV1eHF1dXpxdXV6cXV1enF1dXo';
const expected = { port: 41234, path: '/callback', state: STATE };
const HOST = '127.0.0.1:41234';
const TOKEN = 'd580d57f32848f5dcf574d1ce18d78b2';

function check(over: Partial<CallbackRequest>) {
  return checkCallbackRequest(
    {
      method: 'GET',
      host: HOST,
      target: `/callback?state=${STATE}&token=${TOKEN}`,
      ...over,
    },
    expected,
  );
}

function refusal(over: Partial<CallbackRequest>): { status: number; message: string } {
  const verdict = check(over);
  if (verdict.kind !== 'refuse') throw new Error('expected a refusal');
  return verdict;
}

describe('checkCallbackRequest', () => {
  it('accepts the redirect Last.fm makes (state from our URL, token appended)', () => {
    const verdict = check({});
    expect(verdict.kind).toBe('callback');
    if (verdict.kind === 'callback') {
      expect(verdict.token).toBe(TOKEN);
      expect(verdict.url.searchParams.get('state')).toBe(STATE);
      expect(verdict.url.host).toBe(HOST);
    }
  });

  it.each([
    ['a foreign host (DNS rebinding)', 'evil.example:41234'],
    ['localhost instead of the IP literal', 'localhost:41234'],
    ['no port', '127.0.0.1'],
    ['another port', '127.0.0.1:41235'],
    ['IPv6 loopback', '[::1]:41234'],
    ['no Host header', undefined],
  ])('refuses %s with 421', (_label, host) => {
    expect(refusal({ host })).toEqual({ kind: 'refuse', status: 421, message: REFUSALS.host });
  });

  it('refuses absolute-form and scheme-relative targets', () => {
    expect(refusal({ target: `http://evil.example/callback?state=${STATE}` }).status).toBe(400);
    expect(refusal({ target: `//evil.example/callback?state=${STATE}&token=x` }).status).toBe(404);
    expect(refusal({ target: undefined }).status).toBe(400);
  });

  it('answers /favicon.ico with a quiet 404', () => {
    expect(check({ target: '/favicon.ico' })).toMatchObject({ status: 404, quiet: true });
  });

  it.each(['/', '/callback/', '/callbackx', '/other', '/CALLBACK'])(
    'refuses path %s with 404',
    (p) => {
      expect(refusal({ target: `${p}?state=${STATE}&token=${TOKEN}` }).status).toBe(404);
    },
  );

  it.each(['POST', 'PUT', 'HEAD', 'OPTIONS'])(
    'refuses %s on the callback path with 405',
    (method) => {
      expect(check({ method })).toMatchObject({ kind: 'refuse', status: 405, allow: 'GET' });
    },
  );

  it.each([
    ['missing', `/callback?token=${TOKEN}`],
    ['wrong', `/callback?state=${STATE.slice(0, -1)}A&token=${TOKEN}`],
    ['shorter', `/callback?state=${STATE.slice(1)}&token=${TOKEN}`],
    ['empty', `/callback?state=&token=${TOKEN}`],
    ['given twice', `/callback?state=${STATE}&state=${STATE}&token=${TOKEN}`],
  ])('refuses a %s state with 400', (_label, target) => {
    expect(refusal({ target })).toMatchObject({ status: 400, message: REFUSALS.state });
  });

  it.each([
    ['missing', `/callback?state=${STATE}`],
    ['empty', `/callback?state=${STATE}&token=`],
    ['given twice', `/callback?state=${STATE}&token=a&token=b`],
    ['with a space', `/callback?state=${STATE}&token=a%20b`],
    ['with markup', `/callback?state=${STATE}&token=<script>x</script>`],
    ['too long', `/callback?state=${STATE}&token=${'a'.repeat(513)}`],
  ])('refuses a %s token with 400', (_label, target) => {
    expect(refusal({ target })).toMatchObject({ status: 400, message: REFUSALS.token });
  });

  it('never puts request input into a refusal message', () => {
    const evil = '%3Cscript%3Ealert(1)%3C%2Fscript%3E';
    for (const over of [
      { target: `/callback?state=${evil}&token=${evil}` },
      { target: `/${evil}` },
      { host: `${evil}:41234` },
    ]) {
      const { message } = refusal(over);
      expect(message).not.toMatch(/script|alert/i);
      expect(Object.values(REFUSALS)).toContain(message);
    }
  });
});

describe('sameSecret', () => {
  it('compares exactly, including length', () => {
    expect(sameSecret(STATE, STATE)).toBe(true);
    expect(sameSecret(STATE, `${STATE}x`)).toBe(false);
    expect(sameSecret('', STATE)).toBe(false);
    expect(sameSecret(STATE.toLowerCase(), STATE)).toBe(false);
  });
});
