// The Last.fm 2.0 client against the fake Last.fm (test/support/fake-lastfm), over real HTTP on
// 127.0.0.1: every client method end to end, with the fake checking keys and signatures the
// way Last.fm does. Injected faults and timeouts are in lastfm-client-faults.test.ts.
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { authPageUrl } from '../../src/main/auth/auth-api.js';
import { LastfmClient } from '../../src/main/lastfm/client.js';
import { LastfmError } from '../../src/main/lastfm/errors.js';
import { IGNORED_REASONS } from '../../src/shared/track.js';
import type { ScrobbleItem } from '../../src/shared/track.js';
import {
  approveInBrowser,
  startFakeLastfm,
  TOKEN_LIFETIME_MS,
} from '../support/fake-lastfm/index.js';
import type { FakeLastfm, FakeLastfmOptions } from '../support/fake-lastfm/index.js';

const hex32 = (): string => randomBytes(16).toString('hex');
const HEX32 = /^[0-9a-f]{32}$/;
const API_KEY = hex32();
const API_SECRET = hex32();
const PASSWORD = 'Alice: correct horse battery staple';
const WRONG_PASSWORD = 'Tr0ub4dor&3-not-alices';
const DAY_S = 24 * 60 * 60;

/** Everything that must never show in an error: grows with each session key handed out. */
const secrets = new Set([API_SECRET, PASSWORD, WRONG_PASSWORD]);

let fake: FakeLastfm;
let client: LastfmClient;
/** Fakes and clients a single test started; closed after it. */
const ownFakes: FakeLastfm[] = [];
const ownClients: LastfmClient[] = [];

function fakeOptions(extra: FakeLastfmOptions = {}): FakeLastfmOptions {
  return { apiKey: API_KEY, apiSecret: API_SECRET, users: { alice: PASSWORD }, ...extra };
}

function clientFor(f: FakeLastfm, apiUrl = f.apiUrl): LastfmClient {
  const c = new LastfmClient({ apiUrl, apiKey: API_KEY, apiSecret: API_SECRET });
  ownClients.push(c);
  return c;
}

/** A fake of its own, for tests that move its clock or change its limits. */
async function ownFake(extra?: FakeLastfmOptions): Promise<{ f: FakeLastfm; c: LastfmClient }> {
  const f = await startFakeLastfm(fakeOptions(extra));
  ownFakes.push(f);
  return { f, c: clientFor(f) };
}

function session(f: FakeLastfm, user: string): string {
  const sk = f.createSession(user);
  secrets.add(sk);
  return sk;
}

/** Every way an error gets shown or logged must be free of credentials. */
function expectNoSecrets(err: Error): void {
  const views = [err.message, String(err.stack), JSON.stringify(err), inspect(err, { depth: 5 })];
  for (const view of views) for (const secret of secrets) expect(view).not.toContain(secret);
}

async function failure(p: Promise<unknown>): Promise<LastfmError> {
  const err = await p.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LastfmError);
  expectNoSecrets(err as Error);
  return err as LastfmError;
}

const nowSec = (f: FakeLastfm): number => Math.floor(f.nowMs() / 1000);
const recorded = (f: FakeLastfm, track: string) => f.scrobbles.filter((s) => s.track === track);

beforeAll(async () => {
  fake = await startFakeLastfm(fakeOptions());
  client = new LastfmClient({ apiUrl: fake.apiUrl, apiKey: API_KEY, apiSecret: API_SECRET });
});

afterEach(async () => {
  await Promise.all(ownClients.splice(0).map((c) => c.close()));
  await Promise.all(ownFakes.splice(0).map((f) => f.close()));
});

afterAll(async () => {
  await client.close();
  await fake.close();
});

