// The fake Last.fm's own rules, checked with raw HTTP: every client test relies on the fake
// behaving like Last.fm (PROTOCOLS.md), so its quirks are pinned down here.
import { createHash } from 'node:crypto';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';

import { signLastfmParams } from '../../src/main/lastfm/signature.js';
import {
  approveInBrowser,
  expectedSignature,
  startFakeLastfm,
} from '../support/fake-lastfm/index.js';
import type { FakeLastfm, FakeLastfmOptions } from '../support/fake-lastfm/index.js';

let fake: FakeLastfm | undefined;

async function start(opts?: FakeLastfmOptions): Promise<FakeLastfm> {
  fake = await startFakeLastfm(opts);
  return fake;
}

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

interface CallOptions {
  http?: 'GET' | 'POST';
  /** Default true: add api_sig computed by the app's signer. */
  sign?: boolean;
  /** Default true: format=json. */
  json?: boolean;
  signal?: AbortSignal;
}

async function call(f: FakeLastfm, params: Record<string, string>, o: CallOptions = {}) {
  const all: Record<string, string> = { api_key: f.apiKey, ...params };
  if (o.json !== false) all.format = 'json';
  if (o.sign !== false) all.api_sig = signLastfmParams(all, f.apiSecret);
  const form = new URLSearchParams(all).toString();
  const extra = o.signal ? { signal: o.signal } : {};
  const res =
    o.http === 'GET'
      ? await request(`${f.apiUrl}?${form}`, extra)
      : await request(f.apiUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
          ...extra,
        });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    headers: res.headers,
    text,
    json: (): unknown => JSON.parse(text),
  };
}

interface Play {
  artist: string;
  track: string;
  timestamp: number;
  album?: string;
  albumArtist?: string;
}

function scrobbleParams(sk: string, plays: Play[]): Record<string, string> {
  const params: Record<string, string> = { method: 'track.scrobble', sk };
  plays.forEach((p, i) => {
    for (const [name, value] of Object.entries(p)) params[`${name}[${i}]`] = String(value);
  });
  return params;
}

function nowSec(f: FakeLastfm): number {
  return Math.floor(f.nowMs() / 1000);
}

async function newToken(f: FakeLastfm): Promise<string> {
  const res = await call(f, { method: 'auth.getToken' });
  return (res.json() as { token: string }).token;
}

/** The Last.fm error code in a JSON answer, or undefined when it is not an error. */
async function errorOf(f: FakeLastfm, params: Record<string, string>, o?: CallOptions) {
  return ((await call(f, params, o)).json() as { error?: number }).error;
}

const HEX32 = /^[0-9a-f]{32}$/;

describe('fake Last.fm: keys, signatures, methods', () => {
  it('checks the API key, the signature and required parameters', async () => {
    const f = await start();
    expect(await errorOf(f, { method: 'auth.getToken', api_key: 'nope' })).toBe(10);
    const badSig = await call(
      f,
      { method: 'auth.getToken', api_sig: '0'.repeat(32) },
      { sign: false },
    );
    expect(badSig.json()).toMatchObject({ error: 13 });
    expect(badSig.status).toBe(200);
    expect(await errorOf(f, { method: 'auth.getToken' }, { sign: false })).toBe(13);
    expect(await errorOf(f, { method: 'auth.getSession' })).toBe(6);
    expect(await errorOf(f, { method: 'track.nonsense' })).toBe(3);
    expect(await newToken(f)).toMatch(HEX32);
    // The fake signs independently of the app; both must agree with Last.fm's vector.
    const vector = { api_key: 'K', method: 'auth.getSession', token: 'T', format: 'json' };
    expect(expectedSignature(vector, 'secret')).toBe('37d55b7ad890b24ee678f74fac66d197');
  });

  it('refuses writes by GET and reads POST parameters from the body only', async () => {
    const f = await start();
    const sk = f.createSession('alice');
    const plays = [{ artist: 'Cher', track: 'Believe', timestamp: nowSec(f) }];
    expect(await errorOf(f, scrobbleParams(sk, plays), { http: 'GET' })).toBe(3);
    const mobile = await call(
      f,
      { method: 'auth.getMobileSession', username: 'alice', password: 'alice-password' },
      { http: 'GET' },
    );
    expect(mobile.json()).toEqual({ error: 4, message: 'This service requires POST' });
    const queryOnly = await request(`${f.apiUrl}?method=user.getInfo&user=alice&format=json`, {
      method: 'POST',
    });
    // Without format=json in the body the answer is XML.
    expect(await queryOnly.body.text()).toContain('<error code="3">');
    expect(f.scrobbles).toHaveLength(0);
    expect(f.requests.map((r) => [r.method, r.httpMethod])).toEqual([
      ['track.scrobble', 'GET'],
      ['auth.getMobileSession', 'GET'],
      [null, 'POST'],
    ]);
  });

  it('answers XML without format=json', async () => {
    const f = await start();
    const okXml = await call(f, { method: 'user.getRecentTracks', user: 'alice' }, { json: false });
    expect(okXml.headers['content-type']).toMatch(/xml/);
    expect(okXml.text).toContain('<lfm status="ok"><recenttracks user="alice"');
    const failed = await call(f, { method: 'auth.getToken', api_key: 'x' }, { json: false });
    expect(failed.text).toMatch(
      /<lfm status="failed"><error code="10">Invalid API key[^<]*<\/error><\/lfm>/,
    );
  });
});

