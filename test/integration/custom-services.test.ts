// Self-hosted GNU FM servers as the window adds and removes them: through dispatch() and the
// shared contract, on a core with a real SQLite file and a real settings.json in a temp dir,
// restarted over the same files. The custom server is a second fake in GNU FM mode. The
// keychain is the in-memory double (queue-harness.ts says why; keychain.test.ts has the real one).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/api/dispatch.js';
import { ServiceHasWaitingScrobblesError } from '../../src/main/auth/account-service.js';
import { Core } from '../../src/main/core.js';
import { MemorySecretStore } from '../../src/main/secrets/memory-store.js';
import {
  CustomServiceInputError,
  UnknownServiceError,
} from '../../src/main/settings/service-config.js';
import { ContractInputError } from '../../src/shared/contract.js';
import type { AccountSummary, CoreEvent } from '../../src/shared/core-events.js';
import { startFakeLastfm, type FakeLastfm } from '../support/fake-lastfm/index.js';
import { cliEnv } from '../support/sign-in.js';
import { tempDir } from '../support/temp-dir.js';

let lastfm: FakeLastfm;
let gnufm: FakeLastfm;
/** The GNU FM fake's address, as a user would type it: no /2.0/. */
let gnufmAddress: string;

beforeAll(async () => {
  lastfm = await startFakeLastfm();
  gnufm = await startFakeLastfm({ flavor: 'gnufm' });
  gnufmAddress = gnufm.apiUrl.replace(/2\.0\/$/, '');
});
afterAll(async () => {
  await lastfm?.close();
  await gnufm?.close();
});

let dir: ReturnType<typeof tempDir>;
let core: Core;
let secrets: MemorySecretStore;
const events: CoreEvent[] = [];

/** A core over the temp dir's files; call again for a restart. */
async function start(): Promise<void> {
  await core?.close();
  core = new Core({ dataDir: dir.path, env: cliEnv(lastfm, dir.path), secrets });
  core.events.on((e) => events.push(e));
}

afterEach(async () => {
  await core?.close();
  dir?.cleanup();
});

async function setUp(settingsJson?: unknown): Promise<void> {
  dir = tempDir();
  secrets = new MemorySecretStore();
  events.length = 0;
  if (settingsJson !== undefined) {
    writeFileSync(join(dir.path, 'settings.json'), JSON.stringify(settingsJson));
  }
  await start();
}

const call = <T = unknown>(method: string, input: unknown = {}) =>
  dispatch(core, method, input) as Promise<T>;
const list = () => call<AccountSummary[]>('account.list');
const ids = async () => (await list()).map((a) => a.service);
const settingsFile = () =>
  JSON.parse(readFileSync(join(dir.path, 'settings.json'), 'utf8')) as Record<string, unknown>;
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a refusal'),
    (e: unknown) => e as Error,
  );

