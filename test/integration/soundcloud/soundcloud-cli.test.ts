// SoundCloud from the command line, end to end: `login --service soundcloud` by OAuth 2.1 and
// OAuth 1.0a through the real loopback, `whoami`, `logout`, and `scrobble --url`, against the
// fake SoundCloud, a fake YouTube oEmbed and the fake Last.fm, with a real data dir and the
// real keychain (run through scripts/with-keyring.sh). Forged and replayed callbacks are
// covered by test/integration/oauth/soundcloud-oauth*.test.ts, over the same loopback.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/main/cli.js';
import type { CliCommand } from '../../../src/main/cli/commands.js';
import { runCli } from '../../../src/main/cli/run-cli.js';
import {
  loginSoundCloud,
  logoutSoundCloud,
  whoamiSoundCloud,
} from '../../../src/main/cli/soundcloud-account.js';
import { Core } from '../../../src/main/core.js';
import { refreshAccessToken } from '../../../src/main/oauth/oauth2/token-endpoint.js';
import { apiSecretAccount, sessionAccount } from '../../../src/main/secrets/accounts.js';
import { createKeytarStore } from '../../../src/main/secrets/keytar-store.js';
import { startFakeLastfm, type FakeLastfm } from '../../support/fake-lastfm/index.js';
import { decideInBrowser, visit } from '../../support/fake-oauth1/browser.js';
import { startFakeYouTubeOEmbed, type FakeYouTubeOEmbed } from '../../support/fake-oembed/index.js';
import { startFakeSoundCloud, type FakeSoundCloud } from '../../support/fake-soundcloud/index.js';
import { LABEL_TRACK, PLAIN_TRACK } from '../../support/fake-soundcloud/tracks.js';
import { cliEnv, secretToolLookup, uniqueUser } from '../../support/sign-in.js';
import { filesContainingSecrets, tempDir } from '../../support/temp-dir.js';

// The SoundCloud commands as account-commands.ts dispatches `--service soundcloud` to them,
// in the same runner (flags, exit codes, --json) as every command.
const SOUNDCLOUD_COMMANDS: CliCommand[] = [
  { name: 'login', usage: 'login', summary: '', run: loginSoundCloud },
  { name: 'whoami', usage: 'whoami', summary: '', run: whoamiSoundCloud },
  { name: 'logout', usage: 'logout', summary: '', run: logoutSoundCloud },
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let lastfm: FakeLastfm;
let youtube: FakeYouTubeOEmbed;
const open: { close(): Promise<void> }[] = [];
const dirs: { cleanup(): void }[] = [];
const keychain = createKeytarStore();

beforeAll(async () => {
  lastfm = await startFakeLastfm();
  youtube = await startFakeYouTubeOEmbed({
    dQw4w9WgXcQ: {
      title: 'Rick Astley - Never Gonna Give You Up (Official Video)',
      author_name: 'Rick Astley',
    },
    privateVid1: 'private',
  });
});
afterAll(async () => {
  await Promise.all([lastfm.close(), youtube.close()]);
  await keychain.delete(apiSecretAccount('soundcloud'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  dirs.splice(0).forEach((d) => d.cleanup());
});

async function fakeSoundCloud(user: string, extra: { ttlSec?: number } = {}) {
  const fake = await startFakeSoundCloud({
    users: [user],
    tracks: [LABEL_TRACK, PLAIN_TRACK],
    likes: { [user]: [8, 7] },
    oauth2: extra.ttlSec ? { accessTokenTtlSec: extra.ttlSec } : {},
  });
  open.push(fake);
  return fake;
}

function newDataDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
}

function envFor(fake: FakeSoundCloud | null, method: 'oauth1' | 'oauth2', dir: string) {
  return {
    ...cliEnv(lastfm, dir),
    ...(fake ? fake.env(method) : {}),
    SCROBBLETRAY_OEMBED_URL_YOUTUBE: youtube.url,
  };
}

/** Runs the CLI in this process; `onOutput` sees stdout and stderr as they are written. */
async function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  commands: readonly CliCommand[] = COMMANDS,
  onOutput?: (text: string) => void,
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    {
      stdout: (t) => {
        stdout += t;
        onOutput?.(stdout + stderr);
      },
      stderr: (t) => {
        stderr += t;
        onOutput?.(stdout + stderr);
      },
      readStdin: () => Promise.resolve(null),
      env: { ...process.env, ...env },
    },
    commands,
  );
  return { code, stdout, stderr };
}

