import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { killDuringFlushes, startFlushChild } from '../../../support/crash-loop.js';
import { deliveryHarness, type DeliveryHarness } from '../../../support/delivery-harness.js';

// [3]'s kill -9 test for the other protocols (Last.fm's is crash.test.ts): a child process
// flushes the queue to the fake Audioscrobbler 1.2 or ListenBrainz server and is killed with
// SIGKILL at random moments, twenty times; a last run finishes. Every scrobble must end
// accepted and stored exactly once. ListenBrainz reads the listens back before sending a batch
// that was in flight, so nothing is sent twice. 1.2 cannot be asked what it recorded: a batch in
// flight at the kill is sent again, and the server (GNU FM) answers OK and drops the repeat.
// That is unknowable with 1.2, so for it the test checks that repeats were dropped, never
// stored, and counts them.

const CHILD = fileURLToPath(new URL('../fixtures/protocol-flush-child.ts', import.meta.url));

let h: DeliveryHarness;
afterEach(async () => h?.close());

const startChild = () => startFlushChild(CHILD, h.childEnv());

describe.each(['as12', 'listenbrainz'] as const)('%s', (protocol) => {
  it('survives twenty kill -9 during a flush: every scrobble stored once', async () => {
    h = await deliveryHarness(protocol);
    // ListenBrainz takes 1000 a request: more plays, so a flush has several requests to cut.
    // Enough batches (48 of 50) that the twentieth kill still lands mid-flush, and under the
    // pace of 50 requests per 10 s, so no child sleeps on it.
    const size = protocol === 'as12' ? 2_400 : 20_000;
    const ids = h.enqueuePlays(size);
    // Each answer comes late (after the server stored the batch), so kills often land between
    // "recorded by the service" and "result written to the queue".
    const delay = { kind: 'delay', ms: protocol === 'as12' ? 40 : 300 } as const;
    if (h.as12) h.as12.injectFault(delay, { route: 'submission', times: 100_000 });
    else h.listenbrainz!.injectFault(delay, { route: 'submit', times: 100_000 });

    const killedMidFlush = await killDuringFlushes(startChild, { kills: 20, maxDelayMs: 400 });
    const last = startChild();
    await last.exited;
    expect(last.output()).toMatch(/done "done"/);

    const counts = h.storedCounts();
    for (const id of ids) {
      const row = h.store.get(id)!;
      expect(row.state).toBe('accepted');
      expect(counts.get(`${row.artist}|${row.track}|${row.timestamp}`)).toBe(1);
    }
    const resent = h.acceptedSends() - size;
    if (protocol === 'listenbrainz') expect(resent).toBe(0);
    else {
      // Each repeat is one the server dropped as a duplicate, never a second stored play.
      expect(h.as12!.dropped.filter((d) => d.reason === 'duplicate')).toHaveLength(resent);
      expect(h.as12!.scrobbles).toHaveLength(size);
    }
    expect(killedMidFlush).toBeGreaterThanOrEqual(12);
  }, 180_000);
});
