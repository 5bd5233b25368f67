// Pacing for senders, as pure functions of an injected clock (milliseconds):
// - SlidingWindow: "at most N requests in any W ms" (we hold each Last.fm-style service to
//   50 per 10 s). It remembers the last N request times; the next request may go once the
//   oldest of them has left the window, so a steady backlog runs at the ceiling exactly.
// - HeaderPacer: ListenBrainz says how many requests are left and when its window resets
//   (X-RateLimit-Remaining / X-RateLimit-Reset-In on every answer); it waits only when none
//   are left, or when a 429 said so.
// - combinedWait: the longer of several waits, so both can guard one sender.
// Requests that have started but are not answered yet (`pending`) hold a slot each: a
// sender with a now-playing in flight beside a flush (sender.ts) counts it before the flush's
// next request, and the other way round, so two kinds of request never share one slot.

import type { TargetPace } from '../target.js';

export interface Pacer {
  /**
   * Milliseconds to wait before the next request may start; 0 means now. `pending`: requests
   * started and not yet recorded (default 0).
   */
  waitMs(nowMs: number, pending?: number): number;
  /** How many requests may start now without waiting, `pending` ones counted as taken. */
  spare(nowMs: number, pending?: number): number;
  /** Most requests per window, as far as known (Infinity when nothing says). */
  readonly limit: number;
  /**
   * A request was made at this time. The sender records when its answer came: the server saw
   * it earlier, so requests spaced by the window at our end are spaced by at least as much at
   * the server's, whatever the latency.
   */
  record(nowMs: number): void;
}

export class SlidingWindow implements Pacer {
  readonly limit: number;
  readonly windowMs: number;
  /** Start times of the last `limit` requests, oldest first. */
  readonly #starts: number[] = [];

  constructor(limit: number, windowMs: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError('limit must be a whole number ≥ 1');
    if (!(windowMs > 0)) throw new RangeError('windowMs must be above 0');
    this.limit = limit;
    this.windowMs = windowMs;
  }

  waitMs(nowMs: number, pending = 0): number {
    const free = this.limit - pending;
    // Every slot is held by a request still on its way: its answer will be recorded later.
    if (free <= 0) return this.windowMs;
    if (this.#starts.length < free) return 0;
    // The request `free` back must be at least a full window before the next one.
    const oldest = this.#starts[this.#starts.length - free] as number;
    return Math.max(0, oldest + this.windowMs - nowMs);
  }

  spare(nowMs: number, pending = 0): number {
    const inWindow = this.#starts.filter((t) => t > nowMs - this.windowMs).length;
    return Math.max(0, this.limit - pending - inWindow);
  }

  record(nowMs: number): void {
    this.#starts.push(nowMs);
    if (this.#starts.length > this.limit) this.#starts.shift();
  }
}

/** We hold ourselves to at most 50 requests in any 10 s window per service (PROTOCOLS.md). */
export const LASTFM_PACE: TargetPace = { requests: 50, perMs: 10_000 };

export function lastfmWindow(): SlidingWindow {
  return new SlidingWindow(LASTFM_PACE.requests, LASTFM_PACE.perMs);
}

/** The sliding window a target's `pace` asks for; null when it names none. */
export function windowFor(pace: TargetPace | undefined): SlidingWindow | null {
  return pace ? new SlidingWindow(pace.requests, pace.perMs) : null;
}

export interface RateLimitHeaders {
  limit: number | null;
  remaining: number | null;
  /** Seconds until the server's window resets. */
  resetInSec: number | null;
}

/** Read X-RateLimit-* from lower-cased response headers; absent or garbled values are null. */
export function readRateLimitHeaders(headers: Readonly<Record<string, string>>): RateLimitHeaders {
  const num = (name: string): number | null => {
    const raw = headers[name]?.trim();
    if (raw === undefined || !/^\d+(\.\d+)?$/.test(raw)) return null;
    return Number(raw);
  };
  return {
    limit: num('x-ratelimit-limit'),
    remaining: num('x-ratelimit-remaining'),
    resetInSec: num('x-ratelimit-reset-in'),
  };
}

export class HeaderPacer implements Pacer {
  #limit: number | null = null;
  #remaining: number | null = null;
  #resetAt = 0;
  #blockedUntil = 0;

  /** What the server said with an answer received at `nowMs`. */
  update(h: RateLimitHeaders, nowMs: number): void {
    if (h.limit !== null) this.#limit = h.limit;
    if (h.remaining === null || h.resetInSec === null) return;
    this.#remaining = h.remaining;
    this.#resetAt = nowMs + h.resetInSec * 1000;
  }

  /** A 429: nothing more until the server's window resets. */
  blockFor(ms: number, nowMs: number): void {
    this.#blockedUntil = Math.max(this.#blockedUntil, nowMs + ms);
    this.#remaining = 0;
    this.#resetAt = Math.max(this.#resetAt, nowMs + ms);
  }

  get limit(): number {
    return this.#limit ?? Infinity;
  }

  waitMs(nowMs: number, pending = 0): number {
    const blocked = Math.max(0, this.#blockedUntil - nowMs);
    if (this.#remaining === null || nowMs >= this.#resetAt) return blocked;
    if (this.#remaining - pending > 0) return blocked;
    return Math.max(blocked, this.#resetAt - nowMs);
  }

  spare(nowMs: number, pending = 0): number {
    if (nowMs < this.#blockedUntil) return 0;
    // Nothing said yet, or the server's window has reset: its own limit, if it named one.
    const left = this.#remaining === null || nowMs >= this.#resetAt ? this.limit : this.#remaining;
    return Math.max(0, left - pending);
  }

  /** Count a request against what is left, until the next answer says otherwise. */
  record(nowMs: number): void {
    if (this.#remaining !== null && nowMs < this.#resetAt && this.#remaining > 0) {
      this.#remaining--;
    }
  }
}

/** The longest wait of several pacers; record() goes to all of them. */
export function combinedPacer(...pacers: Pacer[]): Pacer {
  return {
    waitMs: (now, pending) => Math.max(0, ...pacers.map((p) => p.waitMs(now, pending))),
    spare: (now, pending) => Math.min(...pacers.map((p) => p.spare(now, pending))),
    limit: Math.min(...pacers.map((p) => p.limit)),
    record: (now) => pacers.forEach((p) => p.record(now)),
  };
}
