import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { COMMANDS } from '../../src/main/cli.js';
import { runCli } from '../../src/main/cli/run-cli.js';

const ENTRY = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI in this process: fast, same code path as `scrobbletray` bar argv and stdin. */
export async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      readStdin: async () => null,
      env: { ...process.env, ...env },
    },
    COMMANDS,
  );
  return { code, stdout, stderr };
}

export interface CliProcess {
  /** Resolves when the process exits. */
  done: Promise<CliRun>;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  write(text: string): void;
  kill(signal?: NodeJS.Signals): void;
}

/** The CLI as a real child process (for stdin, signals and kill -9). */
export function cliProcess(args: string[], env: NodeJS.ProcessEnv, stdin?: string): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());
  child.stdout.on('data', (d: Buffer) => ((stdout += d.toString()), changed()));
  child.stderr.on('data', (d: Buffer) => ((stderr += d.toString()), changed()));
  if (stdin !== undefined) child.stdin.end(stdin);
  const done = new Promise<CliRun>((resolve) => {
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }),
    );
  });
  return {
    done,
    output: () => stdout + stderr,
    waitFor(pattern, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = (stdout + stderr).match(pattern);
          if (m) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; output so far:\n${stdout}${stderr}`));
        }, timeoutMs);
        listeners.add(check);
        check();
        void done.then(() => check());
      });
    },
    write: (text) => void child.stdin.write(text),
    kill: (signal = 'SIGTERM') => void child.kill(signal),
  };
}