describe('desktop sign-in (auth.getToken, then auth.getSession)', () => {
  it('gives a session once the token is approved, and the token works only once', async () => {
    const token = await client.getToken();
    expect(token).toMatch(HEX32);
    secrets.add(token);

    const early = await failure(client.getSession(token));
    // 14 is "not approved yet": permanent by class, so the token flow polls on it itself.
    expect(early).toMatchObject({ code: 14, errorClass: 'permanent', method: 'auth.getSession' });

    fake.approveToken(token, 'alice');
    const s = await client.getSession(token);
    secrets.add(s.key);
    expect(s).toEqual({ name: 'alice', key: expect.stringMatching(HEX32), subscriber: false });
    expect((await client.getUserInfo({ sessionKey: s.key })).name).toBe('alice');

    const reused = await failure(client.getSession(token));
    expect(reused).toMatchObject({ code: 4, errorClass: 'permanent' });
  });

  it('a token nobody approves within 60 minutes expires (error 15)', async () => {
    const { f, c } = await ownFake();
    const token = await c.getToken();
    secrets.add(token);
    expect((await failure(c.getSession(token))).code).toBe(14);
    f.advanceClock(TOKEN_LIFETIME_MS + 60_000);
    const expired = await failure(c.getSession(token));
    expect(expired).toMatchObject({ code: 15, errorClass: 'permanent' });
  });

  it('the approval page (authUrl?api_key=K&token=T) approves the token', async () => {
    const token = await client.getToken();
    secrets.add(token);
    const page = authPageUrl(fake.authUrl, API_KEY, { token });
    expect((await approveInBrowser(page, 'alice')).redirect).toBeNull();
    const s = await client.getSession(token);
    secrets.add(s.key);
    expect(s.name).toBe('alice');
  });
});

describe('web sign-in (auth page with cb, redirect with ?token=)', () => {
  it('the redirect carries a token that auth.getSession exchanges for a session', async () => {
    const cb = 'http://127.0.0.1:45678/callback?state=n0nce';
    const page = authPageUrl(fake.authUrl, API_KEY, { cb });
    expect(page).toBe(`${fake.authUrl}?api_key=${API_KEY}&cb=${encodeURIComponent(cb)}`);

    const { redirect } = await approveInBrowser(page, 'alice');
    expect(redirect?.startsWith(`${cb}&token=`)).toBe(true);
    const token = new URL(redirect ?? '').searchParams.get('token') ?? '';
    expect(token).toMatch(HEX32);
    secrets.add(token);

    const s = await client.getSession(token);
    secrets.add(s.key);
    expect(s).toMatchObject({ name: 'alice', subscriber: false });
  });
});

describe('password sign-in (auth.getMobileSession)', () => {
  it('the right password gives a session for the user as registered, sent by POST', async () => {
    const s = await client.getMobileSession('Alice', PASSWORD);
    secrets.add(s.key);
    expect(s).toEqual({ name: 'alice', key: expect.stringMatching(HEX32), subscriber: false });
    const call = fake.requests.findLast((r) => r.method === 'auth.getMobileSession');
    expect(call?.httpMethod).toBe('POST');
    expect((await client.getUserInfo({ sessionKey: s.key })).name).toBe('alice');
  });

  it('a wrong password is a permanent error 4', async () => {
    const err = await failure(client.getMobileSession('alice', WRONG_PASSWORD));
    expect(err).toMatchObject({ code: 4, errorClass: 'permanent' });
  });

  it("via 'authToken' (GNU FM's form) is refused by Last.fm's rules: error 6", async () => {
    // The fake plays Last.fm, which takes `password`; the authToken form is for GNU FM servers.
    const err = await failure(client.getMobileSession('alice', PASSWORD, { via: 'authToken' }));
    expect(err).toMatchObject({ code: 6, errorClass: 'permanent' });
  });

  it('does not send a password over plain HTTP to another machine', async () => {
    const remote = clientFor(fake, 'http://scrobbler.example/2.0/');
    const before = fake.requests.length;
    const err = await failure(remote.getMobileSession('alice', PASSWORD));
    expect(err.errorClass).toBe('permanent');
    expect(err.message).toContain('only over HTTPS');
    expect(fake.requests).toHaveLength(before);
  });
});