describe('fake Last.fm: authentication', () => {
  it('runs the desktop token life cycle: 14, approve, session, 4 on reuse, 15 after an hour', async () => {
    const f = await start();
    const token = await newToken(f);
    expect(await errorOf(f, { method: 'auth.getSession', token })).toBe(14);
    f.approveToken(token, 'alice');
    const session = (await call(f, { method: 'auth.getSession', token })).json() as {
      session: Record<string, unknown>;
    };
    expect(session.session).toMatchObject({ name: 'alice', subscriber: '0' });
    expect(session.session.key).toMatch(HEX32);
    expect(await errorOf(f, { method: 'auth.getSession', token })).toBe(4);
    expect(await errorOf(f, { method: 'auth.getSession', token: 'f'.repeat(32) })).toBe(4);

    const late = await newToken(f);
    f.approveToken(late, 'alice');
    f.advanceClock(61 * 60 * 1000);
    expect(await errorOf(f, { method: 'auth.getSession', token: late })).toBe(15);
  });

  it('redirects the web flow to the callback with ?token= or &token=', async () => {
    const f = await start({ users: { alice: 'a', bob: 'b' } });
    const page = (cb: string) => `${f.authUrl}?api_key=${f.apiKey}&cb=${encodeURIComponent(cb)}`;
    const plain = await approveInBrowser(page('http://127.0.0.1:9/cb'));
    expect(plain.redirect).toMatch(/^http:\/\/127\.0\.0\.1:9\/cb\?token=[0-9a-f]{32}$/);
    const withQuery = await approveInBrowser(page('http://127.0.0.1:9/cb?state=s1'), 'bob');
    expect(withQuery.redirect).toMatch(
      /^http:\/\/127\.0\.0\.1:9\/cb\?state=s1&token=[0-9a-f]{32}$/,
    );

    const token = new URL(withQuery.redirect ?? '').searchParams.get('token') ?? '';
    expect((await call(f, { method: 'auth.getSession', token })).json()).toMatchObject({
      session: { name: 'bob' },
    });
    await expect(approveInBrowser(`${f.authUrl}?api_key=wrong&cb=http://x/`)).rejects.toThrow(
      /400/,
    );
  });

  it('approves a desktop token on the auth page without a redirect', async () => {
    const f = await start();
    const token = await newToken(f);
    const result = await approveInBrowser(`${f.authUrl}?api_key=${f.apiKey}&token=${token}`);
    expect(result.redirect).toBeNull();
    expect((await call(f, { method: 'auth.getSession', token })).json()).toMatchObject({
      session: { name: 'alice' },
    });
  });

  it('gives mobile sessions for the right password only, and refuses revoked sessions', async () => {
    const f = await start();
    const login = (password: string) =>
      call(f, { method: 'auth.getMobileSession', username: 'alice', password });
    expect((await login('wrong')).json()).toEqual({ error: 4, message: 'Authentication Failed' });
    const sk = ((await login('alice-password')).json() as { session: { key: string } }).session.key;
    const info = await call(f, { method: 'user.getInfo', sk });
    expect(info.json()).toMatchObject({ user: { name: 'alice', playcount: '0' } });
    f.revokeSession(sk);
    expect((await call(f, { method: 'user.getInfo', sk })).json()).toEqual({
      error: 9,
      message: 'Invalid session key - Please re-authenticate',
    });
    const unknownSk = { method: 'track.love', artist: 'A', track: 'T', sk: 'f'.repeat(32) };
    expect(await errorOf(f, unknownSk)).toBe(9);
  });
});

