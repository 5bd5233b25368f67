// Every service at once, from the terminal: `services` (list, add with a protocol, remove),
// sign-in per protocol (Audioscrobbler 1.2 by password, ListenBrainz by user token), whoami's
// exit codes, and fan-out: a scrobble goes to Last.fm, a 1.2 server and ListenBrainz at once,
// one queue row each, one service down holding up none of the others, and a "scrobble to"
// switch turned off giving that service no row. Real fakes of each protocol on 127.0.0.1:0,
// real SQLite files in temp dirs and the real keychain (run through scripts/with-keyring.sh).
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/api/dispatch.js';
import { Core } from '../../src/main/core.js';
import { sessionAccount } from '../../src/main/secrets/accounts.js';
import { createKeytarStore } from '../../src/main/secrets/keytar-store.js';
import { cli, cliProcess, type CliRun } from '../support/cli.js';
import { startFakeAs12, type FakeAs12 } from '../support/fake-as12/index.js';
import { startFakeLastfm, type FakeLastfm } from '../support/fake-lastfm/index.js';
import {
  startFakeListenBrainz,
  type FakeListenBrainz,
} from '../support/fake-listenbrainz/index.js';
import {
  cliEnv,
  readSettings,
  readSettingsText,
  secretToolLookup,
  uniqueUser,
} from '../support/sign-in.js';
import { filesContainingSecrets, tempDir } from '../support/temp-dir.js';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

let lastfm: FakeLastfm;
let as12: FakeAs12;
let lb: FakeListenBrainz;

beforeAll(async () => {
  lastfm = await startFakeLastfm({ users: {} });
  as12 = await startFakeAs12({ users: {} });
  lb = await startFakeListenBrainz({ tokens: {} });
});
afterAll(async () => {
  await lastfm?.close();
  await as12?.close();
  await lb?.close();
});

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.cleanup();
});

/** A fresh data dir and the CLI's environment for it (ListenBrainz's root from its variable). */
function newDataDir(extra: NodeJS.ProcessEnv = {}) {
  const dir = tempDir('scrobbletray-services-');
  dirs.push(dir);
  const env = cliEnv(lastfm, dir.path, {
    SCROBBLETRAY_LISTENBRAINZ_API_URL: lb.apiUrl,
    ...extra,
  });
  const run = (args: string[], more: NodeJS.ProcessEnv = {}) => cli(args, { ...env, ...more });
  return { dir: dir.path, env, run };
}

type Run = (args: string[], more?: NodeJS.ProcessEnv) => Promise<CliRun>;

interface Row {
  id: string;
  name: string;
  protocol: string;
  url: string | null;
  user: string | null;
  scrobbleTo: boolean;
}

async function services(run: Run): Promise<Row[]> {
  const listed = await run(['services', '--json']);
  expect(listed.code, listed.stderr + listed.stdout).toBe(0);
  return (JSON.parse(listed.stdout) as { services: Row[] }).services;
}

/** Add the 1.2 fake as a service of one's own, and a user on it; returns the user. */
async function addAs12(run: Run, id = 'home'): Promise<void> {
  const added = await run([
    'services',
    'add',
    id,
    '--name',
    `Home ${id}`,
    '--url',
    as12.handshakeUrl,
    '--protocol',
    'as12',
  ]);
  expect(added.code, added.stderr + added.stdout).toBe(0);
}

function loginAs12(run: Run, id: string, user: string, password: string) {
  return run(['login', '--service', id, '--method', 'password', '--username', user], {
    SCROBBLETRAY_PASSWORD: password,
  });
}

function loginListenBrainz(run: Run, token: string) {
  return run(['login', '--service', 'listenbrainz'], { SCROBBLETRAY_USER_TOKEN: token });
}

function loginLastfm(run: Run, user: string, password: string) {
  return run(['login', '--method', 'password', '--username', user], {
    SCROBBLETRAY_PASSWORD: password,
  });
}

interface QueueItem {
  id: number;
  target: string;
  state: string;
  track: string;
}

async function queueRows(run: Run): Promise<QueueItem[]> {
  const q = await run(['queue', '--state', 'all', '--limit', '1000', '--json']);
  expect(q.code, q.stderr).toBe(0);
  return (JSON.parse(q.stdout) as { items: QueueItem[] }).items;
}

