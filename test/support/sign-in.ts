// Helpers shared by the sign-in integration tests: the CLI's environment for a fake Last.fm,
// what the real keychain and settings.json hold, and raw HTTP to the loopback server (with
// headers a browser would never let a page set, such as a foreign Host).
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeLastfm } from './fake-lastfm/index.js';

const RUN_ID = randomBytes(3).toString('hex');
let userCounter = 0;

/**
 * A user name no other test in this run uses: the keychain is shared by every test file of
 * one vitest run, and items are named `session:lastfm:<user>`.
 */
export function uniqueUser(hint: string): string {
  return `${hint}-${RUN_ID}-${++userCounter}`;
}

/** The CLI's environment for one data dir and the fake (override any variable with extra). */
export function cliEnv(
  fake: FakeLastfm,
  dataDir: string,
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return {
    SCROBBLETRAY_DATA_DIR: dataDir,
    SCROBBLETRAY_LASTFM_API_URL: fake.apiUrl,
    SCROBBLETRAY_LASTFM_AUTH_URL: fake.authUrl,
    SCROBBLETRAY_LASTFM_API_KEY: fake.apiKey,
    SCROBBLETRAY_LASTFM_API_SECRET: fake.apiSecret,
    ...extra,
  };
}

/**
 * What the keyring holds under service `scrobbletray`, asked through libsecret's own CLI
 * rather than keytar, so a test sees the keychain as any other program would.
 */
export function secretToolLookup(
  account: string,
  service = 'scrobbletray',
): Promise<string | null> {
  return new Promise((resolve, reject) => {
    execFile(
      'secret-tool',
      ['lookup', 'service', service, 'account', account],
      { timeout: 10_000 },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        // secret-tool exits 1 with no output when there is no such item.
        if (err.code === 1 && stdout === '') return resolve(null);
        reject(new Error(`secret-tool lookup failed: ${err.message} ${stderr}`));
      },
    );
  });
}

/** settings.json of a data dir, parsed ({} when it does not exist yet). */
export function readSettings(dataDir: string): Record<string, unknown> {
  const file = join(dataDir, 'settings.json');
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

export function readSettingsText(dataDir: string): string {
  const file = join(dataDir, 'settings.json');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

export interface RawResponse {
  status: number;
  body: string;
}

/** A GET (or other method) with exactly these headers; `host` overrides the Host header. */
export function rawRequest(
  url: string,
  opts: { method?: string; host?: string } = {},
): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: opts.method ?? 'GET',
        headers: opts.host ? { host: opts.host } : {},
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** True when nothing listens on 127.0.0.1:port any more (the connection is refused). */
export function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') resolve(true);
      else reject(err);
    });
  });
}

/** The loopback port from an auth page URL's `cb` parameter. */
export function callbackPort(authPageUrl: string): number {
  const cb = new URL(authPageUrl).searchParams.get('cb');
  if (!cb) throw new Error(`no cb in ${authPageUrl}`);
  return Number(new URL(cb).port);
}

/** How many requests the fake got for an API method (case-insensitive). */
export function callsTo(fake: FakeLastfm, method: string): number {
  return fake.requests.filter((r) => r.method?.toLowerCase() === method.toLowerCase()).length;
}

/** Resolves once `check` is true, polling every 20 ms; rejects after timeoutMs. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface TerminalRun {
  /** Everything the terminal showed so far. */
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Keys typed at the terminal, e.g. '\x03' for Ctrl+C. */
  type(keys: string): void;
  /** The CLI's exit code and all output, once it has exited. */
  done: Promise<{ code: number; output: string }>;
  /** Ends the terminal session (and the CLI with it) if it is still running. */
  kill(): void;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));

/**
 * The CLI on a real pseudo-terminal (util-linux `script`), for behaviour that only exists on
 * a tty: raw mode, hidden input, and Ctrl+C delivered by the terminal as SIGINT.
 */
export function cliInTerminal(args: string[], env: NodeJS.ProcessEnv): TerminalRun {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  // `exec`: script(1) runs the command through $SHELL, and a shell that stays (dash does)
  // shares the terminal's process group, so Ctrl+C would kill it, not just reach the CLI.
  const command = `exec ${[process.execPath, '--import', 'tsx', ENTRY, ...args].map(quote).join(' ')}`;
  // -q quiet, -f flush at once, -e exit with the command's code; no typescript file.
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const done = new Promise<{ code: number; output: string }>((resolve) => {
    child.on('close', (code) => resolve({ code: code ?? 128, output }));
  });
  return {
    output: () => output,
    async waitFor(pattern, timeoutMs = 15_000) {
      let exited = false;
      void done.then(() => (exited = true));
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = output.match(pattern);
        if (match) return match;
        if (exited || Date.now() > deadline) {
          throw new Error(`no ${pattern} on the terminal; it showed:\n${output}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    type: (keys) => void child.stdin.write(keys),
    done,
    // Closing the terminal hangs up on the CLI (SIGHUP), as closing a terminal window does.
    kill: () => void child.kill('SIGKILL'),
  };
}

/** `value`, or a failed test saying what was missing. */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, got ${value}`);
  return value;
}
