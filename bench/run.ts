import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchQueueStore } from './queue-store.bench.js';
import type { BenchResult } from './result.js';

// Runs every bench module, prints one table, and writes test-results/bench-results.json.
// Exits 1 when a goal was missed, so `npm run bench` can gate a release.

const SUITES: { name: string; run: () => Promise<BenchResult[]> }[] = [
  { name: 'queue-store', run: benchQueueStore },
];

const OUT_DIR = fileURLToPath(new URL('../test-results/', import.meta.url));

function table(rows: { suite: string; result: BenchResult }[]): string {
  const cells = rows.map(({ suite, result }) => [
    suite,
    result.name,
    `${result.value} ${result.unit}`,
    result.goal ?? '',
    result.pass === undefined ? '' : result.pass ? 'ok' : 'MISSED',
    result.detail ?? '',
  ]);
  const header = ['suite', 'measure', 'value', 'goal', 'pass', 'detail'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

const started = Date.now();
const suites: { name: string; seconds: number; results: BenchResult[] }[] = [];
for (const suite of SUITES) {
  const start = performance.now();
  const results = await suite.run();
  suites.push({
    name: suite.name,
    seconds: Math.round((performance.now() - start) / 100) / 10,
    results,
  });
}

const rows = suites.flatMap((s) => s.results.map((result) => ({ suite: s.name, result })));
console.log(table(rows));
mkdirSync(OUT_DIR, { recursive: true });
const report = {
  startedAt: new Date(started).toISOString(),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  cpu: cpus()[0]?.model ?? 'unknown',
  cpuCount: cpus().length,
  suites,
};
const out = `${OUT_DIR}bench-results.json`;
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
const missed = rows.filter((r) => r.result.pass === false);
console.log(
  `\n${rows.length} measures in ${Math.round((Date.now() - started) / 1000)} s; ` +
    `${missed.length} goal(s) missed. Written to ${out}`,
);
if (missed.length > 0) process.exitCode = 1;