describe('services: list, add, remove', () => {
  it('lists the built-in services with their protocols, and SoundCloud as an account only', async () => {
    const { run } = newDataDir();
    const rows = await services(run);
    expect(rows.map((r) => [r.id, r.protocol])).toEqual([
      ['lastfm', 'lastfm2'],
      ['librefm', 'gnufm'],
      ['listenbrainz', 'listenbrainz'],
      ['soundcloud', 'soundcloud'],
    ]);
    // SCROBBLETRAY_LISTENBRAINZ_API_URL overrides ListenBrainz's root.
    expect(rows.find((r) => r.id === 'listenbrainz')?.url).toBe(lb.apiUrl);
    expect(rows.find((r) => r.id === 'soundcloud')?.scrobbleTo).toBe(false);
    const human = await run(['services']);
    expect(human.stdout).toMatch(
      /^listenbrainz {2}ListenBrainz \(listenbrainz, .*\): not signed in/m,
    );
  });

  it('adds a server of each protocol, derives the URLs, keeps them over a restart, removes one', async () => {
    const { run, dir } = newDataDir();
    await addAs12(run, 'turtle');
    const gnufm = await run([
      'services',
      'add',
      'home-gnufm',
      '--name',
      'Home GNU FM',
      '--url',
      'https://gnufm.example.org/music',
      '--protocol',
      'gnufm',
    ]);
    expect(gnufm.code, gnufm.stderr).toBe(0);
    expect(gnufm.stdout).toMatch(/Added Home GNU FM as "home-gnufm".*login --service home-gnufm/);
    const lb2 = await run([
      'services',
      'add',
      'lb-home',
      '--name',
      'My ListenBrainz',
      '--url',
      'https://lb.example.org/',
      '--protocol',
      'listenbrainz',
      '--auth-url',
      'https://lb.example.org/settings/',
    ]);
    expect(lb2.code, lb2.stderr).toBe(0);
    const lastfm2 = await run([
      'services',
      'add',
      'compat',
      '--name',
      'Compatible',
      '--url',
      'https://compat.example.org',
      '--protocol',
      'lastfm2',
      '--api-url',
      'https://api.compat.example.org/2.0/',
    ]);
    expect(lastfm2.code, lastfm2.stderr).toBe(0);

    const rows = await services(run);
    const byId = (id: string) => rows.find((r) => r.id === id);
    expect(byId('turtle')).toMatchObject({ protocol: 'as12', url: as12.handshakeUrl, user: null });
    expect(byId('home-gnufm')).toMatchObject({
      protocol: 'gnufm',
      url: 'https://gnufm.example.org/music/2.0/',
    });
    expect(byId('lb-home')).toMatchObject({
      protocol: 'listenbrainz',
      url: 'https://lb.example.org/',
    });
    expect(byId('compat')).toMatchObject({
      protocol: 'lastfm2',
      url: 'https://api.compat.example.org/2.0/',
    });
    // The GNU FM entry is written as before protocols existed, so an older version reads it.
    const entries = readSettings(dir).customServices as Record<string, unknown>[];
    expect(entries.find((e) => e.id === 'home-gnufm')).toEqual({
      id: 'home-gnufm',
      name: 'Home GNU FM',
      apiUrl: 'https://gnufm.example.org/music/2.0/',
      authUrl: 'https://gnufm.example.org/music/api/auth/',
      flavor: 'gnufm',
    });

    const removed = await run(['services', 'remove', 'home-gnufm']);
    expect(removed.code, removed.stderr).toBe(0);
    expect((await services(run)).map((r) => r.id)).not.toContain('home-gnufm');
    const builtin = await run(['services', 'remove', 'listenbrainz']);
    expect(builtin.code).toBe(1);
    expect(builtin.stderr).toMatch(/built in and cannot be removed/);
    const unknown = await run(['services', 'remove', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown service "nope"/);
  });

  it('refuses what a shell would act on, a taken id, a bad protocol, and keeps what was there', async () => {
    const { run, dir } = newDataDir();
    await addAs12(run, 'mine');
    const before = readSettingsText(dir);
    const add = (id: string, url: string, protocol = 'as12', ...more: string[]) =>
      run([
        'services',
        'add',
        id,
        '--name',
        `Server ${id}`,
        '--url',
        url,
        '--protocol',
        protocol,
        ...more,
      ]);

    const amp = await add('amp', 'https://example.org/?a=1&b=2');
    expect(amp.code).toBe(1);
    expect(amp.stderr).toMatch(/--url: Addresses cannot contain &/);
    const semi = await add('semi', 'https://example.org/x;rm', 'gnufm');
    expect(semi.code).toBe(1);
    expect(semi.stderr).toMatch(/cannot contain/);
    const override = await add(
      'over',
      'https://example.org/',
      'listenbrainz',
      '--api-url',
      'https://x.org/$(id)',
    );
    expect(override.code).toBe(1);
    expect(override.stderr).toMatch(/--api-url: Addresses cannot contain/);
    const taken = await add('mine', 'https://other.example.org/');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/ID: The id "mine" is already taken/);
    const builtinId = await add('lastfm', 'https://other.example.org/');
    expect(builtinId.code).toBe(1);
    const protocol = await add('bad', 'https://b.example.org/', 'ftp');
    expect(protocol.code).toBe(2);
    expect(protocol.stderr).toMatch(/--protocol must be one of lastfm2, gnufm, as12, listenbrainz/);
    const noProtocol = await run([
      'services',
      'add',
      'np',
      '--name',
      'N',
      '--url',
      'https://n.example.org',
    ]);
    expect(noProtocol.code).toBe(2);

    expect(readSettingsText(dir)).toBe(before);
  });

  it('reads entries written before protocols existed as GNU FM', async () => {
    const { run, dir } = newDataDir();
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        customServices: [
          {
            id: 'old',
            name: 'Old GNU FM',
            apiUrl: 'https://old.example.org/2.0/',
            authUrl: 'https://old.example.org/api/auth/',
            flavor: 'gnufm',
          },
        ],
      }),
    );
    expect((await services(run)).find((r) => r.id === 'old')).toMatchObject({
      protocol: 'gnufm',
      url: 'https://old.example.org/2.0/',
    });
  });
});

