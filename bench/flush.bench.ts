import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Core } from '../src/main/core.js';
import { MemorySecretStore } from '../src/main/secrets/memory-store.js';
import { memorySettings } from '../src/main/settings/store.js';
import type { FlushReport } from '../src/main/queue/delivery/sender.js';
import { tempDir } from '../test/support/temp-dir.js';
import type { FakeServerHello, FakeServerStats } from './fake-lastfm-server.js';
import { median, round } from './measure.js';
import type { BenchResult } from './result.js';

// Flushing a long offline backlog: 10,000 scrobbles through the real core (SQLite store,
// sender, Last.fm client on undici) to the fake Last.fm over loopback HTTP. The fake runs in a
// child process, so this process's CPU time is the client's alone. A 2,000 flush alongside
// shows whether memory grows with the backlog. The core is wired as in
// test/support/queue-harness.ts (memory settings and keychain, a temp data dir), but by hand:
// the harness starts its fake in this process.

const SIZES = [2_000, 10_000] as const;
const GOAL_SIZE = 10_000;
const RUNS = 3;
const SAMPLE_EVERY_MS = 5;
const CPU_GOAL_MS = 0.5;
const HEAP_GOAL_MB = 50;
const MB = 1024 * 1024;

function log(line: string): void {
  process.stderr.write(`[bench flush] ${line}\n`);
}

/** A forced full GC, so "start" and "retained" heap figures hold live objects only. */
function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

interface FakeServerProcess {
  hello: FakeServerHello;
  stats(): Promise<FakeServerStats>;
  close(): Promise<void>;
}

async function startFakeServer(dailyCap: number): Promise<FakeServerProcess> {
  const script = fileURLToPath(new URL('./fake-lastfm-server.ts', import.meta.url));
  const root = fileURLToPath(new URL('../', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify({ dailyCap })], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(line));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      waiting.push(resolve);
      child.once('exit', (code) => reject(new Error(`fake server exited (${code})`)));
    });
  const hello = JSON.parse(await nextLine()) as FakeServerHello;
  return {
    hello,
    async stats() {
      const line = nextLine();
      child.stdin.write('stats\n');
      return JSON.parse(await line) as FakeServerStats;
    },
    async close() {
      const exited = once(child, 'exit');
      child.stdin.end();
      await exited;
    },
  };
}

interface MemoryTrack {
  start: number;
  peak: number;
  end: number;
}

interface FlushRun {
  size: number;
  scrobbleRequests: number;
  otherRequests: number;
  cpuMs: number;
  /** CPU the fake server spent meanwhile (its own process): where the rest of the wall time went. */
  serverCpuMs: number;
  wallMs: number;
  heap: MemoryTrack & { retained: number };
  rss: MemoryTrack;
  samples: number;
  /** Enqueued scrobbles the fake recorded exactly once. */
  deliveredOnce: number;
  problems: string[];
}

/** Distinct plays, one a minute ending now (well inside Last.fm's 14 days for 10,000). */
function plays(
  size: number,
): { artist: string; track: string; album: string; timestamp: number; duration: number }[] {
  const start = Math.floor(Date.now() / 1000) - size * 60 - 60;
  return Array.from({ length: size }, (_, i) => ({
    artist: `Artist ${i % 97}`,
    album: `Album ${i % 389}`,
    track: `Track ${i + 1}`,
    timestamp: start + i * 60,
    duration: 180 + (i % 120),
  }));
}