describe('track.scrobble', () => {
  let sk: string;
  beforeAll(() => {
    sk = session(fake, 'alice');
  });

  it('one play (answered as an object, not a list) is accepted and recorded as sent', async () => {
    const play: ScrobbleItem = {
      artist: 'Cher',
      track: 'Believe',
      album: 'Believe',
      albumArtist: 'Cher',
      duration: 239,
      trackNumber: 1,
      chosenByUser: true,
      timestamp: nowSec(fake) - 300,
    };
    const result = await client.scrobble(sk, [play]);
    expect(result).toEqual({
      accepted: 1,
      ignored: 0,
      items: [
        {
          status: 'accepted',
          recorded: { artist: 'Cher', track: 'Believe', album: 'Believe', albumArtist: 'Cher' },
          corrected: { artist: false, track: false, album: false, albumArtist: false },
        },
      ],
    });
    expect(recorded(fake, 'Believe')).toEqual([
      expect.objectContaining({ user: 'alice', ...play, correctedArtist: 'Cher' }),
    ]);
  });

  it('50 plays are all recorded once, in the order sent', async () => {
    const t0 = nowSec(fake) - 3 * 60 * 60;
    // album and albumArtist on each, and indexes past 9: both test the byte-order signing.
    const plays: ScrobbleItem[] = Array.from({ length: 50 }, (_, i) => ({
      artist: `Batch Artist ${i % 7}`,
      track: `Batch Track ${i}`,
      album: `Batch Album ${i % 3}`,
      albumArtist: 'Various Artists',
      timestamp: t0 + i * 180,
    }));
    const before = fake.scrobbles.length;
    const result = await client.scrobble(sk, plays);
    expect(result.accepted).toBe(50);
    expect(result.ignored).toBe(0);
    expect(result.items.map((o) => o.status === 'accepted' && o.recorded.track)).toEqual(
      plays.map((p) => p.track),
    );
    const added = fake.scrobbles.slice(before);
    expect(added.map((s) => [s.artist, s.track, s.album, s.timestamp])).toEqual(
      plays.map((p) => [p.artist, p.track, p.album, p.timestamp]),
    );
  });

  it('refuses 51 plays before sending anything', async () => {
    const plays = Array.from({ length: 51 }, (_, i) => ({
      artist: 'Too Many',
      track: `Track ${i}`,
      timestamp: nowSec(fake) - 600,
    }));
    const before = fake.requests.length;
    const err = await client.scrobble(sk, plays).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangeError);
    expectNoSecrets(err as Error);
    expect(fake.requests).toHaveLength(before);
  });

  it('reports the artist Last.fm corrected', async () => {
    const result = await client.scrobble(sk, [
      { artist: 'the beatles', track: 'Let It Be', timestamp: nowSec(fake) - 400 },
    ]);
    expect(result.items[0]).toMatchObject({
      status: 'accepted',
      recorded: { artist: 'The Beatles', track: 'Let It Be' },
      corrected: { artist: true, track: false },
    });
    expect(recorded(fake, 'Let It Be')).toEqual([
      expect.objectContaining({ artist: 'the beatles', correctedArtist: 'The Beatles' }),
    ]);
  });

  it.each([
    { code: 1, why: 'a filtered artist', artist: 'Spam Artist', ageS: 60 },
    { code: 3, why: 'a play over 14 days old', artist: 'Old Artist', ageS: 15 * DAY_S },
    { code: 4, why: 'a play an hour in the future', artist: 'Future Artist', ageS: -3600 },
  ])('ignores $why with code $code and says why', async ({ code, artist, ageS }) => {
    const track = `Ignored ${code}`;
    const result = await client.scrobble(sk, [{ artist, track, timestamp: nowSec(fake) - ageS }]);
    expect(result).toMatchObject({ accepted: 0, ignored: 1 });
    expect(result.items[0]).toMatchObject({
      status: 'ignored',
      code,
      reason: IGNORED_REASONS[code],
      recorded: { artist, track },
    });
    expect(recorded(fake, track)).toEqual([]);
  });

  it('ignores plays over the daily cap with code 5 and says why', async () => {
    const { f, c } = await ownFake({ dailyCap: 1 });
    const ownSk = session(f, 'alice');
    const first = await c.scrobble(ownSk, [
      { artist: 'Cap', track: 'First', timestamp: nowSec(f) - 600 },
    ]);
    expect(first.accepted).toBe(1);
    const over = await c.scrobble(ownSk, [
      { artist: 'Cap', track: 'Second', timestamp: nowSec(f) - 300 },
    ]);
    expect(over.items[0]).toMatchObject({ status: 'ignored', code: 5, reason: IGNORED_REASONS[5] });
    expect(f.scrobbles.map((s) => s.track)).toEqual(['First']);
  });

  it('gives each play of a mixed batch its own outcome, in order', async () => {
    const { f, c } = await ownFake({ dailyCap: 3 });
    const ownSk = session(f, 'alice');
    const now = nowSec(f);
    const plays: ScrobbleItem[] = [
      { artist: 'the beatles', track: 'M0', timestamp: now - 700 },
      { artist: 'spam artist', track: 'M1', timestamp: now - 600 },
      { artist: 'Mixed', track: 'M2', timestamp: now - 20 * DAY_S },
      { artist: 'Mixed', track: 'M3', timestamp: now - 500 },
      { artist: 'Mixed', track: 'M4', timestamp: now + 2 * 3600 },
      { artist: 'Mixed', track: 'M5', timestamp: now - 400 },
      { artist: 'Mixed', track: 'M6', timestamp: now - 300 },
    ];
    const result = await c.scrobble(ownSk, plays);
    expect(result).toMatchObject({ accepted: 3, ignored: 4 });
    const codes = result.items.map((o) => (o.status === 'ignored' ? o.code : 0));
    expect(codes).toEqual([0, 1, 3, 0, 4, 0, 5]);
    for (const o of result.items) {
      if (o.status === 'ignored') expect(o.reason).toBe(IGNORED_REASONS[o.code]);
    }
    expect(result.items.map((o) => o.recorded.track)).toEqual(plays.map((p) => p.track));
    expect(result.items[0]?.corrected.artist).toBe(true);
    expect(f.scrobbles.map((s) => s.track)).toEqual(['M0', 'M3', 'M5']);
  });

  it('sends non-ASCII names intact, signed so that the server accepts them', async () => {
    const plays: ScrobbleItem[] = [
      {
        artist: 'Sigur Rós',
        track: 'Hoppípolla',
        album: 'Takk…',
        albumArtist: 'Sigur Rós',
        timestamp: nowSec(fake) - 900,
      },
      {
        artist: '東京事変',
        track: '群青日和',
        album: '教育',
        albumArtist: '東京事変',
        timestamp: nowSec(fake) - 800,
      },
    ];
    const result = await client.scrobble(sk, plays);
    expect(result.accepted).toBe(2);
    expect(result.items.map((o) => o.recorded)).toEqual(
      plays.map(({ artist, track, album, albumArtist }) => ({ artist, track, album, albumArtist })),
    );
    for (const p of plays) {
      expect(recorded(fake, p.track)).toEqual([
        expect.objectContaining({ artist: p.artist, album: p.album, albumArtist: p.albumArtist }),
      ]);
    }
  });

  it('a revoked session key is a reauth error 9 and records nothing', async () => {
    const revoked = session(fake, 'alice');
    fake.revokeSession(revoked);
    const err = await failure(
      client.scrobble(revoked, [
        { artist: 'Revoked', track: 'Never Recorded', timestamp: nowSec(fake) - 60 },
      ]),
    );
    expect(err).toMatchObject({ code: 9, errorClass: 'reauth', method: 'track.scrobble' });
    expect(recorded(fake, 'Never Recorded')).toEqual([]);
  });
});