describe('Audioscrobbler 1.2 sign-in', () => {
  it('proves the password with a handshake and keeps only md5(password), in the keychain', async () => {
    const { run, dir } = newDataDir();
    await addAs12(run);
    const user = uniqueUser('as12');
    const password = `pw-${user}-secret`;
    as12.addUser(user, password);

    const handshakesBefore = as12.handshakes.length;
    const ok = await loginAs12(run, 'home', user, password);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`Signed in to Home home as ${user}`));
    expect(as12.handshakes.slice(handshakesBefore).map((h) => h.reply)).toEqual(['OK']);

    const stored = await secretToolLookup(sessionAccount('home', user));
    expect(JSON.parse(stored ?? 'null')).toEqual({
      kind: 'password-md5',
      passwordMd5: md5(password),
    });
    // Neither the password nor its hash is anywhere in the data dir (settings, database).
    expect(filesContainingSecrets(dir, [password, md5(password)])).toEqual([]);
    expect(ok.stdout + ok.stderr).not.toContain(md5(password));

    const who = await run(['whoami', '--service', 'home', '--json']);
    expect(who.code, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({ user, protocol: 'as12', needsSignIn: false });
  });

  it('a wrong password is refused in plain words and nothing is stored', async () => {
    const { run, dir } = newDataDir();
    await addAs12(run);
    const user = uniqueUser('as12-bad');
    as12.addUser(user, 'the-right-one');
    const bad = await loginAs12(run, 'home', user, 'not-the-password');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /did not accept that user name and password\. Check them and try again/,
    );
    expect(await secretToolLookup(sessionAccount('home', user))).toBeNull();
    expect(filesContainingSecrets(dir, ['not-the-password', md5('not-the-password')])).toEqual([]);
    expect((await services(run)).find((r) => r.id === 'home')?.user).toBeNull();

    const web = await run(['login', '--service', 'home', '--method', 'web']);
    expect(web.code).toBe(2);
    expect(web.stderr).toMatch(
      /does not sign in with --method web: it takes your user name and password/,
    );
  });
});

