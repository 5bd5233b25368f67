// The Audioscrobbler 1.2.1 client against the fake 1.2 server over real HTTP: handshakes in
// both forms, now playing, submissions, and every reply the protocol has. Faults (network,
// HTTP, cut-off replies) and the back-off are in as12-client-faults.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  As12Client,
  As12Error,
  HandshakeTimestamps,
  md5Hex,
} from '../../../src/main/targets/as12/index.js';
import type { As12ClientOptions, As12Credentials } from '../../../src/main/targets/as12/index.js';
import { startFakeAs12 } from '../../support/fake-as12/index.js';
import type { FakeAs12 } from '../../support/fake-as12/index.js';
import { expectNoSecrets, failureOf } from './secret-scan.js';

const PASSWORD = 'Alice: correct horse battery staple';
const PASSWORD_MD5 = md5Hex(PASSWORD);

let fake: FakeAs12;
const closers: (() => Promise<void>)[] = [];

const alice: As12Credentials = { kind: 'password', user: 'alice', passwordMd5: PASSWORD_MD5 };

function newClient(over: Partial<As12ClientOptions> = {}): As12Client {
  const c = new As12Client({
    handshakeUrl: fake.handshakeUrl,
    credentials: () => alice,
    clientVersion: '0.1.0',
    ...over,
  });
  closers.push(() => c.close());
  return c;
}

const nowSec = (): number => Math.floor(fake.nowMs() / 1000);
let n = 0;
/** A play that no other test uses (the server drops duplicates silently). */
function play(track = `Track ${++n}`, ago = 600, extra: Record<string, unknown> = {}) {
  return { artist: 'AS Artist', track, timestamp: nowSec() - ago, duration: 200, ...extra };
}
const stored = (track: string) => fake.scrobbles.filter((s) => s.track === track);

async function failure(p: Promise<unknown>): Promise<As12Error> {
  const err = await failureOf(p);
  expect(err).toBeInstanceOf(As12Error);
  expectNoSecrets(err, [PASSWORD, PASSWORD_MD5, ...fake.sessions]);
  return err as As12Error;
}

