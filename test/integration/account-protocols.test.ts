// The window's Account cards for every protocol, driven through dispatch() (the path IPC and
// the headless server take): a server of one's own added with a protocol, sign-in by 1.2
// password and by ListenBrainz token, the methods a protocol has no use for refused in words,
// the "scrobble to" switch, and no secret in any answer or event. Real fakes on 127.0.0.1:0,
// real SQLite and settings in a temp dir, the real keychain (scripts/with-keyring.sh).
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/api/dispatch.js';
import { Core } from '../../src/main/core.js';
import { errorView } from '../../src/main/errors/error-kinds.js';
import { sessionAccount } from '../../src/main/secrets/accounts.js';
import type { AccountSummary, CoreEvent } from '../../src/shared/core-events.js';
import { startFakeAs12, type FakeAs12 } from '../support/fake-as12/index.js';
import { startFakeLastfm, type FakeLastfm } from '../support/fake-lastfm/index.js';
import {
  startFakeListenBrainz,
  type FakeListenBrainz,
} from '../support/fake-listenbrainz/index.js';
import { cliEnv, secretToolLookup, uniqueUser } from '../support/sign-in.js';
import { filesContainingSecrets, tempDir } from '../support/temp-dir.js';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

let lastfm: FakeLastfm;
let as12: FakeAs12;
let lb: FakeListenBrainz;
beforeAll(async () => {
  lastfm = await startFakeLastfm();
  as12 = await startFakeAs12({ users: {} });
  lb = await startFakeListenBrainz({ tokens: {} });
});
afterAll(async () => {
  await lastfm?.close();
  await as12?.close();
  await lb?.close();
});

let dir: ReturnType<typeof tempDir>;
let core: Core;
const events: CoreEvent[] = [];

function open(): void {
  dir = tempDir('scrobbletray-account-protocols-');
  events.length = 0;
  core = new Core({
    dataDir: dir.path,
    env: cliEnv(lastfm, dir.path, { SCROBBLETRAY_LISTENBRAINZ_API_URL: lb.apiUrl }),
  });
  core.events.on((e) => events.push(e));
}
afterEach(async () => {
  await core?.close();
  dir?.cleanup();
});

const call = <T = unknown>(method: string, input: unknown = {}) =>
  dispatch(core, method, input) as Promise<T>;
const card = async (service: string) => {
  const found = (await call<AccountSummary[]>('account.list')).find((a) => a.service === service);
  if (!found) throw new Error(`no card for ${service}`);
  return found;
};
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a refusal'),
    (e: unknown) => errorView(e),
  );

