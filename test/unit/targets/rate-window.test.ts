// Pacing with scripted clocks: the ceiling is never exceeded, whatever the arrival pattern,
// and a steady backlog keeps the ceiling's pace (≥ 90 %). No real time passes in these tests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  combinedPacer,
  HeaderPacer,
  lastfmWindow,
  readRateLimitHeaders,
  SlidingWindow,
} from '../../../src/main/targets/pacing/rate-window.js';
import type { Pacer } from '../../../src/main/targets/pacing/rate-window.js';

/** The most requests that started in any window of `windowMs` (half-open [t, t + W)). */
function busiestWindow(starts: number[], windowMs: number): number {
  let most = 0;
  let lo = 0;
  for (let hi = 0; hi < starts.length; hi++) {
    while ((starts[hi] as number) - (starts[lo] as number) >= windowMs) lo++;
    most = Math.max(most, hi - lo + 1);
  }
  return most;
}

/** A sender that wants to send at each `wants` time, and waits when the pacer says so. */
function drive(pacer: Pacer, wants: number[]): number[] {
  const starts: number[] = [];
  let clock = 0;
  for (const want of wants) {
    clock = Math.max(clock, want);
    clock += pacer.waitMs(clock);
    expect(pacer.waitMs(clock)).toBe(0);
    pacer.record(clock);
    starts.push(clock);
  }
  return starts;
}

describe('SlidingWindow', () => {
  it('lets 50 go at once, then makes the 51st wait for the first to leave the window', () => {
    const w = lastfmWindow();
    for (let i = 0; i < 50; i++) {
      expect(w.waitMs(1000)).toBe(0);
      w.record(1000);
    }
    expect(w.waitMs(1000)).toBe(10_000);
    expect(w.waitMs(7000)).toBe(4000);
    expect(w.waitMs(11_000)).toBe(0);
  });

  it('never exceeds the ceiling, whatever the pattern of wishes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 400 }),
        (limit, windowMs, gaps) => {
          let t = 0;
          const wants = gaps.map((g) => (t += g));
          const starts = drive(new SlidingWindow(limit, windowMs), wants);
          expect(busiestWindow(starts, windowMs)).toBeLessThanOrEqual(limit);
        },
      ),
    );
  });

  it('keeps a steady backlog at ≥ 90 % of the ceiling (50 per 10 s over 10 minutes)', () => {
    const w = lastfmWindow();
    const starts: number[] = [];
    let clock = 0;
    const end = 10 * 60_000;
    // Each request takes 37 ms to answer; the backlog never runs dry.
    while (clock < end) {
      clock += w.waitMs(clock);
      if (clock >= end) break;
      w.record(clock);
      starts.push(clock);
      clock += 37;
    }
    const ceiling = (end / 10_000) * 50;
    expect(starts.length / ceiling).toBeGreaterThanOrEqual(0.9);
    expect(busiestWindow(starts, 10_000)).toBe(50);
  });

  it('counts requests still on their way (pending) as holding a slot each', () => {
    const w = new SlidingWindow(5, 1000);
    for (let i = 0; i < 4; i++) w.record(0);
    expect(w.spare(0)).toBe(1);
    expect(w.waitMs(0)).toBe(0);
    // One more on its way: the window is full until the oldest leaves it.
    expect(w.spare(0, 1)).toBe(0);
    expect(w.waitMs(0, 1)).toBe(1000);
    expect(w.spare(1000, 1)).toBe(4);
    expect(w.waitMs(1000, 1)).toBe(0);
    // Every slot held by requests not answered yet: wait a whole window.
    expect(w.waitMs(5000, 5)).toBe(1000);
  });

  it('never exceeds the ceiling with requests in flight beside it (property)', () => {
    // Two callers share one window: one records at once, the other holds a slot while its
    // answer is on the way and records when it comes. The ceiling holds for their start times.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 600 })), {
          minLength: 1,
          maxLength: 300,
        }),
        (steps) => {
          const w = new SlidingWindow(10, 1000);
          const starts: number[] = [];
          let clock = 0;
          let pendingUntil: number | null = null;
          for (const [gap, latency] of steps) {
            clock += gap;
            if (pendingUntil !== null && pendingUntil <= clock) {
              w.record(pendingUntil);
              pendingUntil = null;
            }
            const pending = pendingUntil === null ? 0 : 1;
            if (w.spare(clock, pending) < 1) continue;
            expect(w.waitMs(clock, pending)).toBe(0);
            starts.push(clock);
            if (pendingUntil === null && latency > 0) pendingUntil = clock + latency;
            else w.record(clock);
          }
          starts.sort((a, b) => a - b);
          expect(busiestWindow(starts, 1000)).toBeLessThanOrEqual(10);
        },
      ),
    );
  });

  it('refuses a limit or window that makes no sense', () => {
    expect(() => new SlidingWindow(0, 1000)).toThrow(RangeError);
    expect(() => new SlidingWindow(5, 0)).toThrow(RangeError);
  });
});

