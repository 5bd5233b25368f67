import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/api/dispatch.js';
import { Core } from '../../src/main/core.js';
import { createKeytarStore } from '../../src/main/secrets/keytar-store.js';
import type { CoreEvent } from '../../src/shared/core-events.js';
import type { AccountSummary } from '../../src/shared/core-events.js';
import {
  approveInBrowser,
  startFakeLastfm,
  type FakeLastfm,
} from '../support/fake-lastfm/index.js';
import { cliEnv, secretToolLookup, uniqueUser, until } from '../support/sign-in.js';
import { filesContainingSecrets, tempDir } from '../support/temp-dir.js';

// Accounts as the window drives them, through the same dispatch every transport uses, with the
// real keychain (run under scripts/with-keyring.sh). Nothing secret may come back out.

let fake: FakeLastfm;
let core: Core;
let dir: ReturnType<typeof tempDir>;
const events: CoreEvent[] = [];

beforeAll(async () => {
  fake = await startFakeLastfm();
});
afterAll(async () => fake?.close());

/**
 * The first-run test writes `api-secret:lastfm`, which other test files running at the same
 * time expect to be absent: it gets a keychain service of its own (still the real keychain).
 */
const ISOLATED_SERVICE = `scrobbletray-test-${process.pid}`;

function open(extraEnv: NodeJS.ProcessEnv = {}, keychainService?: string) {
  dir = tempDir();
  events.length = 0;
  core = new Core({
    dataDir: dir.path,
    env: cliEnv(fake, dir.path, extraEnv),
    secrets: keychainService ? createKeytarStore({ service: keychainService }) : undefined,
  });
  core.events.on((e) => events.push(e));
}

afterEach(async () => {
  await core?.close();
  dir?.cleanup();
});

const call = (method: string, input: unknown = {}) => dispatch(core, method, input);

async function lastfm(): Promise<AccountSummary> {
  const list = (await call('account.list')) as AccountSummary[];
  const summary = list.find((a) => a.service === 'lastfm');
  if (!summary) throw new Error('no lastfm account summary');
  return summary;
}

describe('account API', () => {
  it('web sign-in started from the window: URL first, then account-changed', async () => {
    open();
    const user = uniqueUser('web');
    fake.addUser(user, 'pw');
    expect(await lastfm()).toMatchObject({
      user: null,
      hasApiCredentials: true,
      needsSignIn: false,
    });
    const { url } = (await call('account.startSignIn', { service: 'lastfm', method: 'web' })) as {
      url: string;
    };
    expect(url.startsWith(fake.authUrl)).toBe(true);
    const { redirect } = await approveInBrowser(url, user);
    const page = await fetch(redirect ?? '');
    expect(await page.text()).toMatch(/close this tab/i);
    await until(() => events.some((e) => e.type === 'account-changed'), 'account-changed event');
    const summary = await lastfm();
    expect(summary).toMatchObject({ user, needsSignIn: false });
    const key = await secretToolLookup(`session:lastfm:${user}`);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(summary)).not.toContain(key);
    expect(JSON.stringify(events)).not.toContain(key);
    expect(filesContainingSecrets(dir.path, [key ?? '', fake.apiSecret])).toEqual([]);
    await call('account.signOut', { service: 'lastfm' });
  });

  it('a failed token sign-in is reported as an event, not a crash', async () => {
    open();
    const { url } = (await call('account.startSignIn', { service: 'lastfm', method: 'token' })) as {
      url: string;
    };
    expect(url).toMatch(/token=/);
    fake.advanceClock(61 * 60_000);
    // The default first poll is 2 s: the expired token is reported then.
    await until(
      () => events.some((e) => e.type === 'sign-in-failed'),
      'sign-in-failed event',
      8_000,
    );
    const failed = events.find((e) => e.type === 'sign-in-failed');
    expect(failed && 'message' in failed && failed.message).toMatch(/expired/);
    fake.advanceClock(-61 * 60_000);
    expect((await lastfm()).user).toBeNull();
  });

  it('password sign-in, revocation shown as needs sign-in, sign out', async () => {
    open();
    const user = uniqueUser('pw');
    fake.addUser(user, 'secret-pw-123');
    const summary = (await call('account.signInWithPassword', {
      service: 'lastfm',
      username: user,
      password: 'secret-pw-123',
    })) as AccountSummary;
    expect(summary).toMatchObject({ user, needsSignIn: false });
    const key = await secretToolLookup(`session:lastfm:${user}`);
    fake.revokeSession(key ?? '');
    await call('queue.enqueue', {
      items: [{ artist: 'Autechre', track: 'Rae', timestamp: Math.floor(Date.now() / 1000) - 60 }],
      source: 'manual',
    });
    await call('queue.flush', {});
    expect(await lastfm()).toMatchObject({ user, needsSignIn: true });
    expect(events.some((e) => e.type === 'needs-auth')).toBe(true);
    expect(filesContainingSecrets(dir.path, [key ?? '', 'secret-pw-123'])).toEqual([]);
    const after = (await call('account.signOut', { service: 'lastfm' })) as AccountSummary;
    expect(after.user).toBeNull();
    expect(await secretToolLookup(`session:lastfm:${user}`)).toBeNull();
  });

  it('first run: no API credentials until the window saves them (secret to the keychain)', async () => {
    // The pair is checked with the service before it is saved: a fake that knows this one.
    const secret = 'abcdef0123456789abcdef0123456789';
    const own = await startFakeLastfm({
      apiKey: '0123456789abcdef0123456789abcdef',
      apiSecret: secret,
    });
    open(
      {
        SCROBBLETRAY_LASTFM_API_URL: own.apiUrl,
        SCROBBLETRAY_LASTFM_AUTH_URL: own.authUrl,
        SCROBBLETRAY_LASTFM_API_KEY: '',
        SCROBBLETRAY_LASTFM_API_SECRET: '',
      },
      ISOLATED_SERVICE,
    );
    const before = await lastfm();
    expect(before).toMatchObject({
      hasApiCredentials: false,
      apiAccountUrl: 'https://www.last.fm/api/account/create',
    });
    await expect(call('account.startSignIn', { service: 'lastfm', method: 'web' })).rejects.toThrow(
      /api\/account\/create/,
    );
    const saved = (await call('account.setApiCredentials', {
      service: 'lastfm',
      apiKey: '0123456789abcdef0123456789abcdef',
      apiSecret: secret,
    })) as AccountSummary;
    expect(saved.hasApiCredentials).toBe(true);
    expect(await secretToolLookup('api-secret:lastfm', ISOLATED_SERVICE)).toBe(secret);
    expect(await secretToolLookup('api-secret:lastfm')).toBeNull();
    await createKeytarStore({ service: ISOLATED_SERVICE }).delete('api-secret:lastfm');
    expect(filesContainingSecrets(dir.path, [secret])).toEqual([]);
    expect(JSON.stringify(saved)).not.toContain(secret);
    await own.close();
  });

  it('refuses malformed input before touching anything', async () => {
    open();
    await expect(
      call('account.signInWithPassword', { service: 'lastfm', username: '', password: 'x' }),
    ).rejects.toThrow(/username/);
    await expect(call('account.startSignIn', { service: 'lastfm', method: 'fax' })).rejects.toThrow(
      /method/,
    );
  });
});