/**
 * `login --service soundcloud --method M --no-browser`: the test reads the printed URL and
 * plays the browser (approve on the fake's page, then follow the redirect to the loopback).
 */
async function login(method: 'oauth1' | 'oauth2', env: NodeJS.ProcessEnv, json = false) {
  let printed!: (url: string) => void;
  const url = new Promise<string>((resolve) => (printed = resolve));
  const args = ['login', '--service', 'soundcloud', '--method', method, '--no-browser'];
  const done = run(json ? [...args, '--json'] : args, env, SOUNDCLOUD_COMMANDS, (out) => {
    const m = /Open this URL to approve Scrobbletray:\n(\S+)/.exec(out);
    if (m?.[1]) printed(m[1]);
  });
  const location = await decideInBrowser(await url, 'allow');
  const tab = await visit(location);
  const result = await done;
  return { result, tab, approvalUrl: await url };
}

async function storedCredential(user: string): Promise<Record<string, unknown>> {
  const raw = await secretToolLookup(sessionAccount('soundcloud', user));
  expect(raw, 'the sign-in is in the keychain').not.toBeNull();
  return JSON.parse(raw ?? '{}') as Record<string, unknown>;
}

function secretsOf(record: Record<string, unknown>, fake: FakeSoundCloud): string[] {
  const values = ['accessToken', 'refreshToken', 'token', 'tokenSecret']
    .map((k) => record[k])
    .filter((v): v is string => typeof v === 'string' && v.length > 0);
  return [...values, fake.consumer.secret];
}

