// The token (desktop) and password (mobile) sign-in flows against the fake Last.fm and the
// real keychain (run through scripts/with-keyring.sh).
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { SignInCancelledError } from '../../src/main/auth/auth-api.js';
import { Core } from '../../src/main/core.js';
import { sessionAccount } from '../../src/main/secrets/accounts.js';
import { cli, cliProcess, type CliRun } from '../support/cli.js';
import {
  approveInBrowser,
  startFakeLastfm,
  TOKEN_LIFETIME_MS,
  type FakeLastfm,
} from '../support/fake-lastfm/index.js';
import {
  callsTo,
  cliEnv,
  defined,
  readSettings,
  secretToolLookup,
  until,
} from '../support/sign-in.js';
import { signInSuite } from '../support/sign-in-suite.js';
import { filesContainingSecrets } from '../support/temp-dir.js';

const suite = signInSuite('tp');
const { dataDir, cleanup } = suite;
let fake: FakeLastfm;
beforeAll(() => {
  fake = suite.fake;
});
const newUser = suite.newUser;

function accountIn(dir: string): unknown {
  const settings = readSettings(dir) as { services?: { lastfm?: { account?: unknown } } };
  return settings.services?.lastfm?.account;
}

/** The session key stored for `user`, after checking it is where it belongs and nowhere else. */
async function expectSignedIn(
  dir: string,
  user: string,
  runs: CliRun[],
  otherSecrets: string[] = [],
): Promise<string> {
  expect(accountIn(dir)).toMatchObject({ user });
  const sessionKey = await secretToolLookup(sessionAccount('lastfm', user));
  expect(sessionKey).toMatch(/^[0-9a-f]{32}$/);
  const key = defined(sessionKey, 'a session key in the keychain');
  const secrets = [key, fake.apiSecret, ...otherSecrets];
  expect(filesContainingSecrets(dir, secrets)).toEqual([]);
  for (const run of runs) {
    for (const secret of secrets) expect(run.stdout + run.stderr).not.toContain(secret);
  }
  return key;
}

