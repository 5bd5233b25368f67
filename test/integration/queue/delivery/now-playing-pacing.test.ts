import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SignedInAccount } from '../../../../src/main/auth/account-store.js';
import type { Credential } from '../../../../src/main/secrets/credentials.js';
import { LastfmClient } from '../../../../src/main/lastfm/client.js';
import { Sender } from '../../../../src/main/queue/delivery/sender.js';
import { ScrobbleStore } from '../../../../src/main/queue/storage/store.js';
import { createAs12Target } from '../../../../src/main/targets/as12/as12-target.js';
import { HandshakeTimestamps, md5Hex } from '../../../../src/main/targets/as12/index.js';
import { createLastfmTarget } from '../../../../src/main/targets/lastfm/target.js';
import { createListenBrainzTarget } from '../../../../src/main/targets/listenbrainz/listenbrainz-target.js';
import type { ScrobbleTarget } from '../../../../src/main/targets/target.js';
import type { ScrobbleItem } from '../../../../src/shared/track.js';
import { deliveryHarness, type DeliveryHarness } from '../../../support/delivery-harness.js';
import { startFakeAs12 } from '../../../support/fake-as12/index.js';
import { startFakeLastfm } from '../../../support/fake-lastfm/index.js';
import { startFakeListenBrainz } from '../../../support/fake-listenbrainz/index.js';
import { tempDir } from '../../../support/temp-dir.js';

// Now playing keeps to the same per-service pace as submissions (sender.ts): a burst of
// now-playing never takes a service over its window, and a backlog draining beside it meets
// no rate limit and is never starved. Real servers on loopback (the fakes), a real SQLite
// queue and the real Sender. Their clock runs SCALE times faster than wall time (as in the
// pacing benchmark), so ten-second windows pass in half a second; the fakes read the same
// clock, so what they count is what a real server would.

const SCALE = 20;
const WINDOW_MS = 10_000;
const LIMIT = 50;