describe('login --service soundcloud', () => {
  for (const method of ['oauth2', 'oauth1'] as const) {
    it(`${method}: approves in the browser, keeps the sign-in in the keychain only, whoami asks /me, logout removes it`, async () => {
      const user = uniqueUser(`sc-${method}`);
      const fake = await fakeSoundCloud(user);
      const dir = newDataDir();
      const env = envFor(fake, method, dir);

      const { result, tab, approvalUrl } = await login(method, env);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(
        `Signed in to SoundCloud as ${user} (${method === 'oauth2' ? 'OAuth 2.1' : 'OAuth 1.0a'})`,
      );
      expect(tab.status).toBe(200);
      expect(new URL(approvalUrl).origin).toBe(fake.origin);
      if (method === 'oauth2') {
        const q = new URL(approvalUrl).searchParams;
        expect(q.get('code_challenge_method')).toBe('S256');
        expect(q.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      }

      // The keychain has the record of the method used; the consumer secret went there too.
      const record = await storedCredential(user);
      if (method === 'oauth2') {
        expect(record).toMatchObject({ kind: 'oauth2' });
        expect(record['refreshToken']).toEqual(expect.any(String));
      } else {
        expect(record).toMatchObject({ kind: 'oauth1' });
        expect(record['tokenSecret']).toEqual(expect.any(String));
      }
      expect(await secretToolLookup(apiSecretAccount('soundcloud'))).toBe(fake.consumer.secret);

      // whoami asks SoundCloud, with no consumer secret in the environment: the keychain's.
      const noSecret = { ...env, SCROBBLETRAY_SOUNDCLOUD_CONSUMER_SECRET: '' };
      const meCallsBefore = fake.requests.filter((r) => r.url.pathname === '/me').length;
      const who = await run(
        ['whoami', '--service', 'soundcloud', '--json'],
        noSecret,
        SOUNDCLOUD_COMMANDS,
      );
      expect(who.code, who.stderr).toBe(0);
      expect(JSON.parse(who.stdout)).toMatchObject({
        service: 'soundcloud',
        user,
        method,
        id: expect.stringMatching(/1$/),
      });
      expect(fake.requests.filter((r) => r.url.pathname === '/me').length).toBe(meCallsBefore + 1);

      // No token, token secret or consumer secret in the data dir (settings, database) or
      // in anything printed.
      const secrets = secretsOf(record, fake);
      expect(secrets.length).toBeGreaterThanOrEqual(2);
      expect(filesContainingSecrets(dir, secrets)).toEqual([]);
      for (const out of [result, who]) {
        for (const s of secrets) expect(out.stdout + out.stderr).not.toContain(s);
      }

      const out = await run(['logout', '--service', 'soundcloud'], env, SOUNDCLOUD_COMMANDS);
      expect(out.code, out.stderr).toBe(0);
      expect(out.stdout).toContain(`Signed out ${user} from SoundCloud.`);
      expect(await secretToolLookup(sessionAccount('soundcloud', user))).toBeNull();
      const after = await run(['whoami', '--service', 'soundcloud'], env, SOUNDCLOUD_COMMANDS);
      expect(after.code).toBe(1);
      expect(after.stderr).toContain(
        'Not signed in to SoundCloud. Run: scrobbletray login --service soundcloud',
      );
    });
  }

  it('without the app credentials says which variables to set, and opens nothing', async () => {
    const user = uniqueUser('sc-noapp');
    const fake = await fakeSoundCloud(user);
    const dir = newDataDir();
    await keychain.delete(apiSecretAccount('soundcloud'));
    const env = {
      ...envFor(fake, 'oauth2', dir),
      SCROBBLETRAY_SOUNDCLOUD_CONSUMER_KEY: '',
      SCROBBLETRAY_SOUNDCLOUD_CONSUMER_SECRET: '',
    };
    const out = await run(
      ['login', '--service', 'soundcloud', '--no-browser'],
      env,
      SOUNDCLOUD_COMMANDS,
    );
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('SCROBBLETRAY_SOUNDCLOUD_CONSUMER_KEY');
    expect(out.stderr).toContain('SCROBBLETRAY_SOUNDCLOUD_CONSUMER_SECRET');
    expect(out.stdout).not.toContain('Open this URL');
    expect(fake.requests).toEqual([]);
  });

  it('a bad --method is bad usage (exit 2) naming the choices', async () => {
    const out = await run(
      ['login', '--service', 'soundcloud', '--method', 'oauth3'],
      { SCROBBLETRAY_DATA_DIR: newDataDir() },
      SOUNDCLOUD_COMMANDS,
    );
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--method must be one of oauth2, oauth1');
  });
});

describe('refresh rotation', () => {
  it('an expired access token is refreshed, the rotated refresh token is stored and the next run uses it', async () => {
    const user = uniqueUser('sc-rotate');
    const fake = await fakeSoundCloud(user);
    const dir = newDataDir();
    const env = envFor(fake, 'oauth2', dir);
    expect((await login('oauth2', env)).result.code).toBe(0);
    const first = await storedCredential(user);

    // Two hours later at SoundCloud: the access token has expired there.
    fake.oauth2.advance(2 * 3600_000);
    const likes = await run(['whoami', '--service', 'soundcloud'], env, SOUNDCLOUD_COMMANDS);
    expect(likes.code, likes.stderr).toBe(0);
    const second = await storedCredential(user);
    expect(second['refreshToken']).toEqual(expect.any(String));
    expect(second['refreshToken']).not.toBe(first['refreshToken']);
    expect(second['accessToken']).not.toBe(first['accessToken']);
    expect(fake.requests.filter((r) => r.url.pathname.endsWith('/oauth/token'))).toHaveLength(2);

    // Another run (a new core, as the app or the next command is) works with what was stored,
    // and after a second expiry rotates again from the stored token, not the first one (a
    // rotated-out token would revoke the whole sign-in).
    fake.oauth2.advance(2 * 3600_000);
    const again = await run(['whoami', '--service', 'soundcloud'], env, SOUNDCLOUD_COMMANDS);
    expect(again.code, again.stderr).toBe(0);
    const third = await storedCredential(user);
    expect(third['refreshToken']).not.toBe(second['refreshToken']);
    const still = await run(['whoami', '--service', 'soundcloud'], env, SOUNDCLOUD_COMMANDS);
    expect(still.code, still.stderr).toBe(0);

    const secrets = [first, second, third].flatMap((r) => secretsOf(r, fake));
    expect(filesContainingSecrets(dir, secrets)).toEqual([]);
  });

  it('two processes: one rotates the refresh token, the other uses the stored pair instead of presenting the dead one', async () => {
    const user = uniqueUser('sc-two');
    const fake = await fakeSoundCloud(user);
    const dir = newDataDir();
    const env = envFor(fake, 'oauth2', dir);
    expect((await login('oauth2', env)).result.code).toBe(0);
    // Two cores over one data dir and keychain, as the app and a CLI command are.
    const app = new Core({ dataDir: dir, env: { ...process.env, ...env } });
    const cli = new Core({ dataDir: dir, env: { ...process.env, ...env } });
    try {
      expect((await app.soundcloud.whoami()).user).toBe(user);
      fake.oauth2.advance(2 * 3600_000);
      expect((await cli.soundcloud.whoami()).user).toBe(user); // refreshes and rotates
      const rotated = await storedCredential(user);
      // The app still holds the first pair; its refresh must not present the rotated-out
      // token (SoundCloud would revoke the whole sign-in, for both).
      expect((await app.soundcloud.whoami()).user).toBe(user);
      expect((await cli.soundcloud.whoami()).user).toBe(user);
      expect(await storedCredential(user)).toEqual(rotated);
      expect(fake.oauth2.revokedFamilies.size).toBe(0);
    } finally {
      await app.close();
      await cli.close();
    }
  });

  it('a sign-in SoundCloud revoked (a rotated-out refresh token came back) says to sign in again', async () => {
    const user = uniqueUser('sc-revoked');
    const fake = await fakeSoundCloud(user);
    const dir = newDataDir();
    const env = envFor(fake, 'oauth2', dir);
    expect((await login('oauth2', env)).result.code).toBe(0);
    const first = await storedCredential(user);
    fake.oauth2.advance(2 * 3600_000);
    expect((await run(['whoami', '--service', 'soundcloud'], env, SOUNDCLOUD_COMMANDS)).code).toBe(
      0,
    );
    const second = await storedCredential(user);
    // Someone replays the rotated-out refresh token: SoundCloud revokes the whole sign-in.
    await expect(
      refreshAccessToken({
        tokenUrl: `${fake.origin}${fake.oauth2.paths.token}`,
        client: { clientId: fake.consumer.key, clientSecret: fake.consumer.secret },
        service: 'SoundCloud',
        refreshToken: String(first['refreshToken']),
      }),
    ).rejects.toThrow();
    fake.oauth2.advance(2 * 3600_000);
    const out = await run(['whoami', '--service', 'soundcloud'], env, SOUNDCLOUD_COMMANDS);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/sign in to SoundCloud again/i);
    for (const s of [...secretsOf(first, fake), ...secretsOf(second, fake)])
      expect(out.stderr).not.toContain(s);
  });
});

