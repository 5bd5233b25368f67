// When a long-running process flushes by itself. The sender is a stand-in (its own behaviour
// is tested against real SQLite in test/integration/queue/delivery); vitest's fake timers
// stand in for the clock so the test asserts which flushes happen, not how long they take.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Scheduler } from '../../../../src/main/queue/delivery/scheduler.js';
import type { Sender } from '../../../../src/main/queue/delivery/sender.js';
import { emptyFlushReport, type FlushReport } from '../../../../src/shared/core-events.js';

beforeEach(() => void vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => void vi.useRealTimers());

function senderAnswering(...reports: (Partial<FlushReport> | Error)[]) {
  const calls: number[] = [];
  const interrupts: number[] = [];
  const sender = {
    interrupt: () => void interrupts.push(Date.now()),
    flush: async () => {
      calls.push(Date.now());
      const next = reports.length > 1 ? reports.shift() : reports[0];
      if (next instanceof Error) throw next;
      return { ...emptyFlushReport('lastfm'), ...next };
    },
  } as unknown as Sender;
  return { sender, calls, interrupts };
}

describe('scheduler', () => {
  it('flushes once for a burst of kicks', async () => {
    const { sender, calls } = senderAnswering({});
    const s = new Scheduler({ sender, now: Date.now, minGapMs: 250 });
    s.start();
    s.kick();
    s.kick();
    await vi.advanceTimersByTimeAsync(300);
    expect(calls).toHaveLength(1);
    s.stop();
  });

  it('comes back when the next retry is due, not before', async () => {
    const { sender, calls } = senderAnswering(
      { stoppedBecause: 'unreachable', nextAttemptAt: 1_000_000 + 60_000 },
      {},
    );
    const s = new Scheduler({ sender, now: Date.now });
    s.start();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(calls).toHaveLength(2);
    s.stop();
  });

  it('does not come back by itself while the service needs sign-in or is paused', async () => {
    const { sender, calls } = senderAnswering({
      stoppedBecause: 'needs-auth',
      nextAttemptAt: 1_000_000 + 1_000,
    });
    const s = new Scheduler({ sender, now: Date.now, idleCheckMs: 600_000 });
    s.start();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls).toHaveLength(1);
    s.stop();
  });

  it('reports a flush that throws and tries again later', async () => {
    const errors: unknown[] = [];
    const { sender, calls } = senderAnswering(new Error('disk full'), {});
    const s = new Scheduler({ sender, now: Date.now, onError: (e) => errors.push(e) });
    s.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(errors).toEqual([new Error('disk full')]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls).toHaveLength(2);
    s.stop();
  });

  it('after a rate limit, comes back when the service said, not before', async () => {
    const { sender, calls } = senderAnswering(
      { stoppedBecause: 'rate-limited', nextAttemptAt: 1_000_000 + 90_000 },
      {},
    );
    const s = new Scheduler({ sender, now: Date.now });
    s.start();
    await vi.advanceTimersByTimeAsync(89_000);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toHaveLength(2);
    s.stop();
  });

  it('stopping interrupts a flush that is waiting for the pace', async () => {
    const { sender, interrupts } = senderAnswering({});
    const s = new Scheduler({ sender, now: Date.now });
    s.start();
    s.stop();
    expect(interrupts).toHaveLength(1);
  });

  it('stops for good', async () => {
    const { sender, calls } = senderAnswering({});
    const s = new Scheduler({ sender, now: Date.now });
    s.start();
    s.stop();
    s.kick();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(calls).toHaveLength(0);
  });
});
