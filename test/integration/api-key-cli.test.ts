// The API key from the command line, against the fake Last.fm and the real keychain (run
// through scripts/with-keyring.sh): a wrong key typed at the first-run prompt is refused and
// nothing is saved; a saved key the service refuses is noticed at `login`, which asks for a
// new one and signs in with it; a refused key set in the environment is blamed on the variable.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiSecretAccount } from '../../src/main/secrets/accounts.js';
import { createKeytarStore } from '../../src/main/secrets/keytar-store.js';
import { cli, cliProcess } from '../support/cli.js';
import { callsTo, cliEnv, readSettings, secretToolLookup } from '../support/sign-in.js';
import { signInSuite } from '../support/sign-in-suite.js';
import { filesContainingSecrets } from '../support/temp-dir.js';

const API_KEY = randomBytes(16).toString('hex');
const API_SECRET = randomBytes(16).toString('hex');

const suite = signInSuite('apikey', { apiKey: API_KEY, apiSecret: API_SECRET });

const apiKeyIn = (dir: string) =>
  (readSettings(dir) as { services?: { lastfm?: { apiKey?: string } } }).services?.lastfm?.apiKey;

/** The CLI's environment with no API credentials in variables: settings and keychain only. */
const savedOnly = (dir: string, password: string) =>
  cliEnv(suite.fake, dir, {
    SCROBBLETRAY_LASTFM_API_KEY: '',
    SCROBBLETRAY_LASTFM_API_SECRET: '',
    SCROBBLETRAY_PASSWORD: password,
  });

// The shared secret typed at a prompt goes to the run-wide keychain account: gone afterwards.
const forgetApiSecret = async () =>
  void (await createKeytarStore().delete(apiSecretAccount('lastfm')));

describe('API key at the command line', () => {
  it('refuses a key and secret given the wrong way round at the first-run prompt, saving nothing', async () => {
    const dir = suite.dataDir();
    const { user, password } = suite.newUser('swapped', dir);
    suite.cleanup(forgetApiSecret);
    const run = await cliProcess(
      ['login', '--method', 'password', '--username', user],
      savedOnly(dir, password),
      `${API_SECRET}\n${API_KEY}\n`,
    ).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The API key and shared secret are the wrong way round');
    expect(apiKeyIn(dir)).toBeUndefined();
    expect(await secretToolLookup(apiSecretAccount('lastfm'))).toBeNull();
  });

  it('asks again at login when the saved key is refused, then signs in with the new one', async () => {
    const dir = suite.dataDir();
    const { user, password } = suite.newUser('badkey', dir);
    suite.cleanup(forgetApiSecret);
    // What an older version left: a well-formed key the service does not know, saved unchecked.
    const badKey = randomBytes(16).toString('hex');
    const badSecret = randomBytes(16).toString('hex');
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ services: { lastfm: { apiKey: badKey } } }),
    );
    await createKeytarStore().set(apiSecretAccount('lastfm'), badSecret);
    const sessions = callsTo(suite.fake, 'auth.getMobileSession');

    const run = await cliProcess(
      ['login', '--method', 'password', '--username', user],
      savedOnly(dir, password),
      `${API_KEY}\n${API_SECRET}\n`,
    ).done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'Last.fm does not know this API key. Enter the API key and shared secret again.',
    );
    expect(run.stderr).toMatch(/API key: [\s\S]*Shared secret: /);
    expect(run.stdout).toContain(`Signed in to Last.fm as ${user}`);
    expect(apiKeyIn(dir)).toBe(API_KEY);
    expect(await secretToolLookup(apiSecretAccount('lastfm'))).toBe(API_SECRET);
    // The refused try and the one that worked.
    expect(callsTo(suite.fake, 'auth.getMobileSession')).toBe(sessions + 2);
    expect(filesContainingSecrets(dir, [API_SECRET, badSecret, password])).toEqual([]);
    expect(run.stdout + run.stderr).not.toContain(API_SECRET);
  });

  it('blames the variable when the refused key comes from the environment', async () => {
    const dir = suite.dataDir();
    const { user, password } = suite.newUser('envkey', dir);
    const run = await cli(
      ['login', '--method', 'password', '--username', user],
      cliEnv(suite.fake, dir, {
        SCROBBLETRAY_LASTFM_API_KEY: randomBytes(16).toString('hex'),
        SCROBBLETRAY_PASSWORD: password,
      }),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Last.fm does not know this API key.');
    expect(run.stderr).toContain(
      'The key comes from SCROBBLETRAY_LASTFM_API_KEY and SCROBBLETRAY_LASTFM_API_SECRET: correct or unset them.',
    );
  });
});