describe('scrobble --url', () => {
  let user: string;
  /** A data dir signed in to the fake Last.fm, so queued scrobbles are sent and seen there. */
  async function signedInDir(): Promise<string> {
    const dir = newDataDir();
    user = uniqueUser('sc-lastfm');
    lastfm.addUser(user, 'pw');
    const core = new Core({ dataDir: dir, env: cliEnv(lastfm, dir) });
    try {
      await core.accountStore.signIn('lastfm', user, lastfm.createSession(user));
    } finally {
      await core.close();
    }
    return dir;
  }
  const sent = (track: string) =>
    lastfm.scrobbles.filter((s) => s.user === user && s.track === track);

  it('SoundCloud, account connected: the API resolve with the label metadata and duration', async () => {
    const scUser = uniqueUser('sc-link');
    const fake = await fakeSoundCloud(scUser);
    const dir = await signedInDir();
    const env = envFor(fake, 'oauth2', dir);
    expect((await login('oauth2', env)).result.code).toBe(0);
    const out = await run(
      ['scrobble', '--url', 'https://soundcloud.com/ninjatune/bonobo-kerala?si=abc'],
      env,
    );
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain(
      'From SoundCloud (your account): Bonobo – Kerala [Migration] (4:06)',
    );
    expect(sent('Kerala')).toMatchObject([{ artist: 'Bonobo', album: 'Migration', duration: 246 }]);
    expect(fake.requests.some((r) => r.url.pathname === '/resolve')).toBe(true);
    expect(fake.requests.some((r) => r.url.pathname === '/oembed')).toBe(false);
  });

  it('SoundCloud, not connected: oEmbed ("Title by Uploader", the uploader as artist)', async () => {
    const fake = await fakeSoundCloud(uniqueUser('sc-anon'));
    const dir = await signedInDir();
    const out = await run(
      ['scrobble', '--url', 'soundcloud.com/forss/flickermood', '--json'],
      envFor(fake, 'oauth2', dir),
    );
    expect(out.code, out.stderr).toBe(0);
    const data = JSON.parse(out.stdout) as { scrobbles: { artist: string; track: string }[] };
    expect(data.scrobbles).toMatchObject([{ artist: 'Forss', track: 'Flickermood' }]);
    expect(sent('Flickermood')).toHaveLength(1);
    expect(fake.requests.map((r) => r.url.pathname)).toEqual(['/oembed']);
  });

  it('YouTube: oEmbed and the title parser; typed --artist/--track/--album override the link', async () => {
    const dir = await signedInDir();
    const env = envFor(null, 'oauth2', dir);
    const out = await run(['scrobble', '--url', 'https://youtu.be/dQw4w9WgXcQ?t=42'], env);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('From YouTube: Rick Astley – Never Gonna Give You Up');
    expect(sent('Never Gonna Give You Up')).toMatchObject([{ artist: 'Rick Astley', album: '' }]);

    const typed = await run(
      [
        'scrobble',
        '--url',
        'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
        '--track',
        'NGGYU (live)',
        '--album',
        'Whenever You Need Somebody',
      ],
      env,
    );
    expect(typed.code, typed.stderr).toBe(0);
    expect(sent('NGGYU (live)')).toMatchObject([
      { artist: 'Rick Astley', album: 'Whenever You Need Somebody' },
    ]);
  });

  it('a link it cannot read says why in plain words, and queues nothing', async () => {
    const fake = await fakeSoundCloud(uniqueUser('sc-bad'));
    const dir = await signedInDir();
    const env = envFor(fake, 'oauth2', dir);
    const cases: [string, RegExp][] = [
      ['https://www.youtube.com/watch?v=privateVid1', /private or cannot be embedded/],
      ['https://soundcloud.com/nobody/nothing', /no public track at this link/],
      ['https://example.com/song.mp3', /reads track links from SoundCloud/],
      ['https://soundcloud.com/forss', /profile/i],
    ];
    for (const [url, why] of cases) {
      const out = await run(['scrobble', '--url', url], env);
      expect(out.code, url).toBe(1);
      expect(out.stderr).toMatch(/Could not read that link/);
      expect(out.stderr).toMatch(why);
      expect(out.stderr).toContain('Nothing was queued. Give --artist and --track instead.');
    }
    const queue = await run(['queue', '--state', 'all', '--json'], env);
    expect((JSON.parse(queue.stdout) as { total: number }).total).toBe(0);
  });

  it('without --url, --artist and --track are still required (bad usage)', async () => {
    const out = await run(['scrobble', '--album', 'X'], { SCROBBLETRAY_DATA_DIR: newDataDir() });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('missing --artist and --track');
  });
});
