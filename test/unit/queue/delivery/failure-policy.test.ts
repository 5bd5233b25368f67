// The delivery policy's decisions for a failed request: what happens to the batch and how long
// the whole service waits, from the failure's class alone (docs/QUEUE.md). Pure: no clock, no
// server, no database.
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF } from '../../../../src/main/queue/delivery/backoff.js';
import {
  decideOnFailure,
  waitsInline,
  type FailureContext,
} from '../../../../src/main/queue/delivery/failure-policy.js';

const NOW = 1_800_000_000_000;
const ctx = (over: Partial<FailureContext> = {}): FailureContext => ({
  now: NOW,
  attemptsSoFar: 0,
  rateLimitStreak: 1,
  backoff: DEFAULT_BACKOFF,
  random: () => 0.5,
  ...over,
});

describe('whole-service pause', () => {
  it('a service that blocked this app version keeps the items, whatever the class says', () => {
    for (const errorClass of ['transient', 'permanent', 'rate-limited', 'reauth'] as const) {
      const d = decideOnFailure(
        { message: 'BANNED', errorClass, clientBlocked: true, retryAfterMs: 5_000 },
        ctx(),
      );
      // The pause is stored, so the next start and other processes wait too, for a day.
      expect(d).toEqual({
        kind: 'client-blocked',
        pause: { until: NOW + 24 * 3600_000, reason: 'client-blocked' },
      });
    }
  });

  it('a transient failure makes the items retry and the whole service wait as long', () => {
    const d = decideOnFailure({ message: 'HTTP 503', errorClass: 'transient' }, ctx());
    expect(d).toEqual({
      kind: 'retry',
      attempts: 1,
      nextAttemptAt: NOW + 30_000,
      pause: { until: NOW + 30_000, reason: 'unreachable' },
    });
  });

  it('the pause after an outage grows with the batch’s attempts', () => {
    const d = decideOnFailure(
      { message: 'reset', errorClass: 'transient' },
      ctx({ attemptsSoFar: 3 }),
    );
    expect(d).toMatchObject({ attempts: 4, pause: { until: NOW + 240_000 } });
  });

  it('a rate limit without a named wait pauses the service a minute, doubling while it repeats', () => {
    const pauses = [1, 2, 3].map((streak) => {
      const d = decideOnFailure(
        { message: 'error 29', errorClass: 'rate-limited' },
        ctx({ rateLimitStreak: streak }),
      );
      return d.kind === 'rate-limited' ? d.pause.until - NOW : null;
    });
    expect(pauses).toEqual([60_000, 120_000, 240_000]);
  });

  it('a 429 that names its reset (X-RateLimit-Reset-In) waits exactly that', () => {
    const d = decideOnFailure(
      { message: 'HTTP 429', errorClass: 'rate-limited', retryAfterMs: 4_000 },
      ctx(),
    );
    expect(d).toEqual({
      kind: 'rate-limited',
      pause: { until: NOW + 4_000, reason: 'rate-limited' },
      named: true,
    });
  });

  it('a named reset that did not help is no longer trusted: the minute-doubling takes over', () => {
    const d = decideOnFailure(
      { message: 'HTTP 429', errorClass: 'rate-limited', retryAfterMs: 4_000 },
      ctx({ rateLimitStreak: 2 }),
    );
    expect(d).toMatchObject({ pause: { until: NOW + 120_000 }, named: false });
  });

  it('a rejected sign-in pauses nothing by time: the service waits for the user', () => {
    expect(decideOnFailure({ message: 'error 9', errorClass: 'reauth' }, ctx())).toEqual({
      kind: 'needs-auth',
    });
  });

  it('a transient failure honours a longer Retry-After', () => {
    const d = decideOnFailure(
      { message: 'HTTP 503', errorClass: 'transient', retryAfterMs: 600_000 },
      ctx(),
    );
    expect(d).toMatchObject({ nextAttemptAt: NOW + 600_000 });
  });
});

describe('waiting inside a flush', () => {
  it('sits out a short wait the service named, and stops for anything else', () => {
    const at = (ms: number) => NOW + ms;
    expect(waitsInline({ reason: 'rate-limited', until: at(5e3), named: true }, NOW, 3e4)).toBe(
      true,
    );
    // Long, or our own guess after an unnamed penalty (error 29), or not a rate limit.
    expect(waitsInline({ reason: 'rate-limited', until: at(6e4), named: true }, NOW, 3e4)).toBe(
      false,
    );
    expect(waitsInline({ reason: 'rate-limited', until: at(5e3), named: false }, NOW, 3e4)).toBe(
      false,
    );
    expect(waitsInline({ reason: 'unreachable', until: at(1e3), named: true }, NOW, 3e4)).toBe(
      false,
    );
    expect(waitsInline({ reason: 'daily-cap', until: at(1e3) }, NOW, 3e4)).toBe(false);
  });
});