describe('now playing, love and unlove', () => {
  let sk: string;
  beforeAll(() => {
    fake.addUser('dave', 'dave-password-123');
    sk = session(fake, 'dave');
  });

  it('track.updateNowPlaying shows the track as playing', async () => {
    const track = { artist: 'the beatles', track: 'Something', album: 'Abbey Road', duration: 182 };
    const outcome = await client.updateNowPlaying(sk, track);
    expect(outcome).toMatchObject({
      status: 'accepted',
      recorded: { artist: 'The Beatles', track: 'Something', album: 'Abbey Road' },
      corrected: { artist: true },
    });
    expect(fake.nowPlaying('dave')).toMatchObject({ ...track, correctedArtist: 'The Beatles' });
  });

  it('track.love and track.unlove add and remove the loved track', async () => {
    const t = { artist: 'Björk', track: 'Jóga' };
    await client.love(sk, t);
    expect(fake.loved('dave')).toEqual([t]);
    await client.unlove(sk, t);
    expect(fake.loved('dave')).toEqual([]);
  });
});

describe('reads: user.getRecentTracks and user.getInfo', () => {
  let sk: string;
  let t0: number;
  beforeAll(async () => {
    fake.addUser('carol', 'carol-password-123');
    sk = session(fake, 'carol');
    t0 = nowSec(fake) - 3600;
    const plays = Array.from({ length: 5 }, (_, i) => ({
      artist: `Recent ${i}`,
      track: `Recent Track ${i}`,
      album: `Recent Album ${i}`,
      timestamp: t0 + i * 300,
    }));
    await client.scrobble(sk, plays);
  });

  it('pages through the plays, newest first', async () => {
    const first = await client.getRecentTracks({ user: 'carol', limit: 2 });
    expect(first).toMatchObject({ page: 1, totalPages: 3, total: 5, perPage: 2 });
    expect(first.tracks).toEqual([
      {
        artist: 'Recent 4',
        track: 'Recent Track 4',
        album: 'Recent Album 4',
        timestamp: t0 + 1200,
        nowPlaying: false,
      },
      expect.objectContaining({ track: 'Recent Track 3', timestamp: t0 + 900 }),
    ]);
    // The last page holds one track, which Last.fm sends as an object rather than a list.
    const last = await client.getRecentTracks({ user: 'carol', limit: 2, page: 3 });
    expect(last.page).toBe(3);
    expect(last.tracks.map((t) => t.track)).toEqual(['Recent Track 0']);
    const extended = await client.getRecentTracks({ user: 'carol', limit: 1, extended: true });
    expect(extended.tracks).toEqual([expect.objectContaining({ artist: 'Recent 4' })]);
  });

  it('filters by from and to, both inclusive', async () => {
    const page = await client.getRecentTracks({ user: 'carol', from: t0 + 300, to: t0 + 900 });
    expect(page.total).toBe(3);
    expect(page.tracks.map((t) => t.timestamp)).toEqual([t0 + 900, t0 + 600, t0 + 300]);
  });

  it('puts the track playing now first on page 1, flagged and without a time', async () => {
    await client.updateNowPlaying(sk, { artist: 'Live', track: 'Playing Now', duration: 300 });
    const page = await client.getRecentTracks({ user: 'carol', limit: 2 });
    expect(page.tracks).toHaveLength(3);
    expect(page.tracks[0]).toMatchObject({
      artist: 'Live',
      track: 'Playing Now',
      nowPlaying: true,
      timestamp: null,
    });
    expect(page.tracks[1]).toMatchObject({ track: 'Recent Track 4', nowPlaying: false });
    expect(page.total).toBe(5);
  });

  it('user.getInfo by name and for the session owner', async () => {
    const byName = await client.getUserInfo({ user: 'CAROL' });
    expect(byName).toMatchObject({
      name: 'carol',
      playcount: 5,
      url: 'https://www.last.fm/user/carol',
    });
    // Registered when the fake added the user, a moment ago (UTC seconds, not ms).
    expect(Math.abs((byName.registered ?? 0) - nowSec(fake))).toBeLessThan(600);
    expect(await client.getUserInfo({ sessionKey: sk })).toEqual(byName);
  });

  it('an unknown user is a permanent error 6', async () => {
    const err = await failure(client.getUserInfo({ user: 'nobody-here' }));
    expect(err).toMatchObject({ code: 6, errorClass: 'permanent', method: 'user.getInfo' });
    const recent = await failure(client.getRecentTracks({ user: 'nobody-here' }));
    expect(recent).toMatchObject({ code: 6, method: 'user.getRecentTracks' });
  });
});
