import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startFakeLastfm } from '../test/support/fake-lastfm/index.js';
import { cliEnv } from '../test/support/sign-in.js';
import { tempDir } from '../test/support/temp-dir.js';
import type { StartupSample } from './cli-startup.bench.js';
import { median, round } from './measure.js';

// Runs under scripts/with-keyring.sh (see cli-startup.bench.ts); prints one JSON line.

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = `${ROOT}bin/scrobbletray.js`;
const RUNS = 15;

const dir = tempDir('scrobbletray-bench-cli-');
const fake = await startFakeLastfm();
fake.addUser('bencher', 'bench-password');
const env = { ...process.env, ...cliEnv(fake, dir.path) };
// Not spawnSync: the fake answers from this process's event loop.
await promisify(execFile)(
  process.execPath,
  [BIN, 'login', '--method', 'password', '--username', 'bencher'],
  { env: { ...env, SCROBBLETRAY_PASSWORD: 'bench-password' } },
);
// From here on the API URL is a closed port: `scrobble` queues, fails to connect, and exits.
await fake.close();

let track = 0;
const cases: { name: string; args: () => string[] }[] = [
  { name: 'node -e 0', args: () => ['-e', '0'] },
  { name: '--version', args: () => [BIN, '--version'] },
  { name: 'help', args: () => [BIN, 'help'] },
  {
    name: 'scrobble',
    args: () => [BIN, 'scrobble', '--artist', 'Bench', '--track', `Start ${++track}`],
  },
];

const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
const rss = new Map<string, number>(cases.map((c) => [c.name, 0]));
// Round-robin (after one warm-up round), so a busy moment on the machine hits every case alike.
for (let round = -1; round < RUNS; round++) {
  for (const c of cases) {
    const start = performance.now();
    const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...c.args()], {
      env,
      encoding: 'utf8',
    });
    const ms = performance.now() - start;
    if (run.error) throw run.error;
    if (round < 0) continue;
    times.get(c.name)?.push(ms);
    const kb = Number(run.stderr.trim().split('\n').at(-1));
    rss.set(c.name, Math.max(rss.get(c.name) ?? 0, kb / 1024));
  }
}
dir.cleanup();

const samples: StartupSample[] = cases.map((c) => ({
  name: c.name,
  medianMs: round(median(times.get(c.name) ?? [])),
  maxRssMB: round(rss.get(c.name) ?? 0),
  runs: RUNS,
}));
console.log(JSON.stringify(samples));
