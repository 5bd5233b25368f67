import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time string comparison for secrets (tokens, OAuth-style state). Hashing both sides
 * first gives equal lengths, so neither the content nor the length of the expected value leaks
 * through timing.
 */
export function secretsMatch(expected: string, candidate: string | null | undefined): boolean {
  if (candidate === null || candidate === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(candidate));
}