async function flushOnce(size: number, gc: () => void): Promise<FlushRun> {
  const fake = await startFakeServer(size * 10);
  const dir = tempDir('scrobbletray-bench-');
  let sample: () => void = () => undefined;
  const core = new Core({
    dataDir: dir.path,
    env: {
      SCROBBLETRAY_LASTFM_API_URL: fake.hello.apiUrl,
      SCROBBLETRAY_LASTFM_AUTH_URL: fake.hello.authUrl,
      SCROBBLETRAY_LASTFM_API_KEY: fake.hello.apiKey,
      SCROBBLETRAY_LASTFM_API_SECRET: fake.hello.apiSecret,
    },
    settings: memorySettings(),
    secrets: new MemorySecretStore(),
    onEvent: (event) => {
      if (event.type === 'flush-progress') sample();
    },
  });
  try {
    await core.accountStore.signIn('lastfm', fake.hello.user, fake.hello.sessionKey);
    const enqueued = plays(size);
    core.queue.enqueue(enqueued, 'bench');

    const serverCpuBefore = (await fake.stats()).cpuMs;
    gc();
    const startMem = process.memoryUsage();
    const heap = { start: startMem.heapUsed, peak: startMem.heapUsed, end: 0 };
    const rss = { start: startMem.rss, peak: startMem.rss, end: 0 };
    let samples = 0;
    // Cheap samples, since they run inside the measured CPU time: the heap figure costs ~1 µs,
    // RSS (read from /proc) ~8 µs, so RSS is read on every tenth sample only.
    sample = () => {
      heap.peak = Math.max(heap.peak, getHeapStatistics().used_heap_size);
      if (samples++ % 10 === 0) rss.peak = Math.max(rss.peak, process.memoryUsage.rss());
    };
    const timer = setInterval(sample, SAMPLE_EVERY_MS);
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    let reports: FlushReport[];
    try {
      reports = await core.queue.flush('lastfm');
    } finally {
      clearInterval(timer);
    }
    const wallMs = performance.now() - wallStart;
    const cpu = process.cpuUsage(cpuStart);
    sample();
    rss.peak = Math.max(rss.peak, process.memoryUsage.rss());
    const endMem = process.memoryUsage();
    heap.end = endMem.heapUsed;
    rss.end = endMem.rss;
    gc();
    const retained = process.memoryUsage().heapUsed;

    // Checked after the clock stopped: none of this counts.
    const stats = await fake.stats();
    const problems: string[] = [];
    const report = reports[0];
    if (reports.length !== 1 || report?.stoppedBecause !== 'done' || report.accepted !== size) {
      problems.push(`flush report ${JSON.stringify(reports)}`);
    }
    const counts = core.queue.stats('lastfm').counts;
    if (counts.accepted !== size) problems.push(`store: ${JSON.stringify(counts)}`);
    let deliveredOnce = 0;
    const expected = new Set<string>();
    for (const p of enqueued) {
      const key = `${p.artist}|${p.track}|${p.timestamp}`;
      expected.add(key);
      const n = stats.counts[key] ?? 0;
      if (n === 1) deliveredOnce++;
      else problems.push(`${key} recorded ${n} times`);
    }
    const unexpected = Object.keys(stats.counts).filter((k) => !expected.has(k));
    if (unexpected.length > 0) problems.push(`${unexpected.length} unexpected scrobbles`);
    if (stats.scrobbles !== size) problems.push(`fake recorded ${stats.scrobbles} scrobbles`);
    const scrobbleRequests = stats.requests['track.scrobble'] ?? 0;
    const allRequests = Object.values(stats.requests).reduce((a, b) => a + b, 0);
    return {
      size,
      scrobbleRequests,
      otherRequests: allRequests - scrobbleRequests,
      cpuMs: (cpu.user + cpu.system) / 1000,
      serverCpuMs: stats.cpuMs - serverCpuBefore,
      wallMs,
      heap: { ...heap, retained },
      rss,
      samples,
      deliveredOnce,
      problems: problems.slice(0, 5),
    };
  } finally {
    await core.close();
    await fake.close();
    dir.cleanup();
  }
}

const mb = (bytes: number) => round(bytes / MB);
const fmt = (n: number) => n.toLocaleString('en');

