import { afterEach, describe, expect, it } from 'vitest';
import {
  deliveryHarness,
  PROTOCOLS,
  type CommonFault,
  type DeliveryHarness,
  type Protocol,
} from '../../../support/delivery-harness.js';

// [3]'s fault matrix, for every protocol: the queue (real SQLite, QueueService, Sender) against
// the fake Last.fm, the fake Audioscrobbler 1.2 (GNU FM's behaviour) and the fake ListenBrainz,
// over loopback HTTP. Each test ends by accounting for every scrobble: accepted and stored
// exactly once on the server, or still in the queue with its reason. "Sent twice" is counted
// too, and is zero everywhere except where 1.2 makes it unknowable: a 1.2 batch whose answer
// was lost cannot be looked up (1.2 has no read-back), so it is sent again and GNU FM drops the
// repeat (answering OK). That is asserted as exactly one dropped repeat per play, never a
// second stored play.

let h: DeliveryHarness;
afterEach(async () => h?.close());

function expectAllStoredOnce(ids: number[], allowResent = 0) {
  const counts = h.storedCounts();
  for (const id of ids) {
    const row = h.queue.get(id)!;
    expect(row.state, `#${id} ${row.track}: ${row.lastError ?? row.reason ?? ''}`).toBe('accepted');
    expect(counts.get(`${row.artist}|${row.track}|${row.timestamp}`), row.track).toBe(1);
  }
  expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(ids.length);
  expect(h.acceptedSends()).toBe(ids.length + allowResent);
}

function states(ids: number[]) {
  const counts: Record<string, number> = {};
  for (const id of ids) {
    const s = h.queue.get(id)!.state;
    counts[s] = (counts[s] ?? 0) + 1;
  }
  return counts;
}

/** Flush, moving the clock past every wait, until nothing is left or `rounds` run out. */
async function drainAll(rounds = 10) {
  for (let i = 0; i < rounds; i++) {
    const [report] = await h.queue.flush();
    if (report?.stoppedBecause === 'done') return;
    h.advancePastWaits();
  }
}

const maxBatch: Record<Protocol, number> = { lastfm: 50, as12: 50, listenbrainz: 1000 };

interface Case {
  fault: CommonFault;
  protocols: readonly Protocol[];
  /** The server acted on the request although no answer came. */
  processed: boolean;
}

const TRANSIENT: Case[] = [
  { fault: 'status-503', protocols: PROTOCOLS, processed: false },
  { fault: 'reset', protocols: PROTOCOLS, processed: false },
  { fault: 'malformed', protocols: PROTOCOLS, processed: false },
  { fault: 'lost-answer', protocols: PROTOCOLS, processed: true },
  // The fake Last.fm has no "processed, then reset"; its lost answer is the timeout above.
  { fault: 'reset-after', protocols: ['as12', 'listenbrainz'], processed: true },
];

describe.each(PROTOCOLS)('%s', (protocol) => {
  const size = maxBatch[protocol] + 10;

  for (const c of TRANSIENT.filter((t) => t.protocols.includes(protocol))) {
    it(`${c.fault}: the batch waits with the error, the rest waits too, then all go once`, async () => {
      h = await deliveryHarness(protocol);
      const ids = h.enqueuePlays(size);
      h.fault(c.fault);
      const [first] = await h.queue.flush();
      expect(first?.stoppedBecause).toBe('unreachable');
      // The first batch waits for its retry; the rest is not sent into the outage either.
      expect(states(ids)).toEqual({ retrying: maxBatch[protocol], queued: 10 });
      const row = h.queue.get(ids[0]!)!;
      expect(row.attempts).toBe(1);
      expect(row.lastError).toBeTruthy();
      expect(row.nextAttemptAt).toBeGreaterThan(h.now());
      // Nothing goes out before the wait is over.
      expect((await h.queue.flush())[0]?.stoppedBecause).toBe('unreachable');
      h.advancePastWaits();
      await drainAll();
      // 1.2 cannot look a lost batch up: it is sent again, and the server drops the repeat.
      const resent = c.processed && protocol === 'as12' ? maxBatch.as12 : 0;
      expectAllStoredOnce(ids, resent);
      if (resent > 0) {
        expect(h.as12!.dropped.filter((d) => d.reason === 'duplicate')).toHaveLength(resent);
      }
    });
  }

  // Last.fm included: the harness puts a relay in front of its fake that can go down.
  it('server down (connection refused): everything waits, then goes once when it is back', async () => {
    h = await deliveryHarness(protocol);
    const ids = h.enqueuePlays(size);
    await h.goDown();
    const [first] = await h.queue.flush();
    expect(first?.stoppedBecause).toBe('unreachable');
    expect(states(ids).accepted ?? 0).toBe(0);
    expect(h.queue.get(ids[0]!)!.lastError).toMatch(/connect/i);
    await h.comeBack();
    h.advancePastWaits();
    await drainAll();
    expectAllStoredOnce(ids);
  });

  it('a timeout on every try for a while backs off, doubling, and loses nothing', async () => {
    h = await deliveryHarness(protocol);
    const ids = h.enqueuePlays(3);
    h.fault('status-503', 3);
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await h.queue.flush();
      waits.push(h.queue.get(ids[0]!)!.nextAttemptAt! - h.now());
      h.advancePastWaits();
    }
    expect(waits[1]! / waits[0]!).toBeCloseTo(2, 0);
    expect(waits[2]! / waits[1]!).toBeCloseTo(2, 0);
    await drainAll();
    expectAllStoredOnce(ids);
  });
});

