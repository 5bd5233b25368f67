// Web sign-in end to end against the fake Last.fm and the real keychain (run through
// scripts/with-keyring.sh). The test plays the browser: it loads the fake's auth page,
// clicks Allow, and follows the redirect to the app's loopback callback itself.
import { setTimeout as delay } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { SignInCancelledError, SignInError } from '../../src/main/auth/auth-api.js';
import { Core } from '../../src/main/core.js';
import { sessionAccount } from '../../src/main/secrets/accounts.js';
import { createKeytarStore } from '../../src/main/secrets/keytar-store.js';
import { cli, cliProcess } from '../support/cli.js';
import { approveInBrowser, type FakeLastfm } from '../support/fake-lastfm/index.js';
import {
  callbackPort,
  callsTo,
  cliEnv,
  cliInTerminal,
  defined,
  portRefuses,
  rawRequest,
  readSettings,
  readSettingsText,
  secretToolLookup,
  uniqueUser,
  until,
} from '../support/sign-in.js';
import { signInSuite } from '../support/sign-in-suite.js';
import { filesContainingSecrets } from '../support/temp-dir.js';

const suite = signInSuite('web');
const { dataDir, cleanup } = suite;
let fake: FakeLastfm;
beforeAll(() => {
  fake = suite.fake;
});

describe('web sign-in through the CLI (child process)', () => {
  it('prints the auth URL, catches the redirect, and keeps the key only in the keychain', async () => {
    const dir = dataDir();
    const env = cliEnv(fake, dir);
    // The only test that signs in as the fake's default "alice"; it signs out afterwards.
    cleanup(async () => void (await cli(['logout'], env)));

    const login = cliProcess(['login', '--no-browser'], env);
    const [authUrl] = await login.waitFor(/http:\/\/127\.0\.0\.1:\d+\/api\/auth\/\?\S+/);
    const params = new URL(authUrl).searchParams;
    expect(params.get('api_key')).toBe(fake.apiKey);
    expect(params.get('cb')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?state=[\w-]{20,}$/);

    // The browser: Allow on the service's page, then follow its redirect to the callback.
    const { redirect } = await approveInBrowser(authUrl, 'alice');
    expect(redirect).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?state=.+&token=[0-9a-f]{32}$/);
    const page = await fetch(defined(redirect, 'a redirect'));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toMatch(/close this tab/i);

    const run = await login.done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Signed in to Last.fm as alice');
    expect(await portRefuses(callbackPort(authUrl))).toBe(true);

    const who = await cli(['whoami', '--json'], env);
    expect(who.code).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({
      service: 'lastfm',
      user: 'alice',
      needsSignIn: false,
    });

    // The keychain item, as libsecret's own tool sees it, is what keytar reads back...
    const sessionKey = await secretToolLookup('session:lastfm:alice');
    expect(sessionKey).toMatch(/^[0-9a-f]{32}$/);
    expect(await createKeytarStore().get(sessionAccount('lastfm', 'alice'))).toBe(sessionKey);
    // ...and it is the key the fake issued: the fake accepts a scrobble signed with it.
    const scrobbled = await cli(
      ['scrobble', '--artist', 'Web Artist', '--track', 'Web Track'],
      env,
    );
    expect(scrobbled.code, scrobbled.stderr).toBe(0);
    expect(fake.scrobbles.filter((s) => s.track === 'Web Track').map((s) => s.user)).toEqual([
      'alice',
    ]);

    // Settings know who, not the key; no file, output or browser page holds a secret.
    const settings = readSettings(dir) as {
      services?: { lastfm?: { account?: { user?: string } } };
    };
    expect(settings.services?.lastfm?.account?.user).toBe('alice');
    const key = defined(sessionKey, 'a session key');
    expect(readSettingsText(dir)).not.toContain(key);
    expect(filesContainingSecrets(dir, [key, fake.apiSecret])).toEqual([]);
    for (const text of [
      run.stdout,
      run.stderr,
      who.stdout,
      scrobbled.stdout,
      scrobbled.stderr,
      html,
    ]) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(fake.apiSecret);
    }
  });

  it('cancels on Ctrl+C in a terminal', async () => {
    const dir = dataDir();
    const term = cliInTerminal(['login', '--no-browser'], cliEnv(fake, dir));
    cleanup(() => term.kill());
    await term.waitFor(/http:\/\/127\.0\.0\.1:\d+\/api\/auth\/\?\S+/);
    // Raw mode would turn Ctrl+C into a keystroke nobody reads, and login would wait on.
    await term.waitFor(/Ctrl\+C to cancel/);

    term.type('\x03');
    const patience = new AbortController();
    const exit = await Promise.race([
      term.done,
      delay(10_000, null, { signal: patience.signal }),
    ]).finally(() => patience.abort());
    expect(exit, 'login still running 10 s after Ctrl+C').not.toBeNull();
    const { code, output } = defined(exit, 'an exit');
    expect(code).toBe(1);
    expect(output).toMatch(/Sign-in was cancelled/);
    expect(readSettings(dir)).toEqual({});
  });
});

