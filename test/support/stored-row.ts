import type { StoredScrobble } from '../../src/shared/queue-types.js';

/** A clock for tests of how rows are described (ms). */
export const ROW_NOW = 1_800_000_000_000;

/** A queued row as the core returns it, with `patch` on top. */
export function storedRow(patch: Partial<StoredScrobble> = {}): StoredScrobble {
  return {
    id: 1,
    target: 'lastfm',
    source: 'manual',
    artist: 'the beatles',
    track: 'Something',
    timestamp: 1_799_999_000,
    createdAt: ROW_NOW,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    lastErrorClass: null,
    ignoredCode: null,
    ignoredKind: null,
    reason: null,
    recorded: null,
    corrected: null,
    sendingSince: null,
    resolvedAt: null,
    ...patch,
  };
}