describe('Last.fm rate limits', () => {
  it('error 29 pauses the whole service, keeps the items queued, then sends them once', async () => {
    h = await deliveryHarness('lastfm');
    const ids = h.enqueuePlays(60);
    h.lastfm!.injectFault({ kind: 'error', code: 29 }, { method: 'track.scrobble' });
    const [first] = await h.queue.flush();
    expect(first?.stoppedBecause).toBe('rate-limited');
    expect(states(ids)).toEqual({ queued: 60 });
    expect(h.queue.get(ids[0]!)!.attempts).toBe(0);
    await drainAll();
    expectAllStoredOnce(ids);
  });
});

describe('Audioscrobbler 1.2 replies', () => {
  it('BADSESSION: a new handshake, the same tracks again, stored once', async () => {
    h = await deliveryHarness('as12');
    const ids = h.enqueuePlays(20);
    h.as12!.injectFault({ kind: 'reply', body: 'BADSESSION\n' }, { route: 'submission' });
    const [report] = await h.queue.flush();
    expect(report?.stoppedBecause).toBe('done');
    expect(h.as12!.handshakes.filter((x) => x.reply === 'OK')).toHaveLength(2);
    expectAllStoredOnce(ids);
  });

  it('BADAUTH: "needs sign-in", the queue kept untouched; signing in again sends it once', async () => {
    h = await deliveryHarness('as12');
    const ids = h.enqueuePlays(20);
    h.as12!.injectFault({ kind: 'reply', body: 'BADAUTH\n' }, { route: 'handshake' });
    const [report] = await h.queue.flush();
    expect(report?.stoppedBecause).toBe('needs-auth');
    expect(h.queue.targetState('mygnufm').needsAuth).toBe(true);
    expect(states(ids)).toEqual({ queued: 20 });
    // Nothing is sent while the service needs sign-in.
    const submissions = h.as12!.requestCount('submission');
    await h.queue.flush();
    expect(h.as12!.requestCount('submission')).toBe(submissions);
    // The protocol's handshake back-off (a minute after a failed handshake) holds too.
    h.advance(61_000);
    h.queue.resumeAfterSignIn('mygnufm');
    await drainAll();
    expectAllStoredOnce(ids);
  });

  it('BANNED: every scrobble kept queued, the service paused in plain words, nothing more sent', async () => {
    h = await deliveryHarness('as12');
    const ids = h.enqueuePlays(120);
    h.as12!.injectFault({ kind: 'reply', body: 'BANNED\n' }, { route: 'handshake' });
    const [report] = await h.queue.flush();
    expect(report?.stoppedBecause).toBe('paused');
    expect(report?.detail).toMatch(
      /has blocked this version of Scrobbletray.*your scrobbles are kept and will be sent after an update/,
    );
    // Kept as they were: queued, no attempt counted, nothing failed or stored.
    expect(states(ids)).toEqual({ queued: 120 });
    expect(ids.every((id) => h.queue.get(id)!.attempts === 0)).toBe(true);
    expect(h.as12!.scrobbles).toHaveLength(0);
    const requests = () =>
      h.as12!.requestCount('handshake') +
      h.as12!.requestCount('submission') +
      h.as12!.requestCount('nowplaying');
    expect(requests()).toBe(1);
    // Later flushes, "send now", an hour later, now playing: the server hears nothing more.
    for (let i = 0; i < 3; i++) {
      h.advance(3_600_000);
      const [again] = await h.queue.sendNow();
      expect(again?.stoppedBecause).toBe('paused');
    }
    const [np] = await h.queue.nowPlaying({ artist: 'Boards of Canada', track: 'Alpha and Omega' });
    expect(np).toMatchObject({ ok: false });
    expect(np?.error).toMatch(/has blocked this version of Scrobbletray/);
    expect(requests()).toBe(1);
    expect(states(ids)).toEqual({ queued: 120 });
    expect(h.queue.stats('mygnufm').counts.failed).toBe(0);
  });

  it('BADTIME: the items wait with a message about the clock, and go once it is right', async () => {
    h = await deliveryHarness('as12');
    const ids = h.enqueuePlays(5);
    h.as12!.injectFault({ kind: 'reply', body: 'BADTIME\n' }, { route: 'handshake' });
    const [report] = await h.queue.flush();
    expect(report?.stoppedBecause).toBe('unreachable');
    expect(h.queue.get(ids[0]!)!.lastError).toMatch(/clock/);
    expect(states(ids)).toEqual({ retrying: 5 });
    await drainAll();
    expectAllStoredOnce(ids);
  });

  it('FAILED three times in a row: kept each time, then a new handshake, stored once', async () => {
    h = await deliveryHarness('as12');
    const ids = h.enqueuePlays(5);
    h.as12!.injectFault(
      { kind: 'reply', body: 'FAILED Database down\n' },
      { route: 'submission', times: 3 },
    );
    for (let i = 0; i < 3; i++) {
      const [report] = await h.queue.flush();
      expect(report?.stoppedBecause).toBe('unreachable');
      expect(h.queue.get(ids[0]!)!.lastError).toMatch(/Database down/);
      h.advancePastWaits();
    }
    expect(h.as12!.scrobbles).toHaveLength(0);
    await drainAll();
    // The first session, then the one after three hard failures.
    expect(h.as12!.handshakes.filter((x) => x.reply === 'OK')).toHaveLength(2);
    expectAllStoredOnce(ids);
  });
});

