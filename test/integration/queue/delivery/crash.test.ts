import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { killDuringFlushes, startFlushChild } from '../../../support/crash-loop.js';
import { queueHarness, type QueueHarness } from '../../../support/queue-harness.js';

// kill -9 a process in the middle of sending, twenty times, at random moments. Whatever was in
// flight is resolved at the next start by asking the service what it recorded
// (user.getRecentTracks), so nothing is lost and nothing is sent twice.

const CHILD = fileURLToPath(new URL('../fixtures/flush-child.ts', import.meta.url));

let h: QueueHarness;
beforeAll(async () => {
  h = await queueHarness();
});
afterAll(async () => h?.close());

const startChild = () =>
  startFlushChild(CHILD, {
    CHILD_DATA_DIR: h.dataDir,
    CHILD_SESSION_KEY: h.sessionKey,
    SCROBBLETRAY_LASTFM_API_URL: h.fake.apiUrl,
    SCROBBLETRAY_LASTFM_API_KEY: h.fake.apiKey,
    SCROBBLETRAY_LASTFM_API_SECRET: h.fake.apiSecret,
  });

it('survives twenty kill -9 during a flush with nothing lost and nothing sent twice', async () => {
  const ids = h.enqueuePlays(2000);
  // Every answer comes 40 ms late (after the fake recorded the batch), so kills often land
  // between "recorded by the service" and "result written to the queue".
  h.fake.injectFault({ kind: 'delay', ms: 40 }, { method: 'track.scrobble', times: 10_000 });
  await h.core.close();

  const killedMidFlush = await killDuringFlushes(startChild, { kills: 20, maxDelayMs: 150 });
  // One last run, left alone, finishes the job.
  const last = startChild();
  await last.exited;
  expect(last.output()).toMatch(/done \[("done")?\]/);

  await h.reopen();
  const counts = h.recordedCounts();
  const duplicates = [...counts.values()].filter((n) => n > 1).length;
  expect(duplicates).toBe(0);
  expect(h.core.queue.stats().counts).toMatchObject({
    accepted: 2000,
    queued: 0,
    sending: 0,
    retrying: 0,
  });
  for (const id of ids) {
    const row = h.core.queue.get(id)!;
    expect(counts.get(`${row.artist}|${row.track}|${row.timestamp}`)).toBe(1);
  }
  // Most kills must land mid-flush, or the test proves little.
  expect(killedMidFlush).toBeGreaterThanOrEqual(15);
}, 120_000);
