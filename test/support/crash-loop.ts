// The kill -9 harness of the queue crash tests (crash.test.ts, crash-every-protocol.test.ts):
// a child process flushes the queue, printing "flushing" when it starts and "done …" at the
// end, and is killed with SIGKILL at random moments while it sends.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The child runs under tsx from the repository root, as the tests themselves do.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface FlushChildRun {
  child: ChildProcess;
  /** Settles once the child printed "flushing", or when it exited without doing so. */
  started: Promise<void>;
  exited: Promise<void>;
  /** Everything the child printed so far. */
  output(): string;
}

/** Starts `script` with `env` added to this process's environment; stderr is passed through. */
export function startFlushChild(script: string, env: Record<string, string>): FlushChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const started = new Promise<void>((resolve) => {
    const check = () => (out.includes('flushing') ? resolve() : undefined);
    child.stdout.on('data', check);
    void exited.then(check).then(() => resolve());
  });
  return { child, started, exited, output: () => out };
}

/**
 * Starts a child `kills` times and kills each with SIGKILL at a random moment up to
 * `maxDelayMs` after it began flushing. Returns how many kills landed mid-flush (the child
 * was still running and had not finished), so a test can show the kills proved something.
 */
export async function killDuringFlushes(
  start: () => FlushChildRun,
  { kills, maxDelayMs }: { kills: number; maxDelayMs: number },
): Promise<number> {
  let killedMidFlush = 0;
  for (let i = 0; i < kills; i++) {
    const run = start();
    await run.started;
    await new Promise((r) => setTimeout(r, Math.random() * maxDelayMs));
    const wasRunning = run.child.exitCode === null;
    run.child.kill('SIGKILL');
    await run.exited;
    if (wasRunning && !run.output().includes('done')) killedMidFlush++;
  }
  return killedMidFlush;
}
