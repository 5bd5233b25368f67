import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  writeListenBrainzJsonl,
  writeScrobblerLog,
  writeSpotifyHistory,
} from '../test/support/import-fixtures.js';
import { tempDir } from '../test/support/temp-dir.js';
import { median, round } from './measure.js';
import type { BenchResult } from './result.js';

// Importing listening history from files (issue [11], bullet 3): a 100,000-play Spotify
// extended streaming history previews in under 2 s, in bounded memory (the file is streamed,
// never held whole). Each preview runs in its own process (bench/import-child.ts) so its peak
// RSS is its own. The files are synthetic (test/support/import-fixtures.ts), written like
// Spotify's download (indented objects), with short plays, podcasts, private plays and repeats.
// The child runs the JavaScript tsc builds from src/ (as the app ships it), with the modules
// loaded before the clock starts (see import-child.ts).

const PLAYS = 100_000;
const RUNS = 3;
const PREVIEW_GOAL_MS = 2_000;
const MB = 1024 * 1024;
const NOW = Math.floor(Date.now() / 1000);
const TARGETS = [
  { id: 'lastfm', name: 'Last.fm', maxAgeDays: 14 },
  { id: 'librefm', name: 'Libre.fm' },
];

interface ChildResult {
  ms: number;
  cpuMs: number;
  baselineRss: number;
  peakRss: number;
  rows: number;
  plays: number;
  importable: number;
  bytes: number;
  progressReports: number;
  // Import mode only.
  queued?: number;
  rowsQueued?: number;
  againMs?: number;
  againQueued?: number;
  againAlreadyThere?: number;
}

