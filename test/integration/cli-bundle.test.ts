// The `scrobbletray` command as users run it: bin/scrobbletray.js loading the one-file
// bundle that `npm run build` makes (scripts/bundle-cli.mjs). Every other CLI test runs the
// sources through tsx; this one checks the bundle does what they do, where bundling could
// change it: paths from import.meta.url (the version, the window's files, keytar), undici's
// lazily required modules, zod with English messages only, and lazily loaded commands.
// (Help and --version run tsc's dist/main/cli.js, the command table alone: bin says why.)
// Needs `npm run build` (npm test builds first) and the real keychain (with-keyring.sh).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, type CliRun } from '../support/cli.js';
import { cliEnv } from '../support/sign-in.js';
import { signInSuite } from '../support/sign-in-suite.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = `${ROOT}bin/scrobbletray.js`;
const BUNDLE = `${ROOT}dist/main/cli.bundle.cjs`;
const FIXTURES = `${ROOT}test/fixtures/import/`;

/** `node bin/scrobbletray.js ARGS` in a child process, as a shell or a player hook runs it. */
function bin(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<CliRun> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr })),
  );
}

const suite = signInSuite('bundle');

beforeAll(() => {
  expect(existsSync(BUNDLE), 'dist/main/cli.bundle.cjs: run `npm run build`').toBe(true);
});

describe('the bundled CLI', () => {
  it('prints the version from package.json and the same help as the sources', async () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
    const dir = suite.dataDir();
    const env = cliEnv(suite.fake, dir);
    expect(await bin(['--version'], env)).toEqual({
      code: 0,
      stdout: `${pkg.version}\n`,
      stderr: '',
    });
    for (const args of [['help'], ['help', 'scrobble'], ['help', 'import']]) {
      expect(await bin(args, env)).toEqual(await cli(args, env));
    }
  });

  it('explains a bad command line in the same words as the sources', async () => {
    const dir = suite.dataDir();
    const env = cliEnv(suite.fake, dir);
    for (const args of [
      ['scrobble', '--artist', 'A'],
      ['scrobble', '--artist', 'A', '--track', 'T', '--duration', 'ten'],
      ['scrobble', '--artist', ' ', '--track', 'T'],
      ['services', 'add', 'x', '--protocol', 'nope', '--url', 'http://127.0.0.1:1/'],
    ]) {
      const run = await bin(args, env);
      expect(run.code, args.join(' ')).not.toBe(0);
      expect(run.stderr, args.join(' ')).not.toBe('');
      expect(run).toEqual(await cli(args, env));
    }
  });

  it('signs in, scrobbles to the fake Last.fm through undici, and keeps the key in the keychain', async () => {
    const dir = suite.dataDir();
    const { user, password } = suite.newUser('bundle', dir);
    const env = cliEnv(suite.fake, dir);
    const login = await bin(
      ['login', '--method', 'password', '--username', user],
      env,
      `${password}\n`,
    );
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toContain(`Signed in to Last.fm as ${user}`);

    const before = suite.fake.scrobbles.length;
    const run = await bin(['scrobble', '--artist', 'Bundle Artist', '--track', 'One File'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(suite.fake.scrobbles.slice(before)).toEqual([
      expect.objectContaining({ user, artist: 'Bundle Artist', track: 'One File' }),
    ]);

    const whoami = await bin(['whoami', '--json'], env);
    expect(whoami.code).toBe(0);
    expect(JSON.parse(whoami.stdout)).toMatchObject({ user });
    expect(whoami.stdout + run.stdout + login.stdout).not.toContain(password);
  });

  it('previews an import (a lazily loaded command reading a file)', async () => {
    const dir = suite.dataDir();
    const env = cliEnv(suite.fake, dir);
    const args = ['import', `${FIXTURES}Streaming_History_Audio_2026.json`, '--dry-run'];
    const run = await bin(args, env);
    expect(run.code).toBe(0);
    expect(run).toEqual(await cli(args, env));
  });

  it('serves the window from dist/renderer (paths follow each module, not the bundle)', async () => {
    const dir = suite.dataDir();
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, ...cliEnv(suite.fake, dir) },
    });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`serve printed no address:\n${out}`)),
          15_000,
        );
        const seen = (d: Buffer) => {
          out += d.toString();
          const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/\S*/);
          if (m) {
            clearTimeout(timer);
            resolve(m[0]);
          }
        };
        child.stdout.on('data', seen);
        child.stderr.on('data', seen);
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app"');
      // A call with input of the wrong shape is answered in zod's English (its only locale here).
      const token = url.split('#token=')[1] ?? '';
      const bad = await fetch(new URL('/api/call/queue.enqueue', url), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ items: 'not a list', source: 'manual' }),
      });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toMatch(/items: Invalid input: expected array, received string/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('close', resolve));
    }
  });
});