describe('fake Last.fm: scrobbling', () => {
  it('answers a single scrobble with an object, string numbers and corrections', async () => {
    const f = await start();
    const sk = f.createSession('alice');
    const ts = nowSec(f) - 60;
    // album + albumArtist also check that both signers sort `albumArtist[0]` before `album[0]`.
    const play = { artist: 'the beatles', track: 'Help!', timestamp: ts, album: 'Help!' };
    const plays = [{ ...play, albumArtist: 'the beatles' }];
    const res = await call(f, scrobbleParams(sk, plays));
    expect(res.json()).toEqual({
      scrobbles: {
        scrobble: {
          artist: { corrected: '1', '#text': 'The Beatles' },
          album: { corrected: '0', '#text': 'Help!' },
          albumArtist: { corrected: '0', '#text': 'the beatles' },
          track: { corrected: '0', '#text': 'Help!' },
          ignoredmessage: { code: '0', '#text': '' },
          timestamp: String(ts),
        },
        '@attr': { accepted: '1', ignored: '0' },
      },
    });
    const recorded = { artist: 'the beatles', correctedArtist: 'The Beatles', timestamp: ts };
    expect(f.scrobbles).toMatchObject([{ user: 'alice', artistCorrected: true, ...recorded }]);
  });

  it('ignores too old, too new, filtered and over-cap scrobbles with their codes', async () => {
    const f = await start({ dailyCap: 2 });
    const sk = f.createSession('alice');
    const now = nowSec(f);
    const res = await call(
      f,
      scrobbleParams(sk, [
        { artist: 'Old', track: 'T', timestamp: now - 15 * 24 * 3600 },
        { artist: 'New', track: 'T', timestamp: now + 3600 },
        { artist: 'Spam Artist', track: 'T', timestamp: now },
        { artist: 'Björk', track: 'Jóga', timestamp: now - 30 }, // UTF-8 signs alike on both sides
        { artist: 'Cher', track: 'Two', timestamp: now - 20 },
        { artist: 'Cher', track: 'Three', timestamp: now - 10 },
      ]),
    );
    const body = res.json() as {
      scrobbles: {
        scrobble: { ignoredMessage: { code: string }; album: object }[];
        '@attr': object;
      };
    };
    expect(body.scrobbles['@attr']).toEqual({ accepted: '2', ignored: '4' });
    const codes = body.scrobbles.scrobble.map((s) => s.ignoredMessage.code);
    expect(codes.join(',')).toBe('3,4,1,0,0,5');
    // Like Last.fm, an empty field comes back without '#text'.
    expect(body.scrobbles.scrobble[0]?.album).toEqual({ corrected: '0' });
    expect(f.scrobbles.map((s) => s.track)).toEqual(['Jóga', 'Two']);
  });

  it('refuses more than 50 items and incomplete items with error 6', async () => {
    const f = await start();
    const sk = f.createSession('alice');
    const plays = Array.from({ length: 51 }, (_, i) => ({
      artist: 'A',
      track: `T${i}`,
      timestamp: nowSec(f),
    }));
    expect(await errorOf(f, scrobbleParams(sk, plays))).toBe(6);
    const gap = { ...scrobbleParams(sk, plays.slice(0, 3)), 'track[1]': '' };
    expect(await errorOf(f, gap)).toBe(6);
    expect(f.scrobbles).toHaveLength(0);
  });

  it('records now playing and loves', async () => {
    const f = await start();
    const sk = f.createSession('alice');
    const track = { artist: 'Cher', track: 'Believe', sk };
    const np = await call(f, { method: 'track.updateNowPlaying', ...track });
    expect(np.json()).toMatchObject({ nowplaying: { ignoredMessage: { code: '0' } } });
    expect(f.nowPlaying('alice')).toMatchObject({ artist: 'Cher', track: 'Believe' });
    expect((await call(f, { method: 'track.love', ...track })).json()).toEqual({});
    expect(f.loved('alice')).toEqual([{ artist: 'Cher', track: 'Believe' }]);
    await call(f, { method: 'track.unlove', artist: 'cher', track: 'believe', sk });
    expect(f.loved('alice')).toEqual([]);
  });
});

