import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { cli } from './cli.js';
import { startFakeLastfm, type FakeLastfm, type FakeLastfmOptions } from './fake-lastfm/index.js';
import { cliEnv, uniqueUser } from './sign-in.js';
import { tempDir } from './temp-dir.js';

export interface SignInSuite {
  /** The file's fake Last.fm (set once beforeAll has run). */
  readonly fake: FakeLastfm;
  /** Run after the current test, newest first. */
  cleanup(fn: () => Promise<void> | void): void;
  /** A data dir removed after the test. */
  dataDir(): string;
  /** A user of the fake with a password nobody else has; signed out of `dir` after the test. */
  newUser(hint: string, dir: string): { user: string; password: string };
}

/**
 * The set-up every sign-in test file shares: one fake Last.fm per file, and per-test data dirs
 * and users cleaned up afterwards (the real keychain is shared by every file of a run).
 */
export function signInSuite(prefix: string, fakeOptions?: FakeLastfmOptions): SignInSuite {
  let fake: FakeLastfm | undefined;
  const cleanups: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    fake = await startFakeLastfm(fakeOptions);
  });
  afterAll(async () => {
    await fake?.close();
  });
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });
  const suite: SignInSuite = {
    get fake() {
      if (!fake) throw new Error('the fake Last.fm is started in beforeAll');
      return fake;
    },
    cleanup: (fn) => void cleanups.push(fn),
    dataDir() {
      const dir = tempDir(`scrobbletray-signin-${prefix}-`);
      cleanups.push(dir.cleanup);
      return dir.path;
    },
    newUser(hint, dir) {
      const user = uniqueUser(hint);
      const password = `pw-${randomBytes(8).toString('hex')}`;
      suite.fake.addUser(user, password);
      cleanups.push(async () => void (await cli(['logout'], cliEnv(suite.fake, dir))));
      return { user, password };
    },
  };
  return suite;
}
