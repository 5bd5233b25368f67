// Libre.fm / self-hosted GNU FM end to end through the CLI, against the fake in its GNU FM
// dialect (PROTOCOLS.md): password sign-in by authToken, ignored codes 3 and 4 the other way
// round from Last.fm, and 91 for a play the server already has. Real keychain and SQLite.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionAccount } from '../../src/main/secrets/accounts.js';
import type { StoredScrobble } from '../../src/shared/queue-types.js';
import { cli } from '../support/cli.js';
import { secretToolLookup } from '../support/sign-in.js';
import { signInSuite } from '../support/sign-in-suite.js';
import { filesContainingSecrets } from '../support/temp-dir.js';

const suite = signInSuite('gnufm', { flavor: 'gnufm' });

/** A data dir whose Libre.fm is the fake, with `user` signed in by password. */
async function signedInDir(user: string, password: string): Promise<string> {
  const dir = suite.dataDir();
  const librefm = { apiUrl: suite.fake.apiUrl, authUrl: suite.fake.authUrl };
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ services: { librefm } }));
  const env = { SCROBBLETRAY_DATA_DIR: dir, SCROBBLETRAY_PASSWORD: password };
  suite.cleanup(async () => void (await cli(['logout', '--service', 'librefm'], env)));
  const login = await cli(
    ['login', '--service', 'librefm', '--method', 'password', '--username', user],
    env,
  );
  expect(login.stderr).toBe('');
  expect(login.stdout).toBe(`Signed in to Libre.fm as ${user}.\n`);
  expect(login.code).toBe(0);
  return dir;
}

const envFor = (dir: string) => ({ SCROBBLETRAY_DATA_DIR: dir });

async function rows(dir: string): Promise<StoredScrobble[]> {
  const run = await cli(['queue', '--state', 'all', '--json'], envFor(dir));
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { items: StoredScrobble[] }).items;
}

describe('a GNU FM server (Libre.fm pointed at the fake)', () => {
  it('signs in with the password flow, which GNU FM takes only as authToken', async () => {
    const { user, password } = suite.newUser('gnufm-login', suite.dataDir());
    const dir = await signedInDir(user, password);
    const key = await secretToolLookup(sessionAccount('librefm', user));
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(filesContainingSecrets(dir, [key ?? '', password])).toEqual([]);
    const who = await cli(['whoami', '--service', 'librefm'], envFor(dir));
    expect(who.stdout).toContain(user);
  });

  it('shows a too-old play as too old, though GNU FM numbers it 4', async () => {
    const { user, password } = suite.newUser('gnufm-old', suite.dataDir());
    const dir = await signedInDir(user, password);
    // GNU FM's only age rule: before 2001-12-22 (a real GNU FM takes a play 20 days old).
    const old = '2001-06-01T12:00:00Z';
    const run = await cli(
      ['scrobble', '--artist', 'Broadcast', '--track', 'Tears in the Typing Pool', '--at', old],
      envFor(dir),
    );
    expect(run.code).toBe(1);
    const [row] = await rows(dir);
    expect(row).toMatchObject({ state: 'ignored', ignoredCode: 3, target: 'librefm' });
    expect(row?.reason).toMatch(/too old/);
    expect(suite.fake.scrobbles.filter((s) => s.user === user)).toEqual([]);
  });

  it('marks a play the server already has as a duplicate, and keeps it in the history', async () => {
    const { user, password } = suite.newUser('gnufm-dup', suite.dataDir());
    // The same play scrobbled from two machines: the second gets 91.
    const first = await signedInDir(user, password);
    const second = await signedInDir(user, password);
    const at = String(Math.floor(Date.now() / 1000) - 300);
    const play = ['scrobble', '--artist', 'Stereolab', '--track', 'French Disko', '--at', at];
    expect((await cli(play, envFor(first))).code).toBe(0);
    expect((await cli(play, envFor(second))).code).toBe(1);
    const [row] = await rows(second);
    expect(row).toMatchObject({ state: 'ignored', ignoredCode: 91 });
    expect(row?.reason).toMatch(/already has this scrobble/);
    expect(suite.fake.scrobbles.filter((s) => s.user === user)).toHaveLength(1);
  });
});