function log(line: string): void {
  process.stderr.write(`[bench import] ${line}\n`);
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Inside the repository, so the built modules find node_modules (zod, better-sqlite3). */
const BUILD_DIR = join(ROOT, 'test-results', 'bench-import-build');
const ENTRIES = [
  'main/sources/import/read-import',
  'main/sources/import/import-service',
  'main/queue/queue-service',
  'main/queue/storage/store',
];

/**
 * Builds what the child loads with the project's own tsc settings (tsconfig.build.json, as
 * `npm run build`), only the entries and what they import, into test-results/. Returns the
 * folder, or undefined when the build gave no output: then the child runs the sources via tsx.
 */
function buildImportModules(): string | undefined {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  mkdirSync(BUILD_DIR, { recursive: true });
  const config = join(BUILD_DIR, 'tsconfig.json');
  writeFileSync(
    config,
    JSON.stringify({
      extends: join(ROOT, 'tsconfig.build.json'),
      compilerOptions: { rootDir: join(ROOT, 'src'), outDir: BUILD_DIR, sourceMap: false },
      files: ENTRIES.map((e) => join(ROOT, 'src', `${e}.ts`)),
      include: [],
    }),
  );
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const built = spawnSync(process.execPath, [tsc, '-p', config], { encoding: 'utf8' });
  // A type error elsewhere in the tree (another change in progress) still emits JavaScript.
  if (built.status !== 0) log(`tsc reported: ${built.stdout.split('\n')[0] ?? ''}`);
  const complete = ENTRIES.every((e) => existsSync(join(BUILD_DIR, `${e}.js`)));
  if (!complete) log('the build gave no output: timing the sources through tsx instead');
  return complete ? BUILD_DIR : undefined;
}

async function previewInChild(
  path: string,
  built: string | undefined,
  mode: 'preview' | 'import' = 'preview',
): Promise<ChildResult> {
  const script = fileURLToPath(new URL('./import-child.ts', import.meta.url));
  const job = JSON.stringify({ path, targets: TARGETS, nowSec: NOW, mode, built });
  const child = spawn(process.execPath, ['--import', 'tsx', script, job], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`import-child exited with ${code}`);
  return JSON.parse(out) as ChildResult;
}

export async function benchImport(): Promise<BenchResult[]> {
  const dir = tempDir('scrobbletray-bench-import-');
  try {
    const results: BenchResult[] = [];
    const spotify = join(dir.path, 'Streaming_History_Audio_synthetic.json');
    const small = join(dir.path, 'Streaming_History_Audio_small.json');
    const log10 = join(dir.path, 'synthetic.scrobbler.log');
    const listens = join(dir.path, 'listens.jsonl');
    log(`writing a ${PLAYS.toLocaleString('en')}-play Spotify history and the other files`);
    const wrote = await writeSpotifyHistory(spotify, { count: PLAYS, endSec: NOW });
    await writeSpotifyHistory(small, { count: PLAYS / 4, endSec: NOW, seed: 2 });
    await writeScrobblerLog(log10, { count: PLAYS, endSec: NOW });
    await writeListenBrainzJsonl(listens, { count: PLAYS, endSec: NOW });
    const size = statSync(spotify).size;
    const built = buildImportModules();
    const code = built ? 'built JS (tsc)' : 'sources via tsx';

    const runs: ChildResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await previewInChild(spotify, built));
      log(`spotify preview run ${i + 1}: ${Math.round(runs[i]!.ms)} ms`);
    }
    const first = runs[0]!;
    if (first.rows !== wrote.rows || first.plays !== wrote.music) {
      throw new Error(
        `preview read ${first.rows} rows / ${first.plays} plays, wrote ${wrote.rows} / ${wrote.music}`,
      );
    }
    const ms = median(runs.map((r) => r.ms));
    results.push({
      name: `preview, Spotify history of ${PLAYS.toLocaleString('en')} plays`,
      value: round(ms),
      unit: 'ms',
      goal: `< ${PREVIEW_GOAL_MS} ms`,
      pass: ms < PREVIEW_GOAL_MS,
      detail: `median of ${RUNS} (${runs.map((r) => Math.round(r.ms)).join(', ')}; CPU ${runs.map((r) => Math.round(r.cpuMs)).join(', ')} ms); ${code}, modules loaded before timing; file ${round(size / MB)} MB, ${first.plays} plays to import, ${first.progressReports} progress reports`,
    });
    // Memory: a file 4 times bigger must not cost 4 times the memory. What does grow with the
    // plays is the set of identities seen (duplicate check), a few MB per 100,000. The growth
    // of one run swings by 20% or so (how far V8 lets the heap grow before collecting), so
    // the median of the runs of each size is compared.
    const growths = runs.map((r) => r.peakRss - r.baselineRss);
    const growth = median(growths);
    const quarters: ChildResult[] = [];
    for (let i = 0; i < RUNS; i++) quarters.push(await previewInChild(small, built));
    const quarterGrowths = quarters.map((r) => r.peakRss - r.baselineRss);
    const quarterGrowth = median(quarterGrowths);
    const mbList = (values: number[]) => values.map((v) => round(v / MB)).join(', ');
    results.push({
      name: `preview peak RSS growth, ${(PLAYS / 4).toLocaleString('en')} plays`,
      value: round(quarterGrowth / MB),
      unit: 'MB',
      detail: `median of ${RUNS} (${mbList(quarterGrowths)} MB); file ${round(quarters[0]!.bytes / MB)} MB, ${quarters.map((r) => Math.round(r.ms)).join(', ')} ms`,
    });
    results.push({
      name: `preview peak RSS growth, ${PLAYS.toLocaleString('en')} plays`,
      value: round(growth / MB),
      unit: 'MB',
      goal: `< 2 × the ${(PLAYS / 4).toLocaleString('en')}-play figure (file 4× bigger)`,
      pass: growth < 2 * quarterGrowth,
      detail: `median of ${RUNS} (${mbList(growths)} MB); file ${round(size / MB)} MB; peak RSS ${round(Math.max(...runs.map((r) => r.peakRss)) / MB)} MB over a ${round(first.baselineRss / MB)} MB process at start`,
    });
    // The import itself: every play into a fresh SQLite queue (synchronous = FULL, one
    // transaction per 256 KB read), for Last.fm (last 14 days) and Libre.fm (any age),
    // with progress; then the same file again, which must add nothing.
    const imported = await previewInChild(spotify, built, 'import');
    log(
      `spotify import: ${Math.round(imported.ms)} ms, again ${Math.round(imported.againMs ?? 0)} ms`,
    );
    results.push({
      name: `import into the queue, Spotify history of ${PLAYS.toLocaleString('en')} plays`,
      value: round(imported.ms),
      unit: 'ms',
      detail: `CPU ${Math.round(imported.cpuMs)} ms; ${imported.queued} plays, ${imported.rowsQueued} queue rows; ${imported.progressReports} progress reports; peak RSS growth ${round((imported.peakRss - imported.baselineRss) / MB)} MB`,
    });
    results.push({
      name: 'import the same file again',
      value: round(imported.againMs ?? 0),
      unit: 'ms',
      goal: 'adds nothing',
      pass: imported.againQueued === 0 && imported.againAlreadyThere === imported.queued,
      detail: `${imported.againQueued} queued, ${imported.againAlreadyThere} already there`,
    });
    for (const [label, path] of [
      ['.scrobbler.log', log10],
      ['ListenBrainz JSON Lines', listens],
    ] as const) {
      const r = await previewInChild(path, built);
      results.push({
        name: `preview, ${label} of ${PLAYS.toLocaleString('en')} rows`,
        value: round(r.ms),
        unit: 'ms',
        detail: `file ${round(r.bytes / MB)} MB, peak RSS growth ${round((r.peakRss - r.baselineRss) / MB)} MB, ${r.plays} plays`,
      });
    }
    return results;
  } finally {
    dir.cleanup();
  }
}