describe('ListenBrainz sign-in', () => {
  it('a good token: the user validate-token names, the token in the keychain only', async () => {
    const { run, dir } = newDataDir();
    const user = uniqueUser('lb');
    const token = `tok-${user}-0123456789`;
    lb.addToken(token, user);
    const ok = await loginListenBrainz(run, token);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`Signed in to ListenBrainz as ${user}`));
    expect(
      JSON.parse((await secretToolLookup(sessionAccount('listenbrainz', user))) ?? 'null'),
    ).toEqual({
      kind: 'user-token',
      token,
    });
    expect(filesContainingSecrets(dir, [token])).toEqual([]);
    expect(ok.stdout + ok.stderr).not.toContain(token);

    const who = await run(['whoami', '--service', 'listenbrainz', '--json']);
    expect(who.code, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({
      user,
      checkedWithService: true,
      needsSignIn: false,
    });
  });

  it('a bad token says where the right one is, and stores nothing', async () => {
    const { run, dir } = newDataDir();
    const bad = await loginListenBrainz(run, 'not-a-token-anyone-has');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /did not accept that user token\. Copy your user token from https:\/\/listenbrainz\.org\/settings\//,
    );
    expect(bad.stderr).not.toContain('not-a-token-anyone-has');
    expect(readSettings(dir).services).toBeUndefined();
  });
});

describe('secrets from standard input (a real process, piped)', () => {
  it('reads the ListenBrainz token and the 1.2 password from stdin when no variable is set', async () => {
    const { run, env } = newDataDir();
    const lbUser = uniqueUser('lb-stdin');
    const token = `tok-${lbUser}-stdin`;
    lb.addToken(token, lbUser);
    const noVars = { ...env, SCROBBLETRAY_USER_TOKEN: '', SCROBBLETRAY_PASSWORD: '' };
    const viaStdin = await cliProcess(['login', '--service', 'listenbrainz'], noVars, `${token}\n`)
      .done;
    expect(viaStdin.code, viaStdin.stderr).toBe(0);
    expect(viaStdin.stdout).toMatch(new RegExp(`Signed in to ListenBrainz as ${lbUser}`));
    expect(viaStdin.stdout + viaStdin.stderr).not.toContain(token);

    await addAs12(run);
    const asUser = uniqueUser('as12-stdin');
    as12.addUser(asUser, `pw-${asUser}`);
    const pw = await cliProcess(
      ['login', '--service', 'home', '--username', asUser],
      noVars,
      `pw-${asUser}\n`,
    ).done;
    expect(pw.code, pw.stderr).toBe(0);
    expect(pw.stdout + pw.stderr).not.toContain(`pw-${asUser}`);
    expect((await services(run)).filter((r) => r.user).map((r) => [r.id, r.user])).toEqual([
      ['listenbrainz', lbUser],
      ['home', asUser],
    ]);
  });

  it('no token at all: says where to give it and where to find it', async () => {
    const { env } = newDataDir();
    const out = await cliProcess(
      ['login', '--service', 'listenbrainz'],
      { ...env, SCROBBLETRAY_USER_TOKEN: '' },
      '',
    ).done;
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /give the user token on stdin or in SCROBBLETRAY_USER_TOKEN \(find it at https:\/\/listenbrainz\.org\/settings\/\)/,
    );
  });
});

describe('SoundCloud from the account commands', () => {
  it('login, whoami and logout --service soundcloud go to SoundCloud’s own sign-in', async () => {
    const { run } = newDataDir();
    // No app credentials: SoundCloud's sign-in names its variables (the Last.fm flow would
    // refuse --method oauth1 as bad usage instead).
    const login = await run(
      ['login', '--service', 'soundcloud', '--method', 'oauth1', '--no-browser'],
      {
        SCROBBLETRAY_SOUNDCLOUD_CONSUMER_KEY: '',
        SCROBBLETRAY_SOUNDCLOUD_CONSUMER_SECRET: '',
      },
    );
    expect(login.code).toBe(1);
    expect(login.stderr).toContain('SCROBBLETRAY_SOUNDCLOUD_CONSUMER_KEY');
    const who = await run(['whoami', '--service', 'soundcloud']);
    expect(who.code).toBe(1);
    expect(who.stderr).toMatch(/Not signed in to SoundCloud/);
    const out = await run(['logout', '--service=soundcloud', '--json']);
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ service: 'soundcloud', signedOut: null });
  });
});

