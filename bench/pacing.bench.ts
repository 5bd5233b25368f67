import { join } from 'node:path';
import { LastfmClient } from '../src/main/lastfm/client.js';
import { Sender, type FlushReport } from '../src/main/queue/delivery/sender.js';
import { ScrobbleStore } from '../src/main/queue/storage/store.js';
import { createLastfmTarget } from '../src/main/targets/lastfm/target.js';
import { LASTFM_PACE } from '../src/main/targets/pacing/rate-window.js';
import type { ScrobbleItem } from '../src/shared/track.js';
import { startFakeLastfm } from '../test/support/fake-lastfm/index.js';
import { tempDir } from '../test/support/temp-dir.js';
import type { BenchResult } from './result.js';

// Draining a long backlog at the service's pace: 100,000 scrobbles (2,000 requests of 50)
// through the real sender, SQLite store and Last.fm client to the fake Last.fm, which enforces
// Last.fm's rule as we hold to it (at most 50 requests in any 10 s, refused ones counted,
// error 29 over it). At the real pace that is 400 s or more, so time is scaled: the fake, the
// store and the sender share one clock that runs SCALE times faster than the wall clock, and
// the sender's sleeps are that much shorter. Everything else (HTTP over loopback, SQLite
// commits, the fake's work) takes its real time, which at this scale is a few percent of a
// request's slot, so the drain rate is measured in the scaled clock's seconds against the
// ceiling of 250 scrobbles a second. The fake runs in this process because it must share
// the clock. The same backlog logic without a pacer (the sender before pacing) is measured
// on 3,000 scrobbles, the size the issue measured it on.

const SCALE = Number(process.env.BENCH_PACING_SCALE ?? 2);
const BACKLOG = Number(process.env.BENCH_PACING_BACKLOG ?? 100_000);
const UNPACED_BACKLOG = 3_000;
const USER = 'alice';

/** One decimal, for display. */
const fixed = (v: number) => Math.round(v * 10) / 10;

function log(line: string): void {
  process.stderr.write(`[bench pacing] ${line}\n`);
}

/** A clock SCALE times faster than the wall clock, starting at the real time. */
function scaledClock(): {
  now: () => number;
  sleep: (ms: number, s: AbortSignal) => Promise<boolean>;
} {
  const realStart = Date.now();
  const t0 = performance.now();
  const now = () => realStart + Math.floor((performance.now() - t0) * SCALE);
  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<boolean>((resolve) => {
      if (signal.aborted) return resolve(false);
      const onAbort = () => (clearTimeout(timer), resolve(false));
      const timer = setTimeout(
        () => {
          signal.removeEventListener('abort', onAbort);
          resolve(true);
        },
        Math.ceil(ms / SCALE),
      );
      signal.addEventListener('abort', onAbort, { once: true });
    });
  return { now, sleep };
}

/** Distinct plays, one every 10 s ending now: 100,000 fit in Last.fm's 14 days. */
function plays(size: number, nowMs: number): ScrobbleItem[] {
  const start = Math.floor(nowMs / 1000) - size * 10 - 60;
  return Array.from({ length: size }, (_, i) => ({
    artist: `Artist ${i % 97}`,
    album: `Album ${i % 389}`,
    track: `Track ${i + 1}`,
    timestamp: start + i * 10,
    duration: 180 + (i % 120),
  }));
}

interface DrainRun {
  size: number;
  /** Scaled-clock ms from the first request to the last answer. */
  drainMs: number;
  wallMs: number;
  scrobbleRequests: number;
  rateLimited: number;
  flushes: number;
  acceptedOnce: number;
  duplicates: number;
  stillQueued: number;
}

/**
 * Enqueue `size` plays, then flush until nothing is left, the way the scheduler does: after a
 * flush that stopped early, wait (on the scaled clock) until the report's nextAttemptAt.
 */
