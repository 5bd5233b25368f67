import { planImportFile } from '../src/main/sources/import/read-import.js';
import type { ImportTarget } from '../src/main/sources/import/preview.js';

// One import preview in a fresh process, so its peak RSS is the preview's alone (the bench
// process has held other suites' data). Prints one JSON line: time, memory, counts.

interface Job {
  path: string;
  targets: ImportTarget[];
  nowSec: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const baselineRss = process.memoryUsage().rss;
let progressReports = 0;
const cpuStart = process.cpuUsage();
const start = performance.now();
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