describe('whoami exit codes', () => {
  it('1 when not signed in, when the keychain lost the credential, and when the service revoked it', async () => {
    const { run } = newDataDir();
    const none = await run(['whoami', '--service', 'listenbrainz']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/Not signed in to ListenBrainz/);

    const user = uniqueUser('lb-revoke');
    const token = `tok-${user}-abcdef`;
    lb.addToken(token, user);
    expect((await loginListenBrainz(run, token)).code).toBe(0);
    expect((await run(['whoami', '--service', 'listenbrainz'])).code).toBe(0);
    lb.revokeToken(token);
    const revoked = await run(['whoami', '--service', 'listenbrainz', '--json']);
    expect(revoked.code).toBe(1);
    expect(JSON.parse(revoked.stdout)).toMatchObject({
      user,
      needsSignIn: true,
      problem: 'revoked',
    });
    const revokedHuman = await run(['whoami', '--service', 'listenbrainz']);
    expect(revokedHuman.code).toBe(1);
    expect(revokedHuman.stdout).toMatch(
      /no longer accepts the user token.*login --service listenbrainz/,
    );

    await addAs12(run);
    const as12User = uniqueUser('as12-gone');
    as12.addUser(as12User, 'pw-gone');
    expect((await loginAs12(run, 'home', as12User, 'pw-gone')).code).toBe(0);
    // Someone deletes the keychain item behind Scrobbletray's back.
    await createKeytarStore().delete(sessionAccount('home', as12User));
    const gone = await run(['whoami', '--service', 'home']);
    expect(gone.code).toBe(1);
    expect(gone.stdout).toMatch(
      /password is missing from the keychain: run scrobbletray login --service home/,
    );
  });
});