async function drain(size: number, paced: boolean): Promise<DrainRun> {
  const clock = scaledClock();
  const fake = await startFakeLastfm({
    now: clock.now,
    dailyCap: size * 10,
    rateLimit: { requests: LASTFM_PACE.requests, perMs: LASTFM_PACE.perMs },
  });
  const dir = tempDir('scrobbletray-bench-');
  const store = ScrobbleStore.open(join(dir.path, 'scrobbles.sqlite'), { now: clock.now });
  const client = new LastfmClient({
    apiUrl: fake.apiUrl,
    apiKey: fake.apiKey,
    apiSecret: fake.apiSecret,
  });
  const sessionKey = fake.createSession(USER);
  const target = createLastfmTarget({
    serviceId: 'lastfm',
    serviceName: 'Last.fm',
    client,
    account: async () => ({
      serviceId: 'lastfm',
      user: USER,
      signedInAt: new Date().toISOString(),
      credential: { kind: 'session-key', sessionKey },
    }),
    maxAgeDays: 14,
  });
  try {
    const items = plays(size, clock.now());
    for (let i = 0; i < items.length; i += 5_000) {
      store.enqueue('lastfm', items.slice(i, i + 5_000), 'bench');
    }
    log(`${paced ? 'paced' : 'unpaced'}: ${size} queued; draining at ×${SCALE}`);
    const sender = new Sender({
      store,
      target,
      now: clock.now,
      sleep: clock.sleep,
      // Before pacing: no window at all.
      ...(paced ? {} : { pacer: null }),
    });
    const wallStart = performance.now();
    let flushes = 0;
    let report: FlushReport;
    for (;;) {
      report = await sender.flush();
      flushes++;
      if (report.stoppedBecause === 'done') break;
      const until = report.nextAttemptAt;
      if (until === null || report.stoppedBecause === 'needs-auth') {
        throw new Error(`drain stopped: ${report.stoppedBecause} ${report.detail ?? ''}`);
      }
      await clock.sleep(Math.max(0, until - clock.now()) + 1, new AbortController().signal);
    }
    const wallMs = performance.now() - wallStart;

    const requests = fake.requests.filter((r) => r.method === 'track.scrobble');
    const first = requests[0]?.at ?? 0;
    const drainMs = clock.now() - first;
    const counts = new Map<string, number>();
    for (const s of fake.scrobbles) {
      const key = `${s.artist}|${s.track}|${s.timestamp}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    let acceptedOnce = 0;
    for (const item of items) {
      if (counts.get(`${item.artist}|${item.track}|${item.timestamp}`) === 1) acceptedOnce++;
    }
    const duplicates = [...counts.values()].filter((n) => n > 1).length;
    const stats = store.stats('lastfm');
    return {
      size,
      drainMs,
      wallMs,
      scrobbleRequests: requests.length,
      rateLimited: fake.rateLimited,
      flushes,
      acceptedOnce,
      duplicates,
      stillQueued: stats.counts.queued + stats.counts.retrying + stats.counts.sending,
    };
  } finally {
    await target.close?.();
    store.close();
    await fake.close();
    dir.cleanup();
  }
}

/** Share of the ceiling (50 requests of 50 scrobbles per 10 s = 250 scrobbles/s) used. */
function utilisation(run: DrainRun): number {
  const ceilingPerSec = (LASTFM_PACE.requests * 50) / (LASTFM_PACE.perMs / 1000);
  return run.size / (run.drainMs / 1000) / ceilingPerSec;
}

function describe(run: DrainRun): string {
  return (
    `${run.size} scrobbles, ${run.scrobbleRequests} track.scrobble requests, ` +
    `${fixed(run.drainMs / 1000)} s on the ×${SCALE} clock (${fixed(run.wallMs / 1000)} s wall), ` +
    `${run.flushes} flush(es)`
  );
}

export async function benchPacing(): Promise<BenchResult[]> {
  const before = await drain(UNPACED_BACKLOG, false);
  log(`unpaced: ${describe(before)}, ${before.rateLimited} refused`);
  const run = await drain(BACKLOG, true);
  log(`paced: ${describe(run)}, ${run.rateLimited} refused`);
  const used = utilisation(run);
  const usedBefore = utilisation(before);
  return [
    {
      name: `rate-limit errors draining ${BACKLOG.toLocaleString('en')} (paced)`,
      value: run.rateLimited,
      unit: 'errors',
      goal: '0',
      pass: run.rateLimited === 0,
      detail: describe(run),
    },
    {
      name: `drain rate of ${BACKLOG.toLocaleString('en')} vs the ceiling (paced)`,
      value: fixed(used * 100),
      unit: '%',
      goal: '≥ 90 %',
      pass: used >= 0.9,
      detail: `${fixed(run.size / (run.drainMs / 1000))} scrobbles/s against 250/s (50 requests of 50 per 10 s)`,
    },
    {
      name: `scrobbles accepted exactly once (paced)`,
      value: run.acceptedOnce,
      unit: `of ${run.size}`,
      goal: `${run.size}, none twice, none left`,
      pass: run.acceptedOnce === run.size && run.duplicates === 0 && run.stillQueued === 0,
      detail: `${run.duplicates} sent twice, ${run.stillQueued} left in the queue`,
    },
    {
      name: `drain rate of ${UNPACED_BACKLOG.toLocaleString('en')} without a pacer (before)`,
      value: fixed(usedBefore * 100),
      unit: '%',
      detail: `${describe(before)}; ${before.rateLimited} refused with error 29, each a 60 s pause`,
    },
  ];
}
