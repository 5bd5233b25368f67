// The account commands around sign-in, against the fake Last.fm and the real keychain (run
// through scripts/with-keyring.sh): first run without API credentials, logout, revocation
// with scrobbles waiting in the queue, and a machine with no keychain at all.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSecretAccount, sessionAccount } from '../../src/main/secrets/accounts.js';
import { createKeytarStore } from '../../src/main/secrets/keytar-store.js';
import { cli, cliProcess, type CliRun } from '../support/cli.js';
import { type FakeLastfm } from '../support/fake-lastfm/index.js';
import { callsTo, cliEnv, defined, readSettings, secretToolLookup } from '../support/sign-in.js';
import { signInSuite } from '../support/sign-in-suite.js';
import { filesContainingSecrets } from '../support/temp-dir.js';

// Real-looking credentials (32 hex digits), so the ones typed at the first-run prompt pass
// the shape check and are the ones the fake accepts.
const API_KEY = randomBytes(16).toString('hex');
const API_SECRET = randomBytes(16).toString('hex');

const suite = signInSuite('cli', { apiKey: API_KEY, apiSecret: API_SECRET });
const { dataDir, cleanup } = suite;
let fake: FakeLastfm;
beforeAll(() => {
  fake = suite.fake;
});
const newUser = suite.newUser;

interface LastfmSettings {
  apiKey?: string;
  account?: { user?: string; signedInAt?: string };
}

function lastfmSettings(dir: string): LastfmSettings {
  return (readSettings(dir) as { services?: { lastfm?: LastfmSettings } }).services?.lastfm ?? {};
}

function login(dir: string, user: string, password: string): Promise<CliRun> {
  return cli(
    ['login', '--method', 'password', '--username', user],
    cliEnv(fake, dir, { SCROBBLETRAY_PASSWORD: password }),
  );
}

function expectNoSecretIn(runs: CliRun[], secrets: string[]): void {
  for (const run of runs) for (const s of secrets) expect(run.stdout + run.stderr).not.toContain(s);
}

describe('first run without API credentials', () => {
  // The shared secret typed at the prompt is kept under this (run-wide) keychain account.
  const noCredentials = (dir: string, password: string) =>
    cliEnv(fake, dir, {
      SCROBBLETRAY_LASTFM_API_KEY: '',
      SCROBBLETRAY_LASTFM_API_SECRET: '',
      SCROBBLETRAY_PASSWORD: password,
    });
  const forgetApiSecret = async () =>
    void (await createKeytarStore().delete(apiSecretAccount('lastfm')));

  it('explains where to get them and changes nothing when no answers come', async () => {
    const dir = dataDir();
    const { user, password } = newUser('firstrun-none', dir);
    const sessions = callsTo(fake, 'auth.getMobileSession');

    const run = await cliProcess(
      ['login', '--method', 'password', '--username', user],
      noCredentials(dir, password),
      '',
    ).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('https://www.last.fm/api/account/create');
    expect(run.stderr).toMatch(
      /No API key and shared secret for Last.fm is set up.*Nothing was changed/s,
    );
    expect(lastfmSettings(dir)).toEqual({});
    expect(await secretToolLookup(apiSecretAccount('lastfm'))).toBeNull();
    expect(callsTo(fake, 'auth.getMobileSession')).toBe(sessions);
  });

  it('asks for the key and secret, keeps the secret in the keychain, and signs in', async () => {
    const dir = dataDir();
    const { user, password } = newUser('firstrun', dir);
    cleanup(forgetApiSecret);

    const run = await cliProcess(
      ['login', '--method', 'password', '--username', user],
      noCredentials(dir, password),
      `${API_KEY}\n${API_SECRET}\n`,
    ).done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('https://www.last.fm/api/account/create');
    expect(run.stderr).toMatch(/API key: [\s\S]*Shared secret: /);
    expect(run.stdout).toContain(`Signed in to Last.fm as ${user}`);

    expect(lastfmSettings(dir)).toMatchObject({ apiKey: API_KEY, account: { user } });
    expect(await secretToolLookup(apiSecretAccount('lastfm'))).toBe(API_SECRET);
    const sessionKey = await secretToolLookup(sessionAccount('lastfm', user));
    expect(sessionKey).toMatch(/^[0-9a-f]{32}$/);

    // Later commands need no environment: the key comes from settings, the secret from the
    // keychain, and the fake accepts what they sign.
    const scrobbled = await cli(
      ['scrobble', '--artist', 'First Run', '--track', 'Saved Credentials'],
      noCredentials(dir, ''),
    );
    expect(scrobbled.code, scrobbled.stderr).toBe(0);
    expect(fake.scrobbles.filter((s) => s.track === 'Saved Credentials')).toHaveLength(1);

    const secrets = [API_SECRET, password, defined(sessionKey, 'a session key')];
    expect(filesContainingSecrets(dir, secrets)).toEqual([]);
    expectNoSecretIn([run, scrobbled], secrets);
  });
});

