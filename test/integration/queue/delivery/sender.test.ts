import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../../support/fake-lastfm/index.js';
import { queueHarness, type QueueHarness } from '../../../support/queue-harness.js';

// The sender against the fake Last.fm: batching, per-item results, and every fault class.
// Each test ends by proving every scrobble is accounted for: accepted exactly once by the
// service, or explained in the queue.

let h: QueueHarness;
afterEach(async () => h?.close());

function states(ids: number[]) {
  return ids.map((id) => h.core.queue.get(id)?.state);
}

function expectAllRecordedOnce(ids: number[]) {
  const counts = h.recordedCounts();
  for (const id of ids) {
    const row = h.core.queue.get(id)!;
    expect(row.state, `#${id} ${row.track}: ${row.lastError ?? row.reason ?? ''}`).toBe('accepted');
    expect(counts.get(`${row.artist}|${row.track}|${row.timestamp}`), `${row.track}`).toBe(1);
  }
  expect(h.fake.scrobbles).toHaveLength(ids.length);
}

describe('sending', () => {
  it('sends oldest first, 50 per request, and records each result', async () => {
    h = await queueHarness();
    const ids = h.enqueuePlays(120);
    const [report] = await h.core.queue.flush();
    expect(report).toMatchObject({ sent: 120, accepted: 120, stoppedBecause: 'done' });
    expect(h.fake.requests.filter((r) => r.method === 'track.scrobble')).toHaveLength(3);
    expect(h.fake.scrobbles.map((s) => s.track)).toEqual(ids.map((_, i) => `Track ${i + 1}`));
    expectAllRecordedOnce(ids);
    const progress = h.events
      .filter((e) => e.type === 'flush-progress')
      .map((e) => e.type === 'flush-progress' && e.done);
    expect(progress).toEqual([50, 100, 120]);
  });

  it('stores corrections and ignored reasons per item', async () => {
    h = await queueHarness();
    const now = Math.floor(h.now() / 1000);
    const [fixed, spam] = h.core.queue.enqueue(
      [
        { artist: 'the beatles', track: 'Something', timestamp: now - 300 },
        { artist: 'Spam Artist', track: 'Buy now', timestamp: now - 200 },
      ],
      'test',
    );
    await h.core.queue.flush();
    expect(h.core.queue.get(fixed!.id)).toMatchObject({
      state: 'accepted',
      recorded: { artist: 'The Beatles', track: 'Something' },
      corrected: { artist: true, track: false },
    });
    expect(h.core.queue.get(spam!.id)).toMatchObject({ state: 'ignored', ignoredCode: 1 });
    expect(h.core.queue.get(spam!.id)?.reason).toMatch(/ignored the artist name/);
  });
});

describe('transient failures', () => {
  const faults: [string, Fault][] = [
    ['HTTP 500', { kind: 'status', status: 500 }],
    ['HTTP 503', { kind: 'status', status: 503 }],
    ['connection reset', { kind: 'reset' }],
    ['malformed body', { kind: 'malformed' }],
    ['error 8', { kind: 'error', code: 8 }],
    ['error 11', { kind: 'error', code: 11 }],
    ['error 16', { kind: 'error', code: 16 }],
  ];
  it.each(faults)('%s: items wait with the error, then go through once', async (_name, fault) => {
    h = await queueHarness();
    const ids = h.enqueuePlays(60);
    h.fake.injectFault(fault, { method: 'track.scrobble' });
    const [first] = await h.core.queue.flush();
    expect(first?.stoppedBecause).toBe('unreachable');
    const waiting = ids.filter((id) => h.core.queue.get(id)?.state === 'retrying');
    expect(waiting).toHaveLength(50);
    const row = h.core.queue.get(waiting[0]!)!;
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/track\.scrobble failed/);
    expect(row.nextAttemptAt).toBeGreaterThan(h.now());
    // The whole target waits: the other 10 are not sent into an outage either.
    expect(ids.filter((id) => h.core.queue.get(id)?.state === 'queued')).toHaveLength(10);
    const requests = h.fake.requests.length;
    expect((await h.core.queue.flush())[0]?.stoppedBecause).toBe('unreachable');
    expect(h.fake.requests.length).toBe(requests);
    h.advance(2_000);
    await h.core.queue.flush();
    expectAllRecordedOnce(ids);
  });

  it('a response lost to a timeout is checked with the service, not sent twice', async () => {
    h = await queueHarness({ responseTimeoutMs: 300 });
    const ids = h.enqueuePlays(10);
    // The fake records the scrobbles, then holds the reply past the client's timeout.
    h.fake.injectFault({ kind: 'delay', ms: 2_000 }, { method: 'track.scrobble' });
    const [first] = await h.core.queue.flush();
    expect(first?.stoppedBecause).toBe('unreachable');
    expect(h.fake.scrobbles).toHaveLength(10);
    h.advance(2_000);
    await h.core.queue.flush();
    expectAllRecordedOnce(ids);
  });

  it('backs off exponentially while failures go on', async () => {
    h = await queueHarness();
    const [id] = h.enqueuePlays(1);
    h.fake.injectFault({ kind: 'status', status: 503 }, { method: 'track.scrobble', times: 3 });
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await h.core.queue.flush();
      const row = h.core.queue.get(id!)!;
      waits.push(row.nextAttemptAt! - h.now());
      h.advance(row.nextAttemptAt! - h.now() + 1);
    }
    expect(waits[1]! / waits[0]!).toBeCloseTo(2, 0);
    expect(waits[2]! / waits[1]!).toBeCloseTo(2, 0);
    await h.core.queue.flush();
    expectAllRecordedOnce([id!]);
  });
});