describe('token (desktop) sign-in', () => {
  it('polls until the user approves, then keeps the session (SignInService, fast polls)', async () => {
    const dir = dataDir();
    const core = new Core({ dataDir: dir, env: cliEnv(fake, dir) });
    cleanup(() => core.close());
    const { user } = newUser('token', dir);

    let approvalUrl: string | undefined;
    const polls = callsTo(fake, 'auth.getSession');
    const result = core.signIn.token('lastfm', {
      presentUrl: (url) => void (approvalUrl = url),
      pollMs: 50,
      maxPollMs: 100,
    });
    result.catch(() => undefined);

    // Two polls answered "not approved yet" (14) before the user clicks Allow.
    await until(() => callsTo(fake, 'auth.getSession') >= polls + 2, 'two polls');
    expect(approvalUrl).toMatch(/[?&]token=[0-9a-f]{32}/);
    const { redirect } = await approveInBrowser(defined(approvalUrl, 'an approval URL'), user);
    expect(redirect).toBeNull();

    expect(await result).toMatchObject({ serviceId: 'lastfm', user });
    expect(callsTo(fake, 'auth.getSession')).toBeGreaterThanOrEqual(polls + 3);
    await expectSignedIn(dir, user, []);
  });

  it('keeps nothing when cancelled while the approved token is being exchanged', async () => {
    const dir = dataDir();
    const core = new Core({ dataDir: dir, env: cliEnv(fake, dir) });
    cleanup(() => core.close());
    const { user } = newUser('token-cancel', dir);
    const abort = new AbortController();

    let approvalUrl: string | undefined;
    const polls = callsTo(fake, 'auth.getSession');
    const result = core.signIn.token('lastfm', {
      presentUrl: (url) => void (approvalUrl = url),
      signal: abort.signal,
      pollMs: 500,
    });
    result.catch(() => undefined);
    // Approved before the first poll, whose (successful) answer is then held back.
    fake.injectFault({ kind: 'delay', ms: 300 }, { method: 'auth.getSession' });
    await until(() => approvalUrl !== undefined, 'the approval URL');
    await approveInBrowser(defined(approvalUrl, 'an approval URL'), user);
    await until(() => callsTo(fake, 'auth.getSession') > polls, 'the first poll');
    abort.abort();

    await expect(result).rejects.toBeInstanceOf(SignInCancelledError);
    expect(accountIn(dir)).toBeUndefined();
    expect(await secretToolLookup(sessionAccount('lastfm', user))).toBeNull();
  });

  it('signs in through the CLI with --method token --no-browser', async () => {
    const dir = dataDir();
    const env = cliEnv(fake, dir);
    const { user } = newUser('token-cli', dir);

    const login = cliProcess(['login', '--method', 'token', '--no-browser'], env);
    const [url] = await login.waitFor(
      /http:\/\/127\.0\.0\.1:\d+\/api\/auth\/\?\S*token=[0-9a-f]{32}\S*/,
    );
    expect(new URL(url).searchParams.get('api_key')).toBe(fake.apiKey);
    await approveInBrowser(url, user);

    // The CLI polls every 2 s or more, so this takes a few seconds.
    const run = await login.done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Open this URL to approve Scrobbletray:\n${url}`);
    expect(run.stdout).toContain(`Signed in to Last.fm as ${user}`);
    await expectSignedIn(dir, user, [run]);
  });

  it('fails with a clear message when the approval link expires', async () => {
    // Its own fake: the clock moves an hour ahead.
    const expiring = await startFakeLastfm();
    cleanup(() => expiring.close());
    const dir = dataDir();

    const login = cli(['login', '--method', 'token', '--no-browser'], cliEnv(expiring, dir));
    await until(() => callsTo(expiring, 'auth.getToken') === 1, 'auth.getToken');
    expiring.advanceClock(TOKEN_LIFETIME_MS + 60_000);

    const run = await login;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^scrobbletray: The approval link expired before it was used/m);
    expect(accountIn(dir)).toBeUndefined();
  });
});

describe('password (mobile) sign-in', () => {
  it('signs in with SCROBBLETRAY_PASSWORD, keeping neither the password nor the key on disk', async () => {
    const dir = dataDir();
    const { user, password } = newUser('password-env', dir);

    const run = await cli(
      ['login', '--method', 'password', '--username', user],
      cliEnv(fake, dir, { SCROBBLETRAY_PASSWORD: password }),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Signed in to Last.fm as ${user}`);
    await expectSignedIn(dir, user, [run], [password]);
  });

  it('reads the password piped on stdin (child process)', async () => {
    const dir = dataDir();
    const { user, password } = newUser('password-stdin', dir);

    const run = await cliProcess(
      ['login', '--method', 'password', '--username', user],
      cliEnv(fake, dir),
      `${password}\n`,
    ).done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Password:');
    expect(run.stdout).toContain(`Signed in to Last.fm as ${user}`);
    await expectSignedIn(dir, user, [run], [password]);
  });

  it('says plainly that a wrong password was not accepted (exit 1)', async () => {
    const dir = dataDir();
    const { user } = newUser('password-wrong', dir);
    const wrong = `wrong-${randomBytes(6).toString('hex')}`;

    const run = await cli(
      ['login', '--method', 'password', '--username', user],
      cliEnv(fake, dir, { SCROBBLETRAY_PASSWORD: wrong }),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'scrobbletray: Last.fm did not accept that user name and password. Check them and try again.\n',
    );
    expect(run.stdout + run.stderr).not.toContain(wrong);
    expect(accountIn(dir)).toBeUndefined();
    expect(await secretToolLookup(sessionAccount('lastfm', user))).toBeNull();
    expect(filesContainingSecrets(dir, [wrong])).toEqual([]);
  });

  it('refuses a plain-http API URL that is not loopback before asking for anything', async () => {
    const dir = dataDir();
    const before = fake.requests.length;

    // Standard input is empty: had it prompted, the answer would be missing.
    const run = await cliProcess(
      ['login', '--method', 'password'],
      cliEnv(fake, dir, { SCROBBLETRAY_LASTFM_API_URL: 'http://example.invalid/2.0/' }),
      '',
    ).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /Refusing to send your password to http:\/\/example\.invalid: it is not HTTPS/,
    );
    expect(run.stderr).not.toMatch(/User name:|Password:/);
    expect(fake.requests.length).toBe(before);
    expect(accountIn(dir)).toBeUndefined();
  });
});