describe('Account cards per protocol', () => {
  it('each built-in card says its protocol, address, switch and where the token is', async () => {
    open();
    const cards = await call<AccountSummary[]>('account.list');
    expect(
      cards.map((c) => [c.service, c.protocol, c.scrobbles, c.scrobbleTo, c.hasApiCredentials]),
    ).toEqual([
      ['lastfm', 'lastfm2', true, true, true],
      ['librefm', 'gnufm', true, true, true],
      ['listenbrainz', 'listenbrainz', true, true, true],
      ['soundcloud', 'soundcloud', false, false, true],
    ]);
    expect(await card('listenbrainz')).toMatchObject({
      url: lb.apiUrl,
      tokenUrl: 'https://listenbrainz.org/settings/',
      custom: false,
    });
  });

  it('a 1.2 server added with its protocol; password sign-in through the contract keeps md5 only', async () => {
    open();
    const added = await call<AccountSummary>('account.addService', {
      name: 'Turtle',
      url: as12.handshakeUrl,
      protocol: 'as12',
    });
    expect(added).toMatchObject({
      service: 'turtle',
      protocol: 'as12',
      url: as12.handshakeUrl,
      custom: true,
      user: null,
    });
    const user = uniqueUser('win-as12');
    const password = `pw-${user}`;
    as12.addUser(user, password);

    // The window offers only what the protocol has: no browser sign-in for 1.2.
    const web = await refusal(call('account.startSignIn', { service: 'turtle', method: 'web' }));
    expect(web).toMatchObject({ kind: 'invalid-input' });
    expect(web.message).toMatch(
      /Turtle does not sign in that way: it takes your user name and password/,
    );

    const wrong = await refusal(
      call('account.signInWithPassword', { service: 'turtle', username: user, password: 'nope' }),
    );
    expect(wrong).toEqual({
      kind: 'invalid-input',
      message: 'Turtle did not accept that user name and password. Check them and try again.',
    });

    const signed = await call<AccountSummary>('account.signInWithPassword', {
      service: 'turtle',
      username: user,
      password,
    });
    expect(signed).toMatchObject({ user, needsSignIn: false, protocol: 'as12', scrobbleTo: true });
    expect(events).toContainEqual({ type: 'account-changed', target: 'turtle' });
    expect(JSON.parse((await secretToolLookup(sessionAccount('turtle', user))) ?? 'null')).toEqual({
      kind: 'password-md5',
      passwordMd5: md5(password),
    });
    const seen = JSON.stringify([signed, await call('account.list'), events]);
    expect(seen).not.toContain(password);
    expect(seen).not.toContain(md5(password));
    expect(filesContainingSecrets(dir.path, [password, md5(password)])).toEqual([]);
  });

  it('ListenBrainz: a token signs in, a bad one is refused with where to find it, no token comes back', async () => {
    open();
    const user = uniqueUser('win-lb');
    const token = `tok-${user}-window`;
    lb.addToken(token, user);

    const pw = await refusal(
      call('account.signInWithPassword', { service: 'listenbrainz', username: 'x', password: 'y' }),
    );
    expect(pw.message).toMatch(/ListenBrainz does not sign in that way: it takes your user token/);
    const onLastfm = await refusal(call('account.signInWithToken', { service: 'lastfm', token }));
    expect(onLastfm.kind).toBe('invalid-input');

    const bad = await refusal(
      call('account.signInWithToken', { service: 'listenbrainz', token: 'wrong-token' }),
    );
    expect(bad).toEqual({
      kind: 'invalid-input',
      message:
        'ListenBrainz did not accept that user token. Copy your user token from https://listenbrainz.org/settings/ and try again.',
    });

    const signed = await call<AccountSummary>('account.signInWithToken', {
      service: 'listenbrainz',
      token,
    });
    expect(signed).toMatchObject({ user, protocol: 'listenbrainz', needsSignIn: false });
    expect(JSON.stringify([signed, await call('account.list'), events])).not.toContain(token);
    expect(filesContainingSecrets(dir.path, [token])).toEqual([]);
    await call('account.signOut', { service: 'listenbrainz' });
    expect(await secretToolLookup(sessionAccount('listenbrainz', user))).toBeNull();
  });

  it('the scrobble-to switch: kept in settings, announced, refused for SoundCloud and unknown ids', async () => {
    open();
    const off = await call<AccountSummary>('account.setScrobbleTo', {
      service: 'librefm',
      on: false,
    });
    expect(off.scrobbleTo).toBe(false);
    expect(events).toContainEqual({ type: 'account-changed', target: 'librefm' });
    await core.close();
    open();
    // A fresh data dir: the switch is per data dir, default on.
    expect((await card('librefm')).scrobbleTo).toBe(true);

    const sc = await refusal(call('account.setScrobbleTo', { service: 'soundcloud', on: true }));
    expect(sc).toMatchObject({ kind: 'invalid-input' });
    expect(sc.message).toMatch(/SoundCloud is an account only/);
    const unknown = await refusal(call('account.setScrobbleTo', { service: 'nope', on: true }));
    expect(unknown.message).toMatch(/Unknown service "nope"/);
    const shape = await refusal(call('account.setScrobbleTo', { service: 'librefm', on: 'no' }));
    expect(shape.message).toMatch(/on: /);
  });

  it('every switch off with accounts signed in: a scrobble is refused in words, nothing queued', async () => {
    open();
    const user = uniqueUser('win-lb-off');
    const token = `tok-${user}-off`;
    lb.addToken(token, user);
    await call('account.signInWithToken', { service: 'listenbrainz', token });
    await call('account.setScrobbleTo', { service: 'listenbrainz', on: false });
    const refused = await refusal(
      call('queue.enqueue', {
        items: [
          { artist: 'Nobody', track: 'Nowhere', timestamp: Math.floor(Date.now() / 1000) - 60 },
        ],
        source: 'manual',
      }),
    );
    expect(refused).toMatchObject({ kind: 'conflict' });
    expect(refused.message).toMatch(/"scrobble to" switch off/);
    expect(core.queue.stats().counts.queued).toBe(0);
    await call('account.signOut', { service: 'listenbrainz' });
  });
});
