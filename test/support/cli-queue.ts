// Helpers for the queue commands' tests (cli-queue*.test.ts): a signed-in data dir per test
// against the fake Last.fm and the real keychain, the queue as `scrobbletray queue --json`
// shows it, and a core over the same data dir for what the CLI cannot do (queue without
// sending, "send now"), as the app running next to the CLI would.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { expect } from 'vitest';
import { Core } from '../../src/main/core.js';
import type { StoredScrobble } from '../../src/main/queue/types.js';
import type { ScrobbleState } from '../../src/shared/scrobble-state.js';
import type { ScrobbleItem } from '../../src/shared/track.js';
import { cli, type CliRun } from './cli.js';
import type { FakeLastfm } from './fake-lastfm/index.js';
import { cliEnv, uniqueUser } from './sign-in.js';
import { tempDir } from './temp-dir.js';

export interface QueueCliContext {
  fake: FakeLastfm;
  user: string;
  /** A fresh data dir, signed in as `user`. */
  signedIn(): Promise<NodeJS.ProcessEnv>;
  /** A fresh data dir with no account. */
  signedOut(): NodeJS.ProcessEnv;
  /** Signs out (deleting the keychain item) and removes the data dirs: in afterAll. */
  close(): Promise<void>;
}

/** One fake user per test file: the keychain is shared by every file of a vitest run. */
export function queueCliContext(fake: FakeLastfm, hint: string): QueueCliContext {
  const user = uniqueUser(hint);
  const password = `pw-${randomBytes(8).toString('hex')}`;
  fake.addUser(user, password);
  const dirs: (() => void)[] = [];
  let lastSignedIn: NodeJS.ProcessEnv | undefined;
  const fresh = () => {
    const dir = tempDir('scrobbletray-cli-queue-');
    dirs.push(dir.cleanup);
    return cliEnv(fake, dir.path);
  };
  return {
    fake,
    user,
    async signedIn() {
      const env = fresh();
      const login = await cli(['login', '--method', 'password', '--username', user], {
        ...env,
        SCROBBLETRAY_PASSWORD: password,
      });
      expect(login.code, login.stderr).toBe(0);
      lastSignedIn = env;
      return env;
    },
    signedOut: fresh,
    async close() {
      // Every data dir shares the keychain item `session:lastfm:<user>`; one logout deletes it.
      if (lastSignedIn) await cli(['logout'], lastSignedIn);
      for (const c of dirs.splice(0)) c();
    },
  };
}
/** stdout as JSON; fails the test if stdout holds anything else. */
export function parseJson<T = Record<string, unknown>>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`stdout is not one JSON document:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

export interface QueueJson {
  items: StoredScrobble[];
  total: number;
  counts: Record<ScrobbleState, number>;
}

/** `scrobbletray queue --json` with these options (default: every state). */
export async function queueJson(env: NodeJS.ProcessEnv, ...args: string[]): Promise<QueueJson> {
  const run = await cli(['queue', '--json', ...(args.length ? args : ['--state', 'all'])], env);
  expect(run.code, run.stderr).toBe(0);
  return parseJson<QueueJson>(run);
}

/** The id of the one scrobble `scrobble --json` queued. */
export function scrobbledId(run: CliRun): number {
  const { scrobbles } = parseJson<{ scrobbles: StoredScrobble[] }>(run);
  expect(scrobbles).toHaveLength(1);
  return scrobbles[0]!.id;
}

/**
 * A core over the CLI's data dir, with the real keychain: what the app would do next to the
 * CLI. Closed after `use`.
 */
export async function withAppCore<T>(
  env: NodeJS.ProcessEnv,
  use: (core: Core) => Promise<T> | T,
): Promise<T> {
  const dataDir = env.SCROBBLETRAY_DATA_DIR;
  if (!dataDir) throw new Error('env has no SCROBBLETRAY_DATA_DIR');
  const core = new Core({ dataDir, env: { ...process.env, ...env } });
  try {
    return await use(core);
  } finally {
    await core.close();
  }
}

/** Queues plays without sending them (as the app does before its sender runs). */
export function seedQueue(env: NodeJS.ProcessEnv, items: ScrobbleItem[]): Promise<number[]> {
  return withAppCore(env, (core) => core.queue.enqueue(items, 'manual').map((s) => s.id));
}

/**
 * `n` plays a minute apart, ending a minute ago, by an artist named after `prefix`: crash
 * recovery matches a lost send to what the service recorded at the same second by the same
 * artist, so plays of different tests must not share both.
 */
export function plays(n: number, prefix: string): ScrobbleItem[] {
  const now = Math.floor(Date.now() / 1000);
  return Array.from({ length: n }, (_, i) => ({
    artist: `The ${prefix} Band`,
    track: `${prefix} ${i + 1}`,
    timestamp: now - (n - i) * 60,
    duration: 240,
  }));
}

/** An API URL where nothing listens (the connection is refused). */
export async function closedApiUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}/2.0/`;
}

/** What the fake recorded for this user with this track title. */
export function recorded(fake: FakeLastfm, user: string, track: string) {
  return fake.scrobbles.filter((s) => s.user === user && s.track === track);
}