describe('ListenBrainz rate limits and sign-in', () => {
  it('a 429 waits exactly X-RateLimit-Reset-In inside the flush, then goes on', async () => {
    h = await deliveryHarness('listenbrainz');
    const ids = h.enqueuePlays(30);
    h.listenbrainz!.injectFault({ kind: 'rate-limit', resetInSec: 1 }, { route: 'submit' });
    const started = h.now();
    const [report] = await h.queue.flush();
    expect(report?.stoppedBecause).toBe('done');
    expect(h.listenbrainz!.submits.map((s) => s.status)).toEqual([200]);
    expect(h.listenbrainz!.requestCount('submit')).toBe(2);
    expect(h.now() - started).toBeGreaterThanOrEqual(1_000);
    expectAllStoredOnce(ids);
  });

  it('headers saying no requests are left make the next request wait for the reset, never a 429', async () => {
    h = await deliveryHarness('listenbrainz', {
      listenbrainzRateLimit: { limit: 2, windowSec: 1 },
    });
    const ids = h.enqueuePlays(2_500);
    const [report] = await h.queue.flush();
    expect(report?.stoppedBecause).toBe('done');
    expect(h.listenbrainz!.submits.map((s) => s.status)).toEqual([200, 200, 200]);
    expectAllStoredOnce(ids);
  });

  it('401 (token revoked): "needs sign-in", the queue kept; a valid token sends it once', async () => {
    h = await deliveryHarness('listenbrainz');
    const ids = h.enqueuePlays(10);
    const token = h.childEnv().CHILD_TOKEN!;
    h.listenbrainz!.revokeToken(token);
    const [report] = await h.queue.flush();
    expect(report?.stoppedBecause).toBe('needs-auth');
    expect(states(ids)).toEqual({ queued: 10 });
    h.listenbrainz!.addToken(token, 'alice');
    h.queue.resumeAfterSignIn('listenbrainz');
    await drainAll();
    expectAllStoredOnce(ids);
  });
});