function resultsFor(size: number, runs: FlushRun[], baseline?: FlushRun[]): BenchResult[] {
  const label = `flush ${fmt(size)}`;
  const goals = size === GOAL_SIZE;
  const perScrobble = runs.map((r) => r.cpuMs / size).sort((a, b) => a - b);
  const cpuMedian = median(perScrobble);
  const wall = median(runs.map((r) => r.wallMs));
  const rate = Math.round(size / (wall / 1000));
  const requests = runs.map((r) => r.scrobbleRequests);
  const other = runs.map((r) => r.otherRequests);
  const expectedRequests = Math.ceil(size / 50);
  // The worst run for memory: the largest peak over its own start.
  const worst = runs.reduce((a, b) =>
    b.heap.peak - b.heap.start > a.heap.peak - a.heap.start ? b : a,
  );
  const growth = worst.heap.peak - worst.heap.start;
  const delivered = Math.min(...runs.map((r) => r.deliveredOnce));
  const problems = runs.flatMap((r) => r.problems);
  const runsNote = `${RUNS} runs, each a fresh database and fake server`;
  const baselineGrowth = baseline
    ? Math.max(...baseline.map((r) => r.heap.peak - r.heap.start))
    : undefined;
  const results: BenchResult[] = [
    {
      name: `${label}: track.scrobble requests`,
      value: Math.max(...requests),
      unit: 'requests',
      ...(goals && {
        goal: `= ${expectedRequests}`,
        pass: requests.every((n) => n === expectedRequests),
      }),
      detail: `per run: ${requests.join(', ')}; other API requests: ${other.join(', ')}`,
    },
    {
      name: `${label}: CPU per scrobble (median)`,
      value: round(cpuMedian),
      unit: 'ms',
      ...(goals && { goal: `< ${CPU_GOAL_MS} ms`, pass: cpuMedian < CPU_GOAL_MS }),
      detail: `user+system of this process over the flush, / ${fmt(size)}; ${runsNote}; runs: ${perScrobble.map(round).join(', ')} ms`,
    },
    {
      name: `${label}: wall time (median)`,
      value: round(wall / 1000),
      unit: 's',
      detail:
        `${fmt(rate)} scrobbles/s; runs: ${runs.map((r) => round(r.wallMs / 1000)).join(', ')} s; ` +
        `the fake server's CPU meanwhile: ${runs.map((r) => round(r.serverCpuMs / 1000)).join(', ')} s`,
    },
    {
      name: `${label}: heap growth (peak - start)`,
      value: mb(growth),
      unit: 'MB',
      ...(goals && { goal: `< ${HEAP_GOAL_MB} MB`, pass: growth < HEAP_GOAL_MB * MB }),
      detail:
        `worst of ${RUNS}: heapUsed start ${mb(worst.heap.start)}, peak ${mb(worst.heap.peak)}, ` +
        `end ${mb(worst.heap.end)}, after GC ${mb(worst.heap.retained)} MB; ` +
        `RSS start ${mb(worst.rss.start)}, peak ${mb(worst.rss.peak)}, end ${mb(worst.rss.end)} MB; ` +
        `${fmt(worst.samples)} samples` +
        (baselineGrowth === undefined ? '' : `; the 2,000 flush grew ${mb(baselineGrowth)} MB`),
    },
    {
      name: `${label}: recorded exactly once`,
      value: delivered,
      unit: 'scrobbles',
      goal: `all ${fmt(size)}`,
      pass: delivered === size && problems.length === 0,
      detail: problems.length > 0 ? problems.slice(0, 3).join('; ') : `fewest over ${RUNS} runs`,
    },
  ];
  return results;
}

export async function benchFlush(): Promise<BenchResult[]> {
  const gc = gcFunction();
  const runs = new Map<number, FlushRun[]>(SIZES.map((s) => [s, []]));
  // Sizes interleaved, so warm-up and other load on the machine fall on both alike.
  for (let i = 0; i < RUNS; i++) {
    for (const size of SIZES) {
      log(`run ${i + 1}/${RUNS}: flushing ${fmt(size)}…`);
      const run = await flushOnce(size, gc);
      log(
        `  ${run.scrobbleRequests} requests, ${round(run.cpuMs / size)} ms CPU/scrobble, ` +
          `${round(run.wallMs / 1000)} s (fake server CPU ${round(run.serverCpuMs / 1000)} s), heap +${mb(run.heap.peak - run.heap.start)} MB`,
      );
      runs.get(size)?.push(run);
    }
  }
  const small = runs.get(SIZES[0]) ?? [];
  return SIZES.flatMap((size) =>
    resultsFor(size, runs.get(size) ?? [], size === GOAL_SIZE ? small : undefined),
  );
}