describe('fake Last.fm: recent tracks', () => {
  it('pages newest first, puts now playing first on page 1, and sends one track as an object', async () => {
    const f = await start();
    const sk = f.createSession('alice');
    const now = nowSec(f);
    const titles = ['First', 'Second', 'Third'];
    await call(
      f,
      scrobbleParams(
        sk,
        titles.map((track, i) => ({ artist: 'Cher', track, timestamp: now - 300 + i })),
      ),
    );
    await call(f, { method: 'track.updateNowPlaying', artist: 'Cher', track: 'Playing', sk });
    const recent = (page: number) =>
      call(
        f,
        { method: 'user.getRecentTracks', user: 'ALICE', limit: '2', page: String(page) },
        { http: 'GET', sign: false },
      );

    type Track = { name: string; date?: { uts: string }; '@attr'?: object };
    const one = (await recent(1)).json() as { recenttracks: { track: Track[]; '@attr': object } };
    expect(one.recenttracks.track.map((t) => t.name)).toEqual(['Playing', 'Third', 'Second']);
    expect(one.recenttracks.track[0]).toMatchObject({ '@attr': { nowplaying: 'true' } });
    expect(one.recenttracks.track[0]?.date).toBeUndefined();
    expect(one.recenttracks.track[1]?.date?.uts).toBe(String(now - 298));
    const paging = { page: '1', perPage: '2', totalPages: '2', total: '3' };
    expect(one.recenttracks['@attr']).toEqual({ user: 'alice', ...paging });

    const two = (await recent(2)).json() as { recenttracks: { track: Track } };
    expect(two.recenttracks.track).toMatchObject({ name: 'First', artist: { '#text': 'Cher' } });
    const nobody = await call(f, { method: 'user.getRecentTracks', user: 'nobody' });
    expect(nobody.json()).toEqual({ error: 6, message: 'User not found' });
  });
});

