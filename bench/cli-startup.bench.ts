import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './result.js';

// How fast `scrobbletray` starts, as ratios to a bare `node -e 0` measured in the same run
// (a player hook calls it once per track). The measuring runs in a child under
// scripts/with-keyring.sh, because `scrobble` reads its session key from a real keychain;
// the child (cli-startup-child.ts) signs in against the fake Last.fm, stops the fake so the
// API URL is a closed port, then times the built CLI (bin/scrobbletray.js) as a user runs it.

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface StartupSample {
  name: string;
  medianMs: number;
  maxRssMB: number;
  runs: number;
}

const GOALS: Record<string, { ratio: number; label: string }> = {
  '--version': { ratio: 1.5, label: 'scrobbletray --version' },
  help: { ratio: 1.5, label: 'scrobbletray help' },
  scrobble: { ratio: 3, label: 'scrobbletray scrobble (API unreachable)' },
};

export async function benchCliStartup(): Promise<BenchResult[]> {
  if (!existsSync(`${ROOT}dist/main/cli.bundle.cjs`)) {
    const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build failed');
  }
  const child = spawnSync(
    'sh',
    ['scripts/with-keyring.sh', process.execPath, '--import', 'tsx', 'bench/cli-startup-child.ts'],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (child.status !== 0) throw new Error(`cli-startup child failed (${child.status})`);
  const samples = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '[]') as StartupSample[];
  const bare = samples.find((s) => s.name === 'node -e 0');
  if (!bare) throw new Error('no bare Node sample');
  const results: BenchResult[] = [
    {
      name: 'node -e 0 (the yardstick)',
      value: bare.medianMs,
      unit: 'ms',
      detail: `median of ${bare.runs}; max RSS ${bare.maxRssMB} MB`,
    },
  ];
  for (const sample of samples) {
    const goal = GOALS[sample.name];
    if (!goal) continue;
    const ratio = Number((sample.medianMs / bare.medianMs).toFixed(2));
    results.push({
      name: `${goal.label} / bare node`,
      value: ratio,
      unit: 'x',
      goal: `<= ${goal.ratio}x`,
      pass: ratio <= goal.ratio,
      detail: `median ${sample.medianMs} ms of ${sample.runs}; max RSS ${sample.maxRssMB} MB`,
    });
  }
  return results;
}