describe('logout', () => {
  it('deletes the keychain item and the account; whoami then says not signed in', async () => {
    const dir = dataDir();
    const { user, password } = newUser('logout', dir);
    expect((await login(dir, user, password)).code).toBe(0);
    expect(await secretToolLookup(sessionAccount('lastfm', user))).toMatch(/^[0-9a-f]{32}$/);

    const env = cliEnv(fake, dir);
    const out = await cli(['logout', '--json'], env);
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ service: 'lastfm', signedOut: user });
    expect(await secretToolLookup(sessionAccount('lastfm', user))).toBeNull();
    expect(lastfmSettings(dir).account).toBeUndefined();

    const who = await cli(['whoami'], env);
    expect(who.code).toBe(1);
    expect(who.stderr).toMatch(/Not signed in to Last.fm/);
  });
});

describe('revocation with scrobbles in the queue', () => {
  it('keeps scrobbles waiting while the session is revoked and sends them once after sign-in', async () => {
    const dir = dataDir();
    const env = cliEnv(fake, dir);
    const { user, password } = newUser('revoked', dir);
    const runs: CliRun[] = [await login(dir, user, password)];
    expect(runs[0]?.code).toBe(0);

    const first = await cli(['scrobble', '--artist', 'Revoke', '--track', 'Before'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/accepted .*Revoke – Before/);
    const oldKey = defined(await secretToolLookup(sessionAccount('lastfm', user)), 'a key');
    fake.revokeSession(oldKey);

    // The service answers 9: the scrobble stays queued, and that is not a failure (exit 0).
    const second = await cli(['scrobble', '--artist', 'Revoke', '--track', 'After'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/queued .*Revoke – After .*waiting for sign-in/);
    expect(fake.scrobbles.filter((s) => s.track === 'After')).toEqual([]);

    const who = await cli(['whoami', '--json'], env);
    expect(JSON.parse(who.stdout)).toMatchObject({ user, needsSignIn: true });
    const whoHuman = await cli(['whoami'], env);
    expect(whoHuman.stdout).toMatch(/revoked.*scrobbletray login/);
    const waiting = await cli(['queue'], env);
    expect(waiting.stdout).toMatch(/Revoke – After .*waiting for sign-in/);

    // Nothing was dropped or failed: one accepted, one queued.
    const all = await cli(['queue', '--state', 'all', '--json'], env);
    const listed = JSON.parse(all.stdout) as {
      total: number;
      items: { track: string; state: string }[];
    };
    expect(listed.total).toBe(2);
    expect(listed.items.map((i) => [i.track, i.state]).sort()).toEqual([
      ['After', 'queued'],
      ['Before', 'accepted'],
    ]);

    // Signing in again resumes sending: login sends what waited, exactly once.
    const again = await login(dir, user, password);
    runs.push(first, second, who, whoHuman, waiting, all, again);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Signed in to Last.fm as .*Sent 1 waiting scrobble/);
    expect(fake.scrobbles.filter((s) => s.track === 'After')).toHaveLength(1);
    const flushed = await cli(['flush'], env);
    runs.push(flushed);
    expect(fake.scrobbles.filter((s) => s.track === 'After')).toHaveLength(1);
    expect(JSON.parse((await cli(['whoami', '--json'], env)).stdout)).toMatchObject({
      needsSignIn: false,
    });

    const newKey = defined(await secretToolLookup(sessionAccount('lastfm', user)), 'a key');
    expect(newKey).not.toBe(oldKey);
    const secrets = [oldKey, newKey, password, API_SECRET];
    expect(filesContainingSecrets(dir, secrets)).toEqual([]);
    expectNoSecretIn(runs, secrets);
  });
});

describe('no keychain reachable', () => {
  it('fails sign-in with a message naming the fix and writes nothing secret', async () => {
    const dir = dataDir();
    const { user, password } = newUser('nokeychain', dir);

    const run = await cliProcess(
      ['login', '--method', 'password', '--username', user],
      cliEnv(fake, dir, {
        SCROBBLETRAY_PASSWORD: password,
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
      }),
    ).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/No Secret Service keychain is reachable/);
    expect(run.stderr).toMatch(/gnome-keyring/);
    expect(run.stderr).toMatch(/will not store the key in plain text/);
    expect(lastfmSettings(dir).account).toBeUndefined();
    expect(await secretToolLookup(sessionAccount('lastfm', user))).toBeNull();

    // The fake issued a session key this test cannot see, so look for anything shaped like
    // one (32 hex digits) as well as the secrets it knows.
    expect(filesContainingSecrets(dir, [password, API_SECRET])).toEqual([]);
    expect(filesWithHex32(dir)).toEqual([]);
    expectNoSecretIn([run], [password, API_SECRET]);
    expect(run.stdout + run.stderr).not.toMatch(/[0-9a-f]{32}/);
  });
});

/** Files under `dir` holding a run of 32 hex digits, the shape of a session key. */
function filesWithHex32(dir: string): string[] {
  const hits: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) hits.push(...filesWithHex32(full));
    else if (/[0-9a-f]{32}/.test(readFileSync(full, 'latin1'))) hits.push(full);
  }
  return hits;
}