describe('the loopback callback during a real sign-in (SignInService)', () => {
  /** A core over a fresh data dir and the fake, closed after the test. */
  function newCore(): Core {
    const dir = dataDir();
    const core = new Core({ dataDir: dir, env: cliEnv(fake, dir) });
    cleanup(() => core.close());
    return core;
  }

  /** Starts a web sign-in; `url` resolves with the auth page URL it would open. */
  function beginWeb(core: Core, opts: { timeoutMs?: number; signal?: AbortSignal } = {}) {
    let opened!: (url: string) => void;
    const url = new Promise<string>((resolve) => (opened = resolve));
    const result = core.signIn.web('lastfm', { openUrl: (u) => opened(u), ...opts });
    result.catch(() => undefined); // observed by each test
    return { url, result };
  }

  it('refuses a wrong state, a foreign Host and a second callback, and still signs in', async () => {
    const core = newCore();
    const user = uniqueUser('web');
    fake.addUser(user, 'pw');
    cleanup(async () => void (await core.signIn.signOut('lastfm')));

    const { url, result } = beginWeb(core);
    const authUrl = await url;
    const { redirect } = await approveInBrowser(authUrl, user);
    const callback = new URL(defined(redirect, 'a redirect'));

    // Someone else's link (or a forged one): the state is not the one this sign-in made. The
    // page must not echo the request either.
    const forged = new URL(callback);
    forged.searchParams.set('state', '<b>forged</b>');
    const wrongState = await rawRequest(forged.href);
    expect(wrongState.status).toBe(400);
    expect(wrongState.body).toMatch(/not the one Scrobbletray is waiting for/);
    expect(wrongState.body).not.toContain('<b>forged');

    // DNS rebinding: a page on another origin that resolves to 127.0.0.1 sends its own Host.
    const rebound = await rawRequest(callback.href, { host: `evil.example:${callback.port}` });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain(defined(callback.searchParams.get('token'), 'a token'));

    // None of that spent the single use: the real callback still works. Its token exchange is
    // held back so a second callback arrives while the first is being answered.
    const exchanges = callsTo(fake, 'auth.getSession');
    fake.injectFault({ kind: 'delay', ms: 400 }, { method: 'auth.getSession' });
    const first = rawRequest(callback.href);
    await until(() => callsTo(fake, 'auth.getSession') > exchanges, 'the token exchange');
    const second = await rawRequest(callback.href);
    expect(second.status).toBe(410);
    expect(second.body).toMatch(/already been used/);

    const answered = await first;
    expect(answered.status).toBe(200);
    expect(answered.body).toMatch(/close this tab/i);
    expect(await result).toMatchObject({ serviceId: 'lastfm', user });
    // After success nothing listens: a third callback cannot even connect.
    expect(await portRefuses(Number(callback.port))).toBe(true);
    await expect(rawRequest(callback.href)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    const sessionKey = defined(await secretToolLookup(sessionAccount('lastfm', user)), 'a key');
    expect(sessionKey).toMatch(/^[0-9a-f]{32}$/);
    expect(filesContainingSecrets(core.dataDir, [sessionKey, fake.apiSecret])).toEqual([]);
  });

  it('times out with a clear error, after which the port refuses connections', async () => {
    const core = newCore();
    const { url, result } = beginWeb(core, { timeoutMs: 300 });
    const port = callbackPort(await url);
    expect(await portRefuses(port)).toBe(false);

    const error = await result.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SignInError);
    expect((error as Error).message).toMatch(/in time: start signing in again/);
    expect(await portRefuses(port)).toBe(true);
    expect(core.accountStore.get('lastfm')).toBeNull();
  });

  it('stops on cancel (AbortSignal) and closes the port', async () => {
    const core = newCore();
    const abort = new AbortController();
    const { url, result } = beginWeb(core, { signal: abort.signal });
    const authUrl = await url;
    const port = callbackPort(authUrl);

    abort.abort();
    await expect(result).rejects.toBeInstanceOf(SignInCancelledError);
    expect(await portRefuses(port)).toBe(true);
    // Approving in the browser afterwards leads nowhere and signs nobody in.
    const { redirect } = await approveInBrowser(authUrl, 'alice');
    await expect(rawRequest(defined(redirect, 'a redirect'))).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    expect(core.accountStore.get('lastfm')).toBeNull();
  });

  it('does not sign in when cancelled while the token is being exchanged', async () => {
    const core = newCore();
    const user = uniqueUser('web-late-cancel');
    fake.addUser(user, 'pw');
    cleanup(async () => void (await core.signIn.signOut('lastfm')));
    const abort = new AbortController();
    const { url, result } = beginWeb(core, { signal: abort.signal });
    const { redirect } = await approveInBrowser(await url, user);

    const exchanges = callsTo(fake, 'auth.getSession');
    fake.injectFault({ kind: 'delay', ms: 300 }, { method: 'auth.getSession' });
    const tab = rawRequest(defined(redirect, 'a redirect'));
    await until(() => callsTo(fake, 'auth.getSession') > exchanges, 'the token exchange');
    abort.abort();

    await expect(result).rejects.toBeInstanceOf(SignInCancelledError);
    const page = await tab;
    expect(page.status).toBe(503);
    expect(page.body).toMatch(/cancelled/);
    // What the tab says is what happened: nobody was signed in.
    expect(core.accountStore.get('lastfm')).toBeNull();
    expect(await secretToolLookup(sessionAccount('lastfm', user))).toBeNull();
  });

  it('replaces a pending sign-in cleanly when a second one starts', async () => {
    const core = newCore();
    const user = uniqueUser('web-second');
    fake.addUser(user, 'pw');
    cleanup(async () => void (await core.signIn.signOut('lastfm')));

    const older = beginWeb(core);
    const olderUrl = await older.url;
    const newer = beginWeb(core);
    const newerUrl = await newer.url;

    const error = await older.result.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SignInCancelledError);
    expect((error as Error).message).toMatch(/newer sign-in/);
    expect(await portRefuses(callbackPort(olderUrl))).toBe(true);
    expect(callbackPort(newerUrl)).not.toBe(callbackPort(olderUrl));

    const { redirect } = await approveInBrowser(newerUrl, user);
    const page = await rawRequest(defined(redirect, 'a redirect'));
    expect(page.status).toBe(200);
    expect(await newer.result).toMatchObject({ user });
    expect(core.accountStore.get('lastfm')).toMatchObject({ user });
    expect(await secretToolLookup(sessionAccount('lastfm', user))).toMatch(/^[0-9a-f]{32}$/);
  });
});
