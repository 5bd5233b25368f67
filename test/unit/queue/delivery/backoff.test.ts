// The delivery policy's arithmetic: how long a scrobble waits after failures, how long the
// whole service waits after rate limits, and when a daily cap is over.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BACKOFF,
  nextDailyResetMs,
  rateLimitPauseMs,
  retryDelayMs,
} from '../../../../src/main/queue/delivery/backoff.js';

const middle = () => 0.5; // no jitter either way

describe('retry delay', () => {
  it('starts at 30 s and doubles per failed attempt', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, DEFAULT_BACKOFF, middle))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
  });

  it('never waits more than an hour however often it failed', () => {
    expect(retryDelayMs(50, DEFAULT_BACKOFF, middle)).toBe(3_600_000);
  });

  it('spreads clients by at most 20% either way', () => {
    expect(retryDelayMs(1, DEFAULT_BACKOFF, () => 0)).toBe(24_000);
    expect(retryDelayMs(1, DEFAULT_BACKOFF, () => 1)).toBe(36_000);
  });

  it('waits at least as long as the server asked (Retry-After), within bounds', () => {
    expect(retryDelayMs(1, DEFAULT_BACKOFF, middle, 600_000)).toBe(600_000);
    // A server asking for a day is capped at four hours: scrobbles are not parked for good.
    expect(retryDelayMs(1, DEFAULT_BACKOFF, middle, 86_400_000)).toBe(4 * 3_600_000);
  });
});

describe('rate-limit pause of the whole service', () => {
  it('is a minute, doubling while limits repeat, capped at an hour', () => {
    expect([1, 2, 3].map((n) => rateLimitPauseMs(n))).toEqual([60_000, 120_000, 240_000]);
    expect(rateLimitPauseMs(20)).toBe(3_600_000);
  });

  it('honours a longer Retry-After', () => {
    expect(rateLimitPauseMs(1, DEFAULT_BACKOFF, 300_000)).toBe(300_000);
  });

  it('takes a named reset at its word the first time, and not after it failed', () => {
    expect(rateLimitPauseMs(1, DEFAULT_BACKOFF, 5_000)).toBe(5_000);
    expect(rateLimitPauseMs(2, DEFAULT_BACKOFF, 5_000)).toBe(120_000);
  });
});

describe('daily cap', () => {
  it('waits until a minute past the next UTC midnight', () => {
    const evening = Date.UTC(2026, 11, 5, 22, 30);
    expect(nextDailyResetMs(evening)).toBe(Date.UTC(2026, 11, 6, 0, 1));
    const justAfter = Date.UTC(2026, 11, 31, 0, 0, 30);
    expect(nextDailyResetMs(justAfter)).toBe(Date.UTC(2027, 0, 1, 0, 1));
  });
});
