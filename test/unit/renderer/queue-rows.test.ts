import { describe, expect, it } from 'vitest';
import { canRetry, describeTrack, QUEUE_FILTERS } from '../../../src/renderer/lib/queue-rows.js';
import { SCROBBLE_STATES } from '../../../src/shared/scrobble-state.js';
import { storedRow } from '../../support/stored-row.js';

// What the Queue view offers per row, and what its filters list.

describe('canRetry', () => {
  it('offers Retry for retrying, failed and ignored rows only', () => {
    const offered = SCROBBLE_STATES.filter((state) => canRetry(storedRow({ state })));
    expect(offered.sort()).toEqual(['failed', 'ignored', 'retrying']);
  });

  it('not for a play ignored as too old: it must be re-timed first', () => {
    expect(canRetry(storedRow({ state: 'ignored', ignoredKind: 'too-old' }))).toBe(false);
    expect(canRetry(storedRow({ state: 'ignored', ignoredKind: 'filtered-track' }))).toBe(true);
  });
});

describe('the queue filters', () => {
  it('"All" lists every state but accepted, each other filter a part of it', () => {
    const [all, ...rest] = QUEUE_FILTERS;
    expect(all?.states).toEqual(['queued', 'sending', 'retrying', 'failed', 'ignored']);
    for (const f of rest) for (const s of f.states) expect(all?.states, f.id).toContain(s);
  });

  it('names a row by track and artist', () => {
    expect(describeTrack(storedRow())).toBe('“Something” by the beatles');
  });
});