beforeAll(async () => {
  fake = await startFakeAs12({ users: { alice: PASSWORD, bob: 'bob-password' } });
  closers.push(() => fake.close());
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

describe('handshake and submission', () => {
  it('submits a batch oldest first with every key, and each play is stored once', async () => {
    const client = newClient();
    const items = [
      play('Third', 100, { album: 'Album', trackNumber: 3, mbid: 'mbid-3' }),
      play('First', 900),
      play('Second', 500, { duration: undefined }),
    ];
    const result = await client.scrobble(items);

    expect(result.accepted).toBe(3);
    expect(result.sent.map((i) => i.track)).toEqual(['First', 'Second', 'Third']);
    const mine = fake.scrobbles.filter((s) => ['First', 'Second', 'Third'].includes(s.track));
    expect(mine.map((s) => s.track)).toEqual(['First', 'Second', 'Third']);
    expect(mine[2]).toMatchObject({
      user: 'alice',
      artist: 'AS Artist',
      album: 'Album',
      trackNumber: '3',
      mbid: 'mbid-3',
      source: 'P',
      length: 200,
      rating: '',
    });
    // Without a length, P is not allowed: the play goes as U ("source unknown").
    expect(mine[1]).toMatchObject({ source: 'U', length: null, album: '' });
    expect(fake.handshakes.at(-1)).toMatchObject({
      user: 'alice',
      client: 'tst',
      protocol: '1.2.1',
      form: 'standard',
      reply: 'OK',
    });
  });

  it('sends now playing with the same session', async () => {
    const client = newClient();
    await client.nowPlaying({ artist: 'NP Artist', track: 'NP Track', album: 'NP', duration: 321 });
    expect(fake.nowPlaying('alice')).toMatchObject({
      artist: 'NP Artist',
      track: 'NP Track',
      album: 'NP',
      length: '321',
      trackNumber: '',
      mbid: '',
    });
    const handshakes = fake.handshakes.length;
    await client.scrobble([play()]);
    expect(fake.handshakes.length).toBe(handshakes);
  });

  it('signs in with the web-service form (api_key + sk); the user name must match exactly', async () => {
    const sk = fake.createWebSession('bob');
    const web = (user: string): As12Credentials => ({
      kind: 'web-service',
      user,
      apiKey: 'k'.repeat(32),
      apiSecret: 's'.repeat(32),
      sessionKey: sk,
    });
    const ok = newClient({ credentials: () => web('bob') });
    const item = play();
    await ok.scrobble([item]);
    expect(stored(item.track)).toMatchObject([{ user: 'bob' }]);
    expect(fake.handshakes.at(-1)).toMatchObject({ form: 'web-service', reply: 'OK' });

    const wrongCase = newClient({ credentials: () => web('Bob') });
    const err = await failure(wrongCase.handshake());
    expect(err).toMatchObject({ kind: 'needs-sign-in', errorClass: 'reauth' });
    expectNoSecrets(err, [sk, 's'.repeat(32)]);
  });

  it('never uses one handshake timestamp twice in a process, even when the clock stands still', async () => {
    const frozen = Date.now();
    const client = newClient({ now: () => frozen });
    for (let i = 0; i < 2; i++) {
      client.reset();
      await client.handshake();
    }
    // A second client in the same process (made again after sign-in, say) shares the ledger.
    await newClient({ now: () => frozen }).handshake();
    const ts = fake.handshakes.slice(-3).map((h) => Number(h.t));
    expect(ts).toEqual([ts[0], ts[0]! + 1, ts[0]! + 2]);
    expect(fake.handshakes.slice(-3).every((h) => h.reply === 'OK')).toBe(true);
  });

  it('recovers at once from another process taking the same second (FAILED duplicate key)', async () => {
    const serverNow = Date.now();
    const frozen = await startFakeAs12({ users: { alice: PASSWORD }, now: () => serverNow });
    closers.push(() => frozen.close());
    // Two processes: each has its own ledger of used timestamps.
    const processClient = () =>
      newClient({
        handshakeUrl: frozen.handshakeUrl,
        now: () => serverNow,
        timestamps: new HandshakeTimestamps(),
      });
    const first = processClient();
    const second = processClient();
    await first.handshake();
    await second.handshake();
    expect(frozen.handshakes.map((h) => h.reply)).toEqual([
      'OK',
      'FAILED ERROR:  duplicate key value violates unique constraint "scrobble_sessions_pkey"',
      'OK',
    ]);
    expect(second.status).toMatchObject({ hasSession: true, handshakeFailures: 0 });
  });
});

describe('replies', () => {
  it('BADSESSION: handshakes again and sends the same tracks, stored once', async () => {
    const client = newClient();
    await client.handshake();
    for (const id of fake.sessions) fake.dropSession(id);
    const handshakes = fake.handshakes.length;
    const items = [play(), play()];

    const result = await client.scrobble(items);
    expect(result.accepted).toBe(2);
    expect(fake.handshakes.length).toBe(handshakes + 1);
    expect(fake.actions.slice(-2).map((a) => a.reply)).toEqual(['BADSESSION', 'OK']);
    for (const item of items) expect(stored(item.track)).toHaveLength(1);
  });

  it('BADSESSION on now playing: a new session, then the notification goes through', async () => {
    const client = newClient();
    await client.handshake();
    for (const id of fake.sessions) fake.dropSession(id);
    await client.nowPlaying({ artist: 'After', track: 'Bad Session' });
    expect(fake.nowPlaying('alice')).toMatchObject({ track: 'Bad Session' });
  });

  it('BADAUTH (wrong password): needs sign-in, waits; new credentials are tried at once', async () => {
    let creds: As12Credentials = { ...alice, passwordMd5: md5Hex('wrong') };
    const client = newClient({ credentials: () => creds });
    const item = play();
    const err = await failure(client.scrobble([item]));
    expect(err).toMatchObject({
      kind: 'needs-sign-in',
      errorClass: 'reauth',
      step: 'handshake',
      retryAfterMs: 60_000,
    });
    expect(err.message).toMatch(
      /did not accept the user name or password for "alice": sign in again/,
    );
    expect(stored(item.track)).toHaveLength(0);

    // The same wrong credentials: no request until the minute is over.
    const before = fake.requestCount('handshake');
    const waiting = await failure(client.scrobble([item]));
    expect(waiting).toMatchObject({ kind: 'handshake-backoff', errorClass: 'reauth' });
    expect(fake.requestCount('handshake')).toBe(before);

    creds = alice;
    expect((await client.scrobble([item])).accepted).toBe(1);
    expect(stored(item.track)).toHaveLength(1);
  });

  it('BADAUTH for an unknown user and for a missing parameter (empty user name)', async () => {
    const nobody = newClient({ credentials: () => ({ ...alice, user: 'nobody' }) });
    expect(await failure(nobody.handshake())).toMatchObject({ kind: 'needs-sign-in' });
    expect(fake.handshakes.at(-1)).toMatchObject({ user: 'nobody', reply: 'BADAUTH' });
  });

  it('not signed in: a needs-sign-in failure without any request', async () => {
    const client = newClient({ credentials: () => null });
    const before = fake.requestCount('handshake');
    const err = await failure(client.scrobble([play()]));
    expect(err).toMatchObject({ kind: 'needs-sign-in', errorClass: 'reauth' });
    expect(fake.requestCount('handshake')).toBe(before);
  });

  it('BADTIME: says the clock is off; scrobbles are kept', async () => {
    const client = newClient({ now: () => Date.now() - 10 * 60_000 });
    const item = play();
    const err = await failure(client.scrobble([item]));
    expect(err).toMatchObject({ kind: 'bad-time', errorClass: 'transient', retryAfterMs: 60_000 });
    expect(err.message).toMatch(/clock is off .*set the correct date, time and time zone/);
    expect(err.message).toMatch(/scrobbles are kept/);
    expect(stored(item.track)).toHaveLength(0);
  });

  it('BADTIME is checked before the password (GNU FM): a wrong clock hides a wrong password', async () => {
    const client = newClient({
      now: () => Date.now() + 20 * 60_000,
      credentials: () => ({ ...alice, passwordMd5: md5Hex('wrong') }),
    });
    expect(await failure(client.handshake())).toMatchObject({ kind: 'bad-time' });
  });

  it('BANNED: the client is blocked and sends nothing more', async () => {
    const banning = await startFakeAs12({ users: { alice: PASSWORD }, bannedClients: ['tst'] });
    closers.push(() => banning.close());
    const client = newClient({ handshakeUrl: banning.handshakeUrl });
    const err = await failure(client.scrobble([play()]));
    // Not permanent: the plays are not at fault, and the sender keeps them (clientBlocked).
    expect(err).toMatchObject({ kind: 'banned', clientBlocked: true, retryAfterMs: null });
    expect(err.errorClass).not.toBe('permanent');
    expect(err.message).toMatch(
      /has blocked this version of Scrobbletray.*your scrobbles are kept and will be sent after an update/,
    );
    expect(client.status.blocked).toBe(true);

    const again = await failure(client.nowPlaying({ artist: 'A', track: 'T' }));
    expect(again.kind).toBe('banned');
    expect(banning.requestCount('handshake')).toBe(1);
    expect(banning.scrobbles).toHaveLength(0);
  });

  it('FAILED for a play in the future: permanent (that play is at fault), nothing stored', async () => {
    const client = newClient();
    const good = play();
    const future = play('From The Future', -3600);
    const err = await failure(client.scrobble([good, future]));
    expect(err).toMatchObject({ kind: 'failed', errorClass: 'permanent', maybeProcessed: false });
    expect(err.message).toMatch(/said "Submitted track has timestamp in the future"/);
    // GNU FM stores nothing from a batch it answers FAILED for: all or nothing.
    expect(stored(good.track)).toHaveLength(0);
    expect((await client.scrobble([good])).accepted).toBe(1);
    expect(stored(good.track)).toHaveLength(1);
  });

  it('a duplicate is answered OK and dropped: 1.2 cannot tell it from a new play', async () => {
    const client = newClient();
    const item = play();
    expect((await client.scrobble([item])).accepted).toBe(1);
    expect((await client.scrobble([item])).accepted).toBe(1);
    expect(stored(item.track)).toHaveLength(1);
    expect(fake.dropped.filter((d) => d.track === item.track)).toEqual([
      {
        user: 'alice',
        artist: 'AS Artist',
        track: item.track,
        timestamp: item.timestamp,
        reason: 'duplicate',
      },
    ]);
  });

  it('refuses what it cannot send, before any request, in words that say what to fix', async () => {
    const client = newClient();
    const before = fake.requestCount('submission');
    const tooMany = Array.from({ length: 51 }, () => play());
    expect(await failure(client.scrobble(tooMany))).toMatchObject({
      kind: 'invalid-request',
      errorClass: 'permanent',
    });
    const noArtist = await failure(client.scrobble([{ ...play(), artist: '  ' }]));
    expect(noArtist.message).toBe('Track 1 has no artist: add one.');
    const noTime = await failure(client.scrobble([{ ...play(), timestamp: 1.5 }]));
    expect(noTime.message).toMatch(/no valid play time/);
    expect(fake.requestCount('submission')).toBe(before);
  });

  it('a batch of 50 is one request', async () => {
    const client = newClient();
    await client.handshake();
    const before = fake.requestCount('submission');
    const items = Array.from({ length: 50 }, (_, i) => play(`Fifty ${i}`, 3000 - i));
    expect((await client.scrobble(items)).accepted).toBe(50);
    expect(fake.requestCount('submission')).toBe(before + 1);
    for (const item of items) expect(stored(item.track)).toHaveLength(1);
  });
});