describe('HeaderPacer (ListenBrainz X-RateLimit-*)', () => {
  it('reads the headers, and ignores garbled ones', () => {
    expect(
      readRateLimitHeaders({
        'x-ratelimit-limit': '30',
        'x-ratelimit-remaining': '2',
        'x-ratelimit-reset-in': '7',
      }),
    ).toEqual({ limit: 30, remaining: 2, resetInSec: 7 });
    expect(readRateLimitHeaders({ 'x-ratelimit-remaining': 'lots' })).toEqual({
      limit: null,
      remaining: null,
      resetInSec: null,
    });
  });

  it('goes while requests are left, then waits for the reset', () => {
    const p = new HeaderPacer();
    expect(p.waitMs(0)).toBe(0);
    p.update({ limit: 30, remaining: 2, resetInSec: 5 }, 0);
    p.record(100);
    expect(p.waitMs(100)).toBe(0);
    p.record(200);
    // Two sent since the answer that said "2 left": none left until 5 s.
    expect(p.waitMs(200)).toBe(4800);
    expect(p.waitMs(5000)).toBe(0);
  });

  it('says how many are spare: the named limit until the first answer, then what is left', () => {
    const p = new HeaderPacer();
    expect(p.spare(0)).toBe(Infinity);
    p.update({ limit: 30, remaining: 3, resetInSec: 5 }, 0);
    expect(p.limit).toBe(30);
    expect(p.spare(0)).toBe(3);
    expect(p.spare(0, 1)).toBe(2);
    expect(p.waitMs(0, 3)).toBe(5000);
    // The server's window has reset: its limit again.
    expect(p.spare(5000)).toBe(30);
    p.blockFor(2000, 6000);
    expect(p.spare(7000)).toBe(0);
  });

  it('after a 429 waits the whole Reset-In', () => {
    const p = new HeaderPacer();
    p.blockFor(12_000, 1000);
    expect(p.waitMs(1000)).toBe(12_000);
    expect(p.waitMs(13_000)).toBe(0);
  });

  it('never exceeds a server window it follows, and uses ≥ 90 % of it under a backlog', () => {
    // A scripted server: fixed windows of 10 s with 30 requests each, answering with headers.
    const limit = 30;
    const windowMs = 10_000;
    const p = new HeaderPacer();
    const starts: number[] = [];
    let clock = 0;
    const end = 5 * 60_000;
    let rejected = 0;
    while (clock < end) {
      clock += p.waitMs(clock);
      if (clock >= end) break;
      p.record(clock);
      const windowStart = Math.floor(clock / windowMs) * windowMs;
      const used = starts.filter((s) => s >= windowStart).length;
      const resetInSec = Math.ceil((windowStart + windowMs - clock) / 1000);
      if (used >= limit) {
        rejected++;
        p.blockFor(resetInSec * 1000, clock);
      } else {
        starts.push(clock);
        p.update({ limit, remaining: limit - used - 1, resetInSec }, clock);
      }
      clock += 20;
    }
    expect(rejected).toBe(0);
    const ceiling = (end / windowMs) * limit;
    expect(starts.length / ceiling).toBeGreaterThanOrEqual(0.9);
  });

  it('combines with a sliding window: the longer wait wins', () => {
    const w = new SlidingWindow(1, 1000);
    const h = new HeaderPacer();
    const both = combinedPacer(w, h);
    both.record(0);
    expect(both.waitMs(0)).toBe(1000);
    h.blockFor(5000, 0);
    expect(both.waitMs(0)).toBe(5000);
  });
});