function scaledClock() {
  const realStart = Date.now();
  const t0 = performance.now();
  const now = () => realStart + Math.floor((performance.now() - t0) * SCALE);
  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<boolean>((resolve) => {
      if (signal?.aborted) return resolve(false);
      const onAbort = () => (clearTimeout(timer), resolve(false));
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(true);
        },
        Math.ceil(ms / SCALE),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  return { now, sleep };
}

/** The most arrivals in any window of `windowMs` (half-open). */
function busiestWindow(arrivals: readonly number[], windowMs: number): number {
  const at = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  let lo = 0;
  for (let hi = 0; hi < at.length; hi++) {
    while ((at[hi] as number) - (at[lo] as number) >= windowMs) lo++;
    most = Math.max(most, hi - lo + 1);
  }
  return most;
}

interface Rig {
  target: ScrobbleTarget;
  sender: Sender;
  store: ScrobbleStore;
  serviceId: string;
  /** Server-clock arrival times of every paced request (submissions and now playing). */
  arrivals(): number[];
  /** Requests the server refused for going over its rate limit. */
  rateLimitErrors(): number;
  nowPlayingReceived(): number;
  /** How many times the server stored each play (artist|track|timestamp). */
  storedCounts(): Map<string, number>;
  close(): Promise<void>;
}

type Protocol = 'lastfm' | 'as12' | 'listenbrainz';
const clock = scaledClock();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const key = (s: { artist: string; track: string; timestamp: number }) =>
  `${s.artist}|${s.track}|${s.timestamp}`;

async function rig(protocol: Protocol, lbLimit = { limit: LIMIT, windowSec: 10 }): Promise<Rig> {
  const { now } = clock;
  const account = (serviceId: string, credential: Credential) => async () =>
    ({
      serviceId,
      user: 'alice',
      signedInAt: new Date(0).toISOString(),
      credential,
    }) as SignedInAccount;
  let target: ScrobbleTarget;
  let parts: Omit<Rig, 'target' | 'sender' | 'store' | 'serviceId' | 'close'>;
  let closeFake: () => Promise<void>;
  if (protocol === 'lastfm') {
    // The fake enforces Last.fm's rule as we hold to it: error 29 past 50 calls in any 10 s.
    const fake = await startFakeLastfm({
      now,
      dailyCap: 100_000,
      rateLimit: { requests: LIMIT, perMs: WINDOW_MS },
    });
    const client = new LastfmClient({
      apiUrl: fake.apiUrl,
      apiKey: fake.apiKey,
      apiSecret: fake.apiSecret,
    });
    const sessionKey = fake.createSession('alice');
    target = createLastfmTarget({
      serviceId: 'lastfm',
      serviceName: 'Last.fm',
      client,
      account: account('lastfm', { kind: 'session-key', sessionKey }),
      maxAgeDays: 14,
    });
    parts = {
      arrivals: () => fake.requests.filter((r) => r.method !== null).map((r) => r.at),
      rateLimitErrors: () => fake.rateLimited,
      nowPlayingReceived: () =>
        fake.requests.filter((r) => r.method === 'track.updateNowPlaying').length,
      storedCounts: () => counts(fake.scrobbles),
    };
    closeFake = () => fake.close();
  } else if (protocol === 'as12') {
    // GNU FM enforces no rate limit: what arrived in any 10 s is counted instead.
    const fake = await startFakeAs12({ users: { alice: 'pw' }, now });
    target = createAs12Target({
      serviceId: 'mygnufm',
      handshakeUrl: fake.handshakeUrl,
      account: account('mygnufm', { kind: 'password-md5', passwordMd5: md5Hex('pw') }),
      clientVersion: '0.1.0',
      client: { now, timestamps: new HandshakeTimestamps() },
    });
    parts = {
      arrivals: () => fake.actions.map((a) => a.at),
      rateLimitErrors: () => Math.max(0, busiestWindow(parts.arrivals(), WINDOW_MS) - LIMIT),
      nowPlayingReceived: () => fake.actions.filter((a) => a.route === 'nowplaying').length,
      storedCounts: () => counts(fake.scrobbles),
    };
    closeFake = () => fake.close();
  } else {
    const token = randomUUID();
    const fake = await startFakeListenBrainz({
      tokens: { [token]: 'alice' },
      now,
      rateLimit: lbLimit,
    });
    target = createListenBrainzTarget({
      serviceId: 'listenbrainz',
      serviceName: 'ListenBrainz',
      apiUrl: fake.apiUrl,
      account: account('listenbrainz', { kind: 'user-token', token }),
      clientVersion: '0.1.0',
      now,
    });
    parts = {
      // The fake counts fixed windows by its own clock; its 429s are the measure here.
      arrivals: () => [],
      rateLimitErrors: () => fake.rateLimited,
      nowPlayingReceived: () =>
        fake.submits.filter((s) => s.listenType === 'playing_now' && s.status === 200).length,
      storedCounts: () => counts(fake.listens.map((l) => ({ ...l, timestamp: l.listenedAt }))),
    };
    closeFake = () => fake.close();
  }
  const dir = tempDir();
  const store = ScrobbleStore.open(join(dir.path, 'scrobbles.sqlite'), { now });
  const sender = new Sender({ store, target, now, sleep: clock.sleep });
  const r: Rig = {
    target,
    sender,
    store,
    serviceId: target.id,
    ...parts,
    async close() {
      sender.interrupt();
      await target.close?.();
      store.close();
      await closeFake();
      dir.cleanup();
    },
  };
  cleanups.push(() => r.close());
  return r;
}

function counts(stored: readonly { artist: string; track: string; timestamp: number }[]) {
  const m = new Map<string, number>();
  for (const s of stored) m.set(key(s), (m.get(key(s)) ?? 0) + 1);
  return m;
}

function backlog(r: Rig, n: number): ScrobbleItem[] {
  const start = Math.floor(clock.now() / 1000) - n * 10 - 60;
  const items = Array.from({ length: n }, (_, i) => ({
    artist: 'Stereolab',
    track: `Backlog ${i + 1}`,
    album: 'Dots and Loops',
    timestamp: start + i * 10,
    duration: 200,
  }));
  r.store.enqueue(r.serviceId, items, 'test');
  return items;
}

/** Now-playing calls every `everyMs` (scaled) until `stop()`: how many went and were dropped. */
async function nowPlayingStream(r: Rig, everyMs: number, stop: () => boolean, max = 10_000) {
  const tally = { sent: 0, dropped: 0, other: [] as string[] };
  const calls: Promise<void>[] = [];
  for (let i = 0; i < max && !stop(); i++) {
    calls.push(
      r.sender.nowPlaying({ artist: 'Broadcast', track: `Playing ${i}`, duration: 180 }).then(
        () => void tally.sent++,
        (e: Error) => {
          if (/Now playing was not sent/.test(e.message)) tally.dropped++;
          else tally.other.push(e.message);
        },
      ),
    );
    await clock.sleep(everyMs);
  }
  await Promise.all(calls);
  return tally;
}

function expectEveryPlayStoredOnce(r: Rig, items: readonly ScrobbleItem[]) {
  const stored = r.storedCounts();
  for (const item of items) expect(stored.get(key(item)), item.track).toBe(1);
  expect(r.store.stats(r.serviceId).counts.accepted).toBe(items.length);
}

describe.each(['lastfm', 'as12', 'listenbrainz'] as const)('%s', (protocol) => {
  it('a burst of now-playing leaves a reserve: never over the window, the rest dropped', async () => {
    const r = await rig(protocol);
    let sent = 0;
    let dropped = 0;
    // One after another, each waiting for its answer: only the pace can refuse them.
    const burstStart = clock.now();
    for (let i = 0; i < 120; i++) {
      try {
        await r.sender.nowPlaying({ artist: 'Broadcast', track: `Burst ${i}` });
        sent++;
      } catch (e) {
        expect((e as Error).message).toMatch(/request limit is kept for scrobbles/);
        dropped++;
      }
    }
    // A tenth of the window stays for scrobbles, in every window the burst spans: usually
    // one (10 s of the fast clock is 0.5 s of wall time), more on a machine busy enough to
    // stretch 120 requests past it, when each window's slots free up again. ListenBrainz
    // counts fixed windows (on multiples of 10 s of its clock), so a short burst across a
    // boundary spans two; our pacer's window slides.
    const burstEnd = clock.now();
    const windows =
      protocol === 'listenbrainz'
        ? Math.floor(burstEnd / WINDOW_MS) - Math.floor(burstStart / WINDOW_MS) + 1
        : Math.max(1, Math.ceil((burstEnd - burstStart) / WINDOW_MS));
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(sent).toBeLessThanOrEqual((LIMIT - LIMIT / 10) * windows);
    expect(dropped).toBe(120 - sent);
    expect(r.nowPlayingReceived()).toBe(sent);
    expect(r.rateLimitErrors()).toBe(0);
    if (protocol !== 'listenbrainz') {
      expect(busiestWindow(r.arrivals(), WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
    }

    // A backlog queued right after gets the reserve at once and drains with no rate limit.
    const items = backlog(r, protocol === 'listenbrainz' ? 60 : 500);
    const report = await r.sender.flush();
    expect(report.stoppedBecause).toBe('done');
    expect(r.rateLimitErrors()).toBe(0);
    expectEveryPlayStoredOnce(r, items);
  });

  it('a backlog drains beside a stream of now-playing: it gives way, 0 rate-limit errors', async () => {
    // ListenBrainz takes 1000 per request: a tight limit makes its backlog span windows too.
    const r = await rig(protocol, { limit: 4, windowSec: 10 });
    const items = backlog(r, protocol === 'listenbrainz' ? 6_000 : 3_000);
    let flushing = true;
    const flush = r.sender.flush().finally(() => (flushing = false));
    const tally = await nowPlayingStream(r, 100, () => !flushing);
    const report = await flush;

    expect(report.stoppedBecause).toBe('done');
    expect(tally.other).toEqual([]);
    expect(r.rateLimitErrors()).toBe(0);
    if (protocol !== 'listenbrainz') {
      expect(busiestWindow(r.arrivals(), WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
    }
    // Every request of the drain was the backlog's: now playing was dropped, not sent.
    expect(tally.dropped).toBeGreaterThan(0);
    expect(tally.sent).toBe(0);
    expect(r.nowPlayingReceived()).toBe(0);
    expectEveryPlayStoredOnce(r, items);
    // Once the backlog is through, now playing goes again (as long as the window has room).
    for (let i = 0; i < 30 && r.nowPlayingReceived() === 0; i++) {
      await r.sender.nowPlaying({ artist: 'Broadcast', track: 'After' }).catch(() => undefined);
      await clock.sleep(1_000);
    }
    expect(r.nowPlayingReceived()).toBe(1);
    expect(r.rateLimitErrors()).toBe(0);
  });
});

describe('QueueService.nowPlaying goes through the sender', () => {
  let h: DeliveryHarness;
  afterEach(async () => h?.close());

  it('the whole now-playing path keeps to the pace: 50 in 10 s minus the reserve', async () => {
    h = await deliveryHarness('lastfm');
    const results = [];
    for (let i = 0; i < 60; i++) {
      results.push(...(await h.queue.nowPlaying({ artist: 'Broadcast', track: `Q ${i}` })));
    }
    const sent = results.filter((r) => r.ok).length;
    const received = h.lastfm!.requests.filter((r) => r.method === 'track.updateNowPlaying');
    // Real time here: the 60 calls take far less than the 10 s window.
    expect(sent).toBe(LIMIT - LIMIT / 10);
    expect(received).toHaveLength(sent);
    for (const r of results.filter((x) => !x.ok)) {
      expect(r.error).toMatch(/Now playing was not sent: .*kept for scrobbles/);
    }
  });
});