describe('adding a self-hosted server', () => {
  it('is listed, kept in settings.json, and still there after a restart', async () => {
    await setUp();
    const added = await call<AccountSummary>('account.addService', {
      name: 'Home GNU FM',
      url: gnufmAddress,
    });
    expect(added).toMatchObject({
      service: 'home-gnu-fm',
      name: 'Home GNU FM',
      user: null,
      hasApiCredentials: true, // GNU FM checks no API key: nothing to ask for
      custom: true,
      plainHttp: false, // 127.0.0.1 is this machine
    });
    expect(events).toContainEqual({ type: 'account-changed', target: 'home-gnu-fm' });
    expect(settingsFile().customServices).toEqual([
      {
        id: 'home-gnu-fm',
        name: 'Home GNU FM',
        apiUrl: gnufm.apiUrl,
        authUrl: gnufm.authUrl,
        flavor: 'gnufm',
      },
    ]);
    await start();
    expect(await ids()).toEqual(['lastfm', 'librefm', 'listenbrainz', 'soundcloud', 'home-gnu-fm']);
    const summaries = await list();
    expect(summaries.find((a) => a.service === 'lastfm')).toMatchObject({ custom: false });
  });

  it('names the fields to fix, and writes nothing', async () => {
    await setUp();
    const error = await refusal(call('account.addService', { name: ' ', url: 'ftp://x' }));
    expect(error).toBeInstanceOf(CustomServiceInputError);
    expect(error).toBeInstanceOf(ContractInputError); // every front answers "your input" (400)
    expect((error as CustomServiceInputError).problems.map((p) => p.field)).toEqual([
      'name',
      'url',
    ]);
    await call('account.addService', { name: 'Home', url: gnufmAddress });
    const again = await refusal(call('account.addService', { name: 'Work', url: gnufmAddress }));
    expect((again as CustomServiceInputError).problems).toEqual([
      { field: 'url', message: 'This server is already in your list, as “Home”.' },
    ]);
    expect(settingsFile().customServices).toHaveLength(1);
  });

  it('flags a plain http:// server on another machine', async () => {
    await setUp();
    const added = await call<AccountSummary>('account.addService', {
      name: 'LAN',
      url: 'http://192.0.2.10/gnufm',
    });
    expect(added).toMatchObject({ service: 'lan', plainHttp: true });
    // The rule on passwords is unchanged: none goes there.
    const error = await refusal(
      call('account.signInWithPassword', { service: 'lan', username: 'u', password: 'pw' }),
    );
    expect(error.message).toMatch(/Refusing to send your password .* not HTTPS/);
  });
});

describe('removing a self-hosted server', () => {
  it('is refused while scrobbles wait; then signs out, forgets the server and keeps history', async () => {
    await setUp();
    await call('account.addService', { name: 'Home GNU FM', url: gnufmAddress });
    await core.accountStore.signIn('home-gnu-fm', 'alice', gnufm.createSession('alice'));
    await secrets.set('api-secret:home-gnu-fm', 'a-secret-the-user-once-saved');
    await call('queue.enqueue', {
      items: [
        { artist: 'Grouper', track: 'Heavy Water', timestamp: Math.floor(Date.now() / 1000) - 300 },
      ],
      source: 'manual',
    });

    const refused = await refusal(call('account.removeService', { service: 'home-gnu-fm' }));
    expect(refused).toBeInstanceOf(ServiceHasWaitingScrobblesError);
    expect(refused.message).toBe(
      'Home GNU FM still has 1 scrobble waiting to be sent. Send them (Send now) or remove them in the Queue first, then remove the server.',
    );
    expect(await ids()).toContain('home-gnu-fm');
    expect(await secrets.get('session:home-gnu-fm:alice')).not.toBeNull();

    // Sent through the URLs derived from the address.
    await call('queue.flush', { target: 'home-gnu-fm' });
    expect(gnufm.scrobbles.map((s) => s.track)).toContain('Heavy Water');
    events.length = 0;

    const after = await call<AccountSummary[]>('account.removeService', { service: 'home-gnu-fm' });
    expect(after.map((a) => a.service)).toEqual([
      'lastfm',
      'librefm',
      'listenbrainz',
      'soundcloud',
    ]);
    expect(events).toContainEqual({ type: 'account-changed', target: 'home-gnu-fm' });
    expect(await secrets.get('session:home-gnu-fm:alice')).toBeNull();
    expect(await secrets.get('api-secret:home-gnu-fm')).toBeNull();
    const file = settingsFile();
    expect(file.customServices).toEqual([]);
    expect((file.services as Record<string, unknown> | undefined)?.['home-gnu-fm']).toBeUndefined();
    expect(core.queue.stats('home-gnu-fm').counts.accepted).toBe(1);

    await start();
    expect(await ids()).toEqual(['lastfm', 'librefm', 'listenbrainz', 'soundcloud']);
    expect(core.queue.stats('home-gnu-fm').counts.accepted).toBe(1);
    // Its history still means the removed server: a new one of that name gets its own id.
    const readded = await call<AccountSummary>('account.addService', {
      name: 'Home GNU FM',
      url: gnufmAddress,
    });
    expect(readded.service).toBe('home-gnu-fm-2');
  });

  it("leaves a removed server's failed scrobbles in place: retry and edit say why", async () => {
    await setUp();
    await call('account.addService', { name: 'Home GNU FM', url: gnufmAddress });
    await core.accountStore.signIn('home-gnu-fm', 'alice', gnufm.createSession('alice'));
    const at = Math.floor(Date.now() / 1000) - 300;
    // The fake refuses this title as malformed (error 6): it fails for good.
    await call('queue.enqueue', {
      items: [{ artist: 'Grouper', track: 'Poisoned Track', timestamp: at }],
      source: 'manual',
    });
    await call('queue.flush', { target: 'home-gnu-fm' });
    const [failed] = core.queue.list({ states: ['failed'] }).items;
    expect(failed?.target).toBe('home-gnu-fm');
    const id = failed?.id ?? 0;
    await call('account.removeService', { service: 'home-gnu-fm' });

    const retry = await refusal(call('queue.retry', { ids: [id] }));
    expect(retry.message).toBe(
      `Scrobble ${id} was for "home-gnu-fm", a server that was removed: there is nowhere to send it. It stays in the history; remove it if you no longer want it.`,
    );
    const edit = await refusal(call('queue.edit', { id, patch: { track: 'Heavy Water' } }));
    expect(edit.message).toMatch(/a server that was removed/);
    expect(await call('queue.retry', { ids: 'all-failed' })).toBe(0);
    expect(core.queue.get(id)).toMatchObject({ state: 'failed', track: 'Poisoned Track' });
  });

  it('refuses a built-in service and an unknown one', async () => {
    await setUp();
    const builtin = await refusal(call('account.removeService', { service: 'lastfm' }));
    expect(builtin).toBeInstanceOf(ContractInputError);
    expect(builtin.message).toBe('Last.fm is built in and cannot be removed.');
    expect(await refusal(call('account.removeService', { service: 'nope' }))).toBeInstanceOf(
      UnknownServiceError,
    );
  });
});