describe('fake Last.fm: faults', () => {
  const recentOf = (f: FakeLastfm) =>
    call(f, { method: 'user.getRecentTracks', user: 'alice' }, { http: 'GET' });
  const normal = (res: { status: number; json: () => unknown }) => {
    expect(res.status).toBe(200);
    expect(res.json()).toHaveProperty('recenttracks');
  };

  it('serves a status fault once, with Retry-After, then answers normally', async () => {
    const f = await start();
    f.injectFault({ kind: 'status', status: 500 });
    expect((await recentOf(f)).status).toBe(500);
    normal(await recentOf(f));
    f.injectFault({ kind: 'status', status: 429, retryAfterSec: 7 });
    const limited = await recentOf(f);
    expect([limited.status, limited.headers['retry-after']]).toEqual([429, '7']);
    normal(await recentOf(f));
  });

  it('resets the connection or sends a truncated body once', async () => {
    const f = await start();
    f.injectFault({ kind: 'reset' });
    await expect(recentOf(f)).rejects.toThrow();
    normal(await recentOf(f));
    f.injectFault({ kind: 'malformed' });
    const broken = await recentOf(f);
    expect(broken.status).toBe(200);
    expect(() => broken.json()).toThrow(SyntaxError);
    normal(await recentOf(f));
  });

  it('sends Last.fm error bodies: 16 with 200, 29 with 429', async () => {
    const f = await start();
    f.injectFault({ kind: 'error', code: 16 });
    f.injectFault({ kind: 'error', code: 29 });
    const temporary = await recentOf(f);
    expect([temporary.status, (temporary.json() as { error: number }).error]).toEqual([200, 16]);
    const rate = await recentOf(f);
    expect([rate.status, (rate.json() as { error: number }).error]).toEqual([429, 29]);
    normal(await recentOf(f));
  });

  it('matches faults to a method and uses them `times` times', async () => {
    const f = await start();
    const sk = f.createSession('alice');
    const plays = [{ artist: 'Cher', track: 'Believe', timestamp: nowSec(f) }];
    f.injectFault({ kind: 'status', status: 503 }, { method: 'track.scrobble', times: 2 });
    normal(await recentOf(f));
    expect((await call(f, scrobbleParams(sk, plays))).status).toBe(503);
    expect((await call(f, scrobbleParams(sk, plays))).status).toBe(503);
    expect((await call(f, scrobbleParams(sk, plays))).status).toBe(200);
    expect(f.scrobbles).toHaveLength(1);
  });

  it('delays a reply past a client timeout while still recording it, then answers normally', async () => {
    const f = await start();
    const sk = f.createSession('alice');
    f.injectFault({ kind: 'delay', ms: 10_000 });
    const plays = [{ artist: 'Cher', track: 'Believe', timestamp: nowSec(f) }];
    await expect(
      call(f, scrobbleParams(sk, plays), { signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    expect(f.scrobbles).toHaveLength(1);
    normal(await recentOf(f));
  });

  it('closes promptly with a delayed reply pending', async () => {
    const f = await start();
    f.injectFault({ kind: 'delay', ms: 60_000 });
    const pending = recentOf(f);
    while (f.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await f.close();
    await expect(pending).rejects.toThrow();
  });
});

describe('fake GNU FM (flavor gnufm)', () => {
  const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

  it('checks neither key nor signature, and signs in by authToken only', async () => {
    const f = await start({ flavor: 'gnufm' });
    const unsigned = { method: 'auth.getToken', api_key: 'anything' };
    expect((await call(f, unsigned, { sign: false })).json()).toMatchObject({ token: HEX32 });

    const mobile = (extra: Record<string, string>) =>
      call(f, { method: 'auth.getMobileSession', username: 'Alice', ...extra }, { sign: false });
    // A password alone is a missing parameter, as on a GNU FM server.
    expect((await mobile({ password: 'alice-password' })).json()).toMatchObject({ error: 6 });
    const wrong = md5(`alice${md5('wrong')}`);
    expect((await mobile({ authToken: wrong })).json()).toMatchObject({ error: 4 });
    const right = md5(`alice${md5('alice-password')}`);
    expect((await mobile({ authToken: right })).json()).toMatchObject({
      session: { name: 'alice', key: HEX32 },
    });
  });

  it('swaps ignored codes 3 and 4, and answers a repeated play with 91', async () => {
    const f = await start({ flavor: 'gnufm' });
    const sk = f.createSession('alice');
    const now = nowSec(f);
    // As a real GNU FM answered (docs/SERVICES.md, "Checked against a real GNU FM"): too old
    // means before 2001-12-22 (no 14-day rule: 20 days ago is taken), too new more than
    // 300 s ahead.
    const plays = [
      { artist: 'Old', track: 'T', timestamp: 991_396_800 },
      { artist: 'New', track: 'T', timestamp: now + 3600 },
      { artist: 'Cher', track: 'Believe', timestamp: now - 60 },
      { artist: 'Cher', track: 'Twenty days ago', timestamp: now - 20 * 24 * 3600 },
      { artist: 'Cher', track: 'Clock a bit fast', timestamp: now + 200 },
    ];
    const answersOf = async (batch: Play[]) => {
      const body = (await call(f, scrobbleParams(sk, batch), { sign: false })).json() as {
        scrobbles: { scrobble: { ignoredMessage: { code: string; '#text': string } }[] };
      };
      return body.scrobbles.scrobble.map((s) => s.ignoredMessage);
    };
    const codesOf = async (batch: Play[]) => (await answersOf(batch)).map((m) => m.code).join(',');
    const answers = await answersOf(plays);
    expect(answers.map((m) => m.code).join(',')).toBe('4,3,0,0,0');
    expect(answers.map((m) => m['#text']).slice(0, 2)).toEqual([
      'Timestamp is too old',
      'Timestamp is too new',
    ]);
    expect(await codesOf([plays[2] as Play, { ...(plays[2] as Play), track: 'Strong' }])).toBe(
      '91,0',
    );
    expect(f.scrobbles.map((s) => s.track)).toEqual([
      'Believe',
      'Twenty days ago',
      'Clock a bit fast',
      'Strong',
    ]);
  });

  it('takes cb or token on the auth page, not both', async () => {
    const f = await start({ flavor: 'gnufm' });
    const token = await newToken(f);
    const both = `${f.authUrl}?token=${token}&cb=${encodeURIComponent('http://127.0.0.1:9/cb')}`;
    const res = await request(both);
    expect(res.statusCode).toBe(400);
    expect(await res.body.text()).toMatch(/either cb or token/);
  });
});
