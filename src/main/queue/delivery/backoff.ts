// When to try again. Pure functions of attempt counts and clocks, so they are unit-tested and
// the sender stays free of arithmetic.

export interface BackoffPolicy {
  /** Wait after the first transient failure. */
  baseMs: number;
  /** Longest wait between attempts ("near an hour"). */
  capMs: number;
  /** Fraction of randomness either way, so many clients do not retry in step. */
  jitter: number;
  /** First whole-target pause after a rate limit (29, 429); doubles while it repeats. */
  rateLimitBaseMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 30_000,
  capMs: 60 * 60_000,
  jitter: 0.2,
  rateLimitBaseMs: 60_000,
};

/** Delay before attempt `attempt + 1` after `attempt` failures (1-based), honouring Retry-After. */
export function retryDelayMs(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
  retryAfterMs: number | null = null,
): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential * (1 - policy.jitter + 2 * policy.jitter * random());
  return Math.round(Math.max(jittered, Math.min(retryAfterMs ?? 0, policy.capMs * 4)));
}

/**
 * Whole-target pause after the `streak`-th rate limit in a row. A service that says when its
 * window resets (ListenBrainz's X-RateLimit-Reset-In, a Retry-After) is taken at its word the
 * first time: a 429 waits exactly that. Only when limits repeat anyway, or the service named
 * no time (Last.fm's error 29), does the pause start at a minute and double.
 */
export function rateLimitPauseMs(
  streak: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  retryAfterMs: number | null = null,
): number {
  if (retryAfterMs !== null && retryAfterMs >= 0 && streak <= 1) return retryAfterMs;
  const exponential = Math.min(policy.capMs, policy.rateLimitBaseMs * 2 ** Math.max(0, streak - 1));
  return Math.max(exponential, retryAfterMs ?? 0);
}

/**
 * When a daily scrobble cap (ignored code 5) is expected to reset: Last.fm does not say, so
 * we take the next UTC midnight, plus a minute of slack.
 */
export function nextDailyResetMs(nowMs: number): number {
  const d = new Date(nowMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1, 0, 1);
}