describe('target-wide pauses', () => {
  it.each([
    ['error 29', { kind: 'error', code: 29 } as Fault],
    ['HTTP 429', { kind: 'status', status: 429, retryAfterSec: 120 } as Fault],
  ])('%s pauses the whole target and keeps items queued', async (_name, fault) => {
    h = await queueHarness();
    const ids = h.enqueuePlays(60);
    h.fake.injectFault(fault, { method: 'track.scrobble' });
    const sentAt = h.now();
    const [first] = await h.core.queue.flush();
    expect(first?.stoppedBecause).toBe('rate-limited');
    expect(states(ids).every((s) => s === 'queued')).toBe(true);
    expect(h.core.queue.get(ids[0]!)?.attempts).toBe(0);
    const pause = h.core.queue.targetState('lastfm').pausedUntil! - sentAt;
    expect(pause).toBeGreaterThanOrEqual(_name === 'HTTP 429' ? 120_000 : 5_000);
    const requests = h.fake.requests.length;
    expect((await h.core.queue.flush())[0]?.stoppedBecause).toBe('rate-limited');
    expect(h.fake.requests.length).toBe(requests);
    h.advance(pause + 1);
    await h.core.queue.flush();
    expectAllRecordedOnce(ids);
  });

  it('the daily cap keeps the rest queued until the window resets', async () => {
    h = await queueHarness({ fake: { dailyCap: 30 } });
    const ids = h.enqueuePlays(50);
    const [first] = await h.core.queue.flush();
    expect(first).toMatchObject({ stoppedBecause: 'daily-cap', accepted: 30 });
    expect(states(ids).filter((s) => s === 'queued')).toHaveLength(20);
    const until = h.core.queue.targetState('lastfm').pausedUntil!;
    expect(new Date(until).getUTCHours()).toBe(0);
    h.advance(until - h.now() + 1);
    h.fake.advanceClock(until - h.now() + 1 + 86_400_000);
    await h.core.queue.flush();
    expectAllRecordedOnce(ids);
  });

  it('a revoked session mid-flush pauses sending without touching the queue; signing in resumes', async () => {
    h = await queueHarness();
    const ids = h.enqueuePlays(120);
    // Revoke as soon as the first batch has landed (events run between batches).
    h.onEvent = (e) => {
      if (e.type === 'flush-progress' && e.done === 50) h.fake.revokeSession(h.sessionKey);
    };
    const [report] = await h.core.queue.flush();
    expect(report?.stoppedBecause).toBe('needs-auth');
    expect(h.core.queue.targetState('lastfm').needsAuth).toBe(true);
    expect(h.events.some((e) => e.type === 'needs-auth')).toBe(true);
    const counts = h.core.queue.stats().counts;
    expect(counts.accepted + counts.queued).toBe(120);
    expect(counts.queued).toBeGreaterThan(0);
    // Paused: nothing is sent until the user signs in again.
    const requests = h.fake.requests.length;
    await h.core.queue.flush();
    expect(h.fake.requests.length).toBe(requests);
    await h.core.accountStore.signIn('lastfm', 'alice', h.fake.createSession('alice'));
    h.core.queue.resumeAfterSignIn('lastfm');
    await h.core.queue.flush();
    expectAllRecordedOnce(ids);
  });

  it('pause and resume are the user’s', async () => {
    h = await queueHarness();
    const ids = h.enqueuePlays(3);
    h.core.queue.pause();
    expect((await h.core.queue.flush())[0]?.stoppedBecause).toBe('paused');
    expect(h.fake.scrobbles).toHaveLength(0);
    h.core.queue.resume();
    await h.core.queue.flush();
    expectAllRecordedOnce(ids);
  });
});

describe('poisoned batches', () => {
  it('one bad item does not hold the other 49', async () => {
    h = await queueHarness();
    const ids = h.enqueuePlays(50);
    const poisoned = ids[17]!;
    h.core.store.edit(poisoned, { track: 'Poisoned Track' });
    const [report] = await h.core.queue.flush();
    expect(report).toMatchObject({ accepted: 49, failed: 1 });
    expect(h.core.queue.get(poisoned)).toMatchObject({ state: 'failed' });
    expect(h.core.queue.get(poisoned)?.reason).toMatch(/Invalid parameters/);
    expectAllRecordedOnce(ids.filter((id) => id !== poisoned));
  });
});

describe('offline', () => {
  it('queues with the service down and sends by itself when it answers again', async () => {
    h = await queueHarness({
      backoff: { baseMs: 100, capMs: 400, jitter: 0, rateLimitBaseMs: 100 },
    });
    h.fake.injectFault({ kind: 'status', status: 503 }, { method: 'track.scrobble', times: 3 });
    h.core.queue.startAutoSend();
    const ids = h.enqueuePlays(5);
    const deadline = Date.now() + 10_000;
    while (h.core.queue.stats().counts.accepted < 5 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expectAllRecordedOnce(ids);
    expect(h.fake.requests.filter((r) => r.method === 'track.scrobble').length).toBe(4);
  });
});
