// The Audioscrobbler 1.2 wire format and failure rules as pure functions (no network).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import {
  authToken,
  failedIsPermanent,
  handshakeUrl,
  nowPlayingForm,
  parseActionReply,
  parseHandshakeReply,
  sourceFor,
  submissionForm,
} from '../../../src/main/targets/as12/protocol.js';
import {
  HandshakeTimestamps,
  SessionPolicy,
} from '../../../src/main/targets/as12/session-policy.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

describe('handshake', () => {
  it('standard form: a = md5(md5(password) + t), lower-case hex', () => {
    const creds = {
      kind: 'password' as const,
      user: 'alice',
      passwordMd5: md5('pw').toUpperCase(),
    };
    expect(authToken(creds, 1_700_000_000)).toBe(md5(md5('pw') + '1700000000'));
    const url = handshakeUrl('http://turtle.example/?x=1', creds, {
      clientId: 'tst',
      clientVersion: '1.0',
      t: 1_700_000_000,
    });
    expect(Object.fromEntries(url.searchParams)).toEqual({
      x: '1',
      hs: 'true',
      p: '1.2.1',
      c: 'tst',
      v: '1.0',
      u: 'alice',
      t: '1700000000',
      a: md5(md5('pw') + '1700000000'),
    });
  });

  it('web-service form: a = md5(secret + t), with api_key and sk', () => {
    const creds = {
      kind: 'web-service' as const,
      user: 'alice',
      apiKey: 'KEY',
      apiSecret: 'SECRET',
      sessionKey: 'SK',
    };
    const q = handshakeUrl('http://h/', creds, {
      clientId: 'tst',
      clientVersion: '1',
      t: 5,
    }).searchParams;
    expect([q.get('a'), q.get('api_key'), q.get('sk')]).toEqual([md5('SECRET5'), 'KEY', 'SK']);
  });

  it('reads the replies, CRLF or not, and calls a cut-off OK unreadable', () => {
    expect(parseHandshakeReply('OK\r\nabc\r\nhttp://h/np\r\nhttp://h/sub\r\n')).toEqual({
      kind: 'ok',
      session: { id: 'abc', nowPlayingUrl: 'http://h/np', submissionUrl: 'http://h/sub' },
    });
    expect(parseHandshakeReply('OK\nabc\n')).toEqual({ kind: 'unreadable' });
    expect(parseHandshakeReply('BADAUTH\n')).toEqual({ kind: 'badauth' });
    expect(parseHandshakeReply('BADTIME\n')).toEqual({ kind: 'badtime' });
    expect(parseHandshakeReply('BANNED\n')).toEqual({ kind: 'banned' });
    expect(parseHandshakeReply('FAILED Nope\n')).toEqual({ kind: 'failed', reason: 'Nope' });
    expect(parseHandshakeReply('FAILED\n')).toEqual({ kind: 'failed', reason: '' });
    expect(parseHandshakeReply('<html>')).toEqual({ kind: 'unreadable' });
    expect(parseHandshakeReply('')).toEqual({ kind: 'unreadable' });
  });
});

describe('now playing and submission forms', () => {
  it('now playing has every key, empty when unknown', () => {
    expect([...nowPlayingForm('S', { artist: ' A ', track: 'T' })]).toEqual([
      ['s', 'S'],
      ['a', 'A'],
      ['t', 'T'],
      ['b', ''],
      ['l', ''],
      ['n', ''],
      ['m', ''],
    ]);
  });

  it('submission: oldest first, every key for every track', () => {
    const { form, order } = submissionForm('S', [
      { artist: 'A', track: 'Later', timestamp: 200, duration: 100 },
      { artist: 'A', track: 'Earlier', timestamp: 100 },
    ]);
    expect(order.map((i) => i.track)).toEqual(['Earlier', 'Later']);
    const keys = [...form.keys()];
    for (const i of [0, 1]) {
      for (const k of ['a', 't', 'i', 'o', 'r', 'l', 'b', 'n', 'm']) {
        expect(keys).toContain(`${k}[${i}]`);
      }
    }
    expect(form.get('t[0]')).toBe('Earlier');
    expect([form.get('o[0]'), form.get('l[0]')]).toEqual(['U', '']);
    expect([form.get('o[1]'), form.get('l[1]')]).toEqual(['P', '100']);
  });

  it('source: P needs a length; unknown length or not chosen by the user is U', () => {
    const base = { artist: 'A', track: 'T', timestamp: 1 };
    expect(sourceFor({ ...base, duration: 60 })).toBe('P');
    expect(sourceFor(base)).toBe('U');
    expect(sourceFor({ ...base, duration: 60, chosenByUser: false })).toBe('U');
  });

  it('reads action replies', () => {
    expect(parseActionReply('OK\n')).toEqual({ kind: 'ok' });
    expect(parseActionReply('BADSESSION\n')).toEqual({ kind: 'badsession' });
    expect(parseActionReply('FAILED x y\n')).toEqual({ kind: 'failed', reason: 'x y' });
    expect(parseActionReply('Notice: something\nOK\n')).toEqual({ kind: 'unreadable' });
  });

  it('FAILED reasons no retry can fix are permanent; others are the server’s trouble', () => {
    expect(failedIsPermanent('Submitted track has timestamp in the future')).toBe(true);
    expect(failedIsPermanent('Track 0 was submitted with empty mandatory field(s)')).toBe(true);
    expect(failedIsPermanent('Database connection lost')).toBe(false);
  });
});

describe('session policy', () => {
  it('handshake waits double from 1 minute up to 120', () => {
    const p = new SessionPolicy();
    const waits = Array.from({ length: 9 }, () => p.handshakeFailed(0) / 60_000);
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 120, 120]);
    expect(p.handshakeWaitMs(60_000)).toBe(119 * 60_000);
    p.handshakeSucceeded();
    expect(p.handshakeWaitMs(0)).toBe(0);
  });

  it('the third hard failure in a row says "handshake again"; a success resets the count', () => {
    const p = new SessionPolicy();
    expect([p.hardFailure(), p.hardFailure()]).toEqual([false, false]);
    p.requestSucceeded();
    expect([p.hardFailure(), p.hardFailure(), p.hardFailure()]).toEqual([false, false, true]);
    expect(p.hardFailures).toBe(0);
  });

  it('timestamps: never the same twice for a key, but not bumped past a clock set back', () => {
    const ts = new HandshakeTimestamps();
    expect([ts.next('k', 1000_000), ts.next('k', 1000_000), ts.next('k', 1000_500)]).toEqual([
      1000, 1001, 1002,
    ]);
    expect(ts.next('other', 1000_000)).toBe(1000);
    ts.next('k', 5000_000);
    expect(ts.next('k', 1000_000)).toBe(1000);
  });
});