describe('custom servers written into settings.json by hand', () => {
  const good = {
    id: 'home',
    name: 'Home',
    apiUrl: 'https://gnufm.example.org/2.0/',
    authUrl: 'https://gnufm.example.org/api/auth/',
    flavor: 'gnufm',
  };

  it('a malformed entry is skipped with the reason, and the rest of the app works', async () => {
    await setUp({
      customServices: [good, { ...good, id: 'broken', name: 'Broken', apiUrl: 'ftp://x/' }, 7],
    });
    const summaries = await list();
    expect(summaries.map((a) => a.service)).toEqual([
      'lastfm',
      'librefm',
      'listenbrainz',
      'soundcloud',
      'home',
      'broken',
      'customServices[2]',
    ]);
    expect(summaries.find((a) => a.service === 'home')).toMatchObject({ custom: true });
    expect(summaries.find((a) => a.service === 'home')?.problem).toBeUndefined();
    expect(summaries.find((a) => a.service === 'broken')).toMatchObject({
      name: 'Broken',
      user: null,
      custom: true,
      problem:
        'customServices[1] in settings.json is skipped: apiUrl must be an http:// or https:// address, such as https://gnufm.example.org/2.0/.',
    });
    expect(summaries.at(-1)).toMatchObject({
      custom: false,
      problem: expect.stringMatching(/customServices\[2\] .* must be an object/),
    });
    expect(core.signedInServices()).toEqual(['lastfm']);
    await call('queue.enqueue', {
      items: [{ artist: 'Low', track: 'Words', timestamp: Math.floor(Date.now() / 1000) - 60 }],
      source: 'manual',
    });
    // The broken entry can be removed from the window; the others stay as written.
    await call('account.removeService', { service: 'broken' });
    expect(settingsFile().customServices).toEqual([good, 7]);
  });

  it('customServices that is not a list does not stop the app, and is not overwritten', async () => {
    await setUp({ customServices: { home: good } });
    const summaries = await list();
    expect(summaries.at(-1)).toMatchObject({ problem: expect.stringMatching(/not a list/) });
    const error = await refusal(call('account.addService', { name: 'X', url: 'x.example' }));
    expect(error.message).toMatch(/not a list.*fix or delete it/);
    expect(settingsFile().customServices).toEqual({ home: good });
  });
});
