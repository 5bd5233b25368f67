import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportService } from '../../../src/main/sources/import/import-service.js';
import { LASTFM_MAX_AGE_DAYS } from '../../../src/shared/validation.js';
import { writeSpotifyHistory } from '../../support/import-fixtures.js';
import { queueHarness, type QueueHarness } from '../../support/queue-harness.js';
import { tempDir } from '../../support/temp-dir.js';

// The importer through the real core: SQLite queue in a temp dir, the fake Last.fm over
// loopback HTTP, signed in as alice (test/support/queue-harness.ts).

let harness: QueueHarness;
let dir: { path: string; cleanup: () => void };
beforeEach(async () => {
  harness = await queueHarness();
  dir = tempDir('scrobbletray-import-');
});
afterEach(async () => {
  await harness.close();
  dir.cleanup();
});

function service(): ImportService {
  return new ImportService({
    queue: harness.core.queue,
    targets: () => [{ id: 'lastfm', name: 'Last.fm', maxAgeDays: LASTFM_MAX_AGE_DAYS }],
    now: harness.now,
  });
}

describe('ImportService', () => {
  it('queues what the preview promised, and Last.fm receives exactly those plays', async () => {
    const path = join(dir.path, 'Streaming_History_Audio_2026.json');
    const nowSec = Math.floor(harness.now() / 1000);
    await writeSpotifyHistory(path, { count: 400, endSec: nowSec - 60, spanDays: 28 });
    const importer = service();
    const preview = await importer.preview(path);
    const toLastfm = preview.services[0]!.plays;
    expect(toLastfm).toBeGreaterThan(0);
    expect(harness.core.queue.stats('lastfm').counts.queued).toBe(0);

    const result = await importer.import(path);
    expect(result).toMatchObject({ queued: toLastfm, refused: 0, alreadyThere: 0 });
    expect(result.preview.services).toEqual(preview.services);
    expect(harness.core.queue.stats('lastfm').counts.queued).toBe(toLastfm);

    await harness.core.queue.flush('lastfm');
    expect(harness.fake.scrobbles).toHaveLength(toLastfm);
    const oldest = Math.min(...harness.fake.scrobbles.map((s) => Number(s.timestamp)));
    expect(oldest).toBeGreaterThanOrEqual(nowSec - LASTFM_MAX_AGE_DAYS * 86400);
  });

  it('queues nothing for a device-local log without an offset', async () => {
    const { fileURLToPath } = await import('node:url');
    const path = fileURLToPath(
      new URL('../../fixtures/import/rockbox-local.scrobbler.log', import.meta.url),
    );
    const result = await service().import(path);
    expect(result.preview.needsUtcOffset).toBe(true);
    expect(result.queued).toBe(0);
    expect(harness.core.queue.stats('lastfm').counts.queued).toBe(0);
  });
});
