import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as QueueServiceModule from '../src/main/queue/queue-service.js';
import type * as StoreModule from '../src/main/queue/storage/store.js';
import type * as ImportServiceModule from '../src/main/sources/import/import-service.js';
import type { ImportTarget } from '../src/main/sources/import/preview.js';
import type * as ReadImportModule from '../src/main/sources/import/read-import.js';

// One import preview (or one import into a fresh SQLite queue) in a fresh process, so its
// peak RSS is its own (the bench process has held other suites' data). Prints one JSON line:
// time, CPU time, memory, counts.
//
// What is timed is what a user waits for in a running app: from "preview this file" to the
// result. The modules are loaded first, untimed, as the app has them loaded already; and they
// are the JavaScript tsc builds (`built`, see import.bench.ts), as the app ships them, not
// the TypeScript sources compiled on demand by tsx (its loader and its keepNames wrappers
// would be timed too).

interface Job {
  path: string;
  targets: ImportTarget[];
  nowSec: number;
  /** 'import': queue the plays into a new store (synchronous = FULL), then import again. */
  mode?: 'preview' | 'import';
  /** Folder of the built src/ (its main/ and shared/); the sources through tsx when absent. */
  built?: string;
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;

async function load<T>(built: string | undefined, path: string): Promise<T> {
  const url = built
    ? pathToFileURL(join(built, `${path}.js`)).href
    : new URL(`../src/${path}.js`, import.meta.url).href;
  return (await import(url)) as T;
}

const { planImportFile } = await load<typeof ReadImportModule>(
  job.built,
  'main/sources/import/read-import',
);
const { ImportService } = await load<typeof ImportServiceModule>(
  job.built,
  'main/sources/import/import-service',
);
const { QueueService } = await load<typeof QueueServiceModule>(
  job.built,
  'main/queue/queue-service',
);
const { ScrobbleStore } = await load<typeof StoreModule>(job.built, 'main/queue/storage/store');

const baselineRss = process.memoryUsage().rss;
let progressReports = 0;
const cpuStart = process.cpuUsage();
const start = performance.now();

if (job.mode === 'import') {
  const dir = mkdtempSync(join(tmpdir(), 'scrobbletray-bench-import-store-'));
  try {
    const store = ScrobbleStore.open(join(dir, 'scrobbles.sqlite'));
    const limits = new Map(job.targets.map((t) => [t.id, t.maxAgeDays]));
    const queue = new QueueService({
      store,
      targetsForNew: () => job.targets.map((t) => t.id),
      maxAgeDaysFor: (id) => limits.get(id),
      targetFor: () => Promise.reject(new Error('the bench sends nothing')),
    });
    const importer = new ImportService({ queue, targets: () => job.targets });
    const result = await importer.import(job.path, { onProgress: () => progressReports++ });
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    const againStart = performance.now();
    const again = await importer.import(job.path);
    const againMs = performance.now() - againStart;
    store.close();
    process.stdout.write(
      `${JSON.stringify({
        ms,
        cpuMs: (cpu.user + cpu.system) / 1000,
        baselineRss,
        peakRss: process.resourceUsage().maxRSS * 1024,
        rows: result.preview.rows,
        plays: result.preview.plays,
        importable: result.preview.importable,
        bytes: result.preview.bytes,
        progressReports,
        queued: result.queued,
        rowsQueued: result.services.reduce((n, s) => n + s.queued, 0),
        againMs,
        againQueued: again.queued,
        againAlreadyThere: again.alreadyThere,
      })}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  const preview = await planImportFile(job.path, job.targets, {
    nowSec: job.nowSec,
    onProgress: () => progressReports++,
  });
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  process.stdout.write(
    `${JSON.stringify({
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      baselineRss,
      // resourceUsage().maxRSS is in kilobytes.
      peakRss: process.resourceUsage().maxRSS * 1024,
      rows: preview.rows,
      plays: preview.plays,
      importable: preview.importable,
      bytes: preview.bytes,
      progressReports,
    })}\n`,
  );
}