describe('fan-out: one scrobble, every signed-in service', () => {
  /** Signs in to Last.fm, a 1.2 server (`home`) and ListenBrainz in one data dir. */
  async function allThree() {
    const ctx = newDataDir();
    const lfUser = uniqueUser('lf');
    lastfm.addUser(lfUser, 'lf-password');
    const asUser = uniqueUser('as');
    // Each user a password of their own: GNU FM makes the session id from md5(md5(password) + t)
    // and the second, so two users with one password handshaking in one second collide.
    const asPassword = `as-password-${asUser}`;
    as12.addUser(asUser, asPassword);
    const lbUser = uniqueUser('lbf');
    const token = `tok-${lbUser}-fanout`;
    lb.addToken(token, lbUser);
    await addAs12(ctx.run);
    for (const signed of [
      await loginLastfm(ctx.run, lfUser, 'lf-password'),
      await loginAs12(ctx.run, 'home', asUser, asPassword),
      await loginListenBrainz(ctx.run, token),
    ]) {
      expect(signed.code, signed.stderr).toBe(0);
    }
    const rows = await services(ctx.run);
    expect(rows.filter((r) => r.user !== null).map((r) => r.id)).toEqual([
      'lastfm',
      'listenbrainz',
      'home',
    ]);
    return { ...ctx, lfUser, asUser, lbUser };
  }

  const base = Math.floor(Date.now() / 1000) - 3 * 3600;
  const scrobble = (run: Run, track: string, at: number) =>
    run(['scrobble', '--artist', 'Fan Out', '--track', track, '--at', String(at)]);

  const received = (who: { lfUser: string; asUser: string; lbUser: string }, prefix: string) => ({
    lastfm: lastfm.scrobbles
      .filter((s) => s.user === who.lfUser && s.track.startsWith(prefix))
      .map((s) => s.track)
      .sort(),
    as12: as12.scrobbles
      .filter((s) => s.user === who.asUser && s.track.startsWith(prefix))
      .map((s) => s.track)
      .sort(),
    listenbrainz: lb.listens
      .filter((l) => l.user === who.lbUser && l.track.startsWith(prefix))
      .map((l) => l.track)
      .sort(),
  });

  it('every play reaches all three, once each, and one down holds up none of the others', async () => {
    const who = await allThree();
    const { run } = who;
    const first = Array.from({ length: 6 }, (_, i) => `Up ${i}`);
    for (const [i, track] of first.entries()) {
      const r = await scrobble(run, track, base + i * 240);
      expect(r.code, r.stderr + r.stdout).toBe(0);
    }
    const flushed = await run(['flush']);
    expect(flushed.code, flushed.stderr).toBe(0);
    expect(received(who, 'Up ')).toEqual({ lastfm: first, as12: first, listenbrainz: first });
    // One row per play per service, each accepted.
    const rows = (await queueRows(run)).filter((r) => r.track.startsWith('Up '));
    expect(rows).toHaveLength(18);
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['accepted']));
    expect(rows.map((r) => r.target).sort()).toEqual([
      ...Array(6).fill('home'),
      ...Array(6).fill('lastfm'),
      ...Array(6).fill('listenbrainz'),
    ]);

    // The 1.2 server goes away: the others still take every play at once.
    await as12.goDown();
    try {
      const second = Array.from({ length: 4 }, (_, i) => `Down ${i}`);
      for (const [i, track] of second.entries()) {
        const r = await scrobble(run, track, base + 3600 + i * 240);
        expect(r.code, r.stderr + r.stdout).toBe(0);
      }
      await run(['flush']);
      expect(received(who, 'Down ')).toEqual({ lastfm: second, as12: [], listenbrainz: second });
      const waiting = (await queueRows(run)).filter(
        (r) => r.track.startsWith('Down ') && r.target === 'home',
      );
      expect(waiting).toHaveLength(4);
      expect(waiting.every((r) => r.state === 'retrying' || r.state === 'queued')).toBe(true);

      // Back up: a flush sends what waited, and nothing twice anywhere.
      await as12.comeBack();
      const after = await run(['flush']);
      expect(after.code, after.stderr).toBe(0);
      expect(received(who, 'Down ')).toEqual({
        lastfm: second,
        as12: second,
        listenbrainz: second,
      });
      expect(received(who, 'Up ')).toEqual({ lastfm: first, as12: first, listenbrainz: first });
    } finally {
      await as12.comeBack().catch(() => undefined);
    }
  });

  it('a service whose "scrobble to" switch is off gets no row; SoundCloud never does', async () => {
    const who = await allThree();
    const { run, dir, env } = who;
    const scUser = uniqueUser('sc');
    // The window's switch, through the contract, on a core over the same files.
    const core = new Core({ dataDir: dir, env: { ...process.env, ...env } });
    try {
      const summary = (await dispatch(core, 'account.setScrobbleTo', {
        service: 'listenbrainz',
        on: false,
      })) as { scrobbleTo: boolean };
      expect(summary.scrobbleTo).toBe(false);
      // A SoundCloud account (as its sign-in leaves it) is no place for scrobbles.
      await core.accountStore.signIn('soundcloud', scUser, {
        kind: 'oauth2',
        accessToken: 'sc-access-token-for-test',
      });
      await expect(
        dispatch(core, 'account.setScrobbleTo', { service: 'soundcloud', on: true }),
      ).rejects.toThrow(/account only/);
    } finally {
      await core.close();
    }
    expect((await services(run)).find((r) => r.id === 'listenbrainz')).toMatchObject({
      user: who.lbUser,
      scrobbleTo: false,
    });

    const r = await scrobble(run, 'Switch 0', base + 7200);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    await run(['flush']);
    const rows = (await queueRows(run)).filter((q) => q.track === 'Switch 0');
    expect(rows.map((q) => q.target).sort()).toEqual(['home', 'lastfm']);
    expect(received(who, 'Switch ')).toEqual({
      lastfm: ['Switch 0'],
      as12: ['Switch 0'],
      listenbrainz: [],
    });
    // The SoundCloud account is still there: it was left out, not signed out.
    expect((await services(run)).find((s) => s.id === 'soundcloud')?.user).toBe(scUser);
    await createKeytarStore().delete(sessionAccount('soundcloud', scUser));
  });
});
