import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchCliStartup } from './cli-startup.bench.js';
import { benchFlush } from './flush.bench.js';
import { benchHistory } from './history.bench.js';
import { benchImport } from './import.bench.js';
import { benchPacing } from './pacing.bench.js';
import { benchQueueStore } from './queue-store.bench.js';
import type { BenchResult } from './result.js';

// Runs the bench suites (all, or those named: `npm run bench -- flush`), prints one table, and
// writes test-results/bench-results.json. A missed goal is a finding, not a crash: it is
// marked MISSED in the table and the file, and the exit code stays 0. Exit 1 means a suite
// itself failed; exit 2, an unknown suite name.

const SUITES: { name: string; run: () => Promise<BenchResult[]> }[] = [
  { name: 'queue-store', run: benchQueueStore },
  { name: 'flush', run: benchFlush },
  { name: 'history', run: benchHistory },
  { name: 'import', run: benchImport },
  { name: 'cli-startup', run: benchCliStartup },
  { name: 'pacing', run: benchPacing },
];

const OUT_DIR = fileURLToPath(new URL('../test-results/', import.meta.url));
const OUT_FILE = `${OUT_DIR}bench-results.json`;

interface SuiteReport {
  name: string;
  startedAt: string;
  seconds: number;
  results: BenchResult[];
}

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

/** Suites of the last results file that this run does not replace (a subset run keeps them). */
function previousSuites(replaced: ReadonlySet<string>): SuiteReport[] {
  if (!existsSync(OUT_FILE)) return [];
  try {
    const old = JSON.parse(readFileSync(OUT_FILE, 'utf8')) as { suites?: SuiteReport[] };
    return (old.suites ?? []).filter((s) => !replaced.has(s.name));
  } catch {
    return [];
  }
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !SUITES.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(
    `unknown bench suite: ${unknown.join(', ')}; known: ${SUITES.map((s) => s.name).join(', ')}`,
  );
  process.exit(2);
}
const selected = wanted.length > 0 ? SUITES.filter((s) => wanted.includes(s.name)) : SUITES;

const started = Date.now();
const suites: SuiteReport[] = [];
for (const suite of selected) {
  const startedAt = new Date().toISOString();
  const start = performance.now();
  const results = await suite.run();
  suites.push({
    name: suite.name,
    startedAt,
    seconds: Math.round((performance.now() - start) / 100) / 10,
    results,
  });
}

const rows = suites.flatMap((s) => s.results.map((result) => ({ suite: s.name, result })));
console.log(table(rows));
mkdirSync(OUT_DIR, { recursive: true });
const kept = previousSuites(new Set(suites.map((s) => s.name)));
const report = {
  startedAt: new Date(started).toISOString(),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  cpu: cpus()[0]?.model ?? 'unknown',
  cpuCount: cpus().length,
  memoryGB: Math.round(totalmem() / 1024 ** 3),
  // Suites from an earlier run (kept when only some were run) carry their own startedAt.
  suites: [...suites, ...kept].sort(
    (a, b) =>
      SUITES.findIndex((s) => s.name === a.name) - SUITES.findIndex((s) => s.name === b.name),
  ),
};
writeFileSync(OUT_FILE, `${JSON.stringify(report, null, 2)}\n`);
const missed = rows.filter((r) => r.result.pass === false);
console.log(
  `\n${rows.length} measures in ${Math.round((Date.now() - started) / 1000)} s; ` +
    `${missed.length} goal(s) missed. Written to ${OUT_FILE}`,
);
for (const { suite, result } of missed) {
  console.log(
    `MISSED  ${suite}: ${result.name}: ${result.value} ${result.unit} (goal ${result.goal ?? '?'})`,
  );
}
