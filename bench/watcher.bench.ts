// What watching players costs: the watcher process's CPU and memory while one mpv plays for
// 10 minutes (SCROBBLETRAY_BENCH_WATCHER_SECONDS to shorten it). A private dbus-daemon, a
// 60 s tagged tone looping in mpv (so a new play, a now-playing and a scrobble every minute),
// and the watcher in a child process that reports its own process.cpuUsage() and
// memoryUsage() every 5 s. Goals: under 1% of one core on average, and no heap growth.
// Run alone: `npx tsx bench/watcher.bench.ts`.

import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { makeTone, startMpv } from '../test/support/mpris/mpv.js';
import { startPrivateBus } from '../test/support/mpris/private-bus.js';
import { tempDir } from '../test/support/temp-dir.js';
import type { BenchResult } from './result.js';

const SAMPLE_MS = 5_000;
const WARM_UP_MS = 10_000;
const CPU_GOAL_PERCENT = 1;
const GROWTH_GOAL_MB = 1;
const MB = 1024 * 1024;

interface Sample {
  cpu: NodeJS.CpuUsage;
  /** CPU the sampling GCs used so far (µs), left out of the watcher's share. */
  gcCpuUs: number;
  memory: NodeJS.MemoryUsage;
  at: number;
  counts: Record<string, number>;
}

export async function benchWatcher(): Promise<BenchResult[]> {
  const seconds = Number(process.env.SCROBBLETRAY_BENCH_WATCHER_SECONDS ?? 600);
  const bus = await startPrivateBus();
  const dir = tempDir('scrobbletray-bench-watcher-');
  const child = fork(fileURLToPath(new URL('./watcher-child.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: bus.address },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let mpv: Awaited<ReturnType<typeof startMpv>> | null = null;
  try {
    await once(child, 'message');
    const tone = await makeTone(dir.path, 'tone.ogg', {
      artist: 'Bench Artist',
      title: 'Bench Loop',
      album: 'Bench',
      seconds: 60,
    });
    mpv = await startMpv(bus.address, [tone], { args: ['--loop-file=inf'] });
    const sample = async (): Promise<Sample> => {
      child.send('sample');
      const [message] = (await once(child, 'message')) as [Sample];
      return message;
    };
    await new Promise((r) => setTimeout(r, WARM_UP_MS));
    const samples: Sample[] = [await sample()];
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      await new Promise((r) => setTimeout(r, Math.min(SAMPLE_MS, end - Date.now())));
      samples.push(await sample());
    }
    return summarize(samples, seconds);
  } finally {
    await mpv?.stop();
    child.send('stop');
    await once(child, 'exit');
    await bus.stop();
    dir.cleanup();
  }
}

function summarize(samples: Sample[], seconds: number): BenchResult[] {
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  const cpuMs =
    (last.cpu.user + last.cpu.system - first.cpu.user - first.cpu.system) / 1000 -
    (last.gcCpuUs - first.gcCpuUs) / 1000;
  const wallMs = last.at - first.at;
  const cpuPercent = (cpuMs / wallMs) * 100;
  // Growth: heap after GC, the last quarter's average against the first quarter's.
  const quarter = Math.max(1, Math.floor(samples.length / 4));
  const avgHeap = (list: Sample[]) =>
    list.reduce((sum, s) => sum + s.memory.heapUsed, 0) / list.length / MB;
  const growthMb = avgHeap(samples.slice(-quarter)) - avgHeap(samples.slice(0, quarter));
  const peakRss = Math.max(...samples.map((s) => s.memory.rss)) / MB;
  const scrobbles = (last.counts.scrobble ?? 0) - (first.counts.scrobble ?? 0);
  const round2 = (n: number) => Math.round(n * 100) / 100;
  return [
    {
      name: 'watcher CPU, one mpv playing',
      value: round2(cpuPercent),
      unit: '% of a core',
      goal: `< ${CPU_GOAL_PERCENT}%`,
      pass: cpuPercent < CPU_GOAL_PERCENT,
      detail: `${round2(cpuMs)} ms CPU over ${Math.round(wallMs / 1000)} s (${seconds} s run), ${scrobbles} scrobbles`,
    },
    {
      name: 'watcher heap growth',
      value: round2(growthMb),
      unit: 'MB',
      goal: `< ${GROWTH_GOAL_MB} MB`,
      pass: growthMb < GROWTH_GOAL_MB,
      detail: `heap after GC ${round2(avgHeap(samples.slice(0, quarter)))} -> ${round2(avgHeap(samples.slice(-quarter)))} MB, ${samples.length} samples`,
    },
    { name: 'watcher peak RSS', value: round2(peakRss), unit: 'MB', detail: 'includes tsx' },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = await benchWatcher();
  for (const r of results) {
    const verdict = r.pass === undefined ? '' : r.pass ? 'ok' : 'MISSED';
    console.log(`${r.name}: ${r.value} ${r.unit} ${r.goal ?? ''} ${verdict} (${r.detail ?? ''})`);
  }
  console.log(JSON.stringify(results));
}
