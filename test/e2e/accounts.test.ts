import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, expect as pw, type Browser, type Page } from '@playwright/test';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core.js';
import { apiSecretAccount } from '../../src/main/secrets/accounts.js';
import { createKeytarStore } from '../../src/main/secrets/keytar-store.js';
import { startServer, type RunningServer } from '../../src/main/server/server.js';
import { axeCheck, describeViolations } from '../support/axe.js';
import { assertBuilt, CHROMIUM_ARGS, SCREENS } from '../support/e2e-app.js';
import { startFakeAs12, type FakeAs12 } from '../support/fake-as12/index.js';
import { startFakeLastfm, type FakeLastfm } from '../support/fake-lastfm/index.js';
import {
  startFakeListenBrainz,
  type FakeListenBrainz,
} from '../support/fake-listenbrainz/index.js';
import { cliEnv, readSettings, uniqueUser } from '../support/sign-in.js';
import { tempDir } from '../support/temp-dir.js';

// The Account view and the first hour, in Debian's Chromium against `serve`, a real core
// (SQLite in a temp dir, the real keychain under a keychain service of this run's own, so the
// API secrets saved here never meet another test's) and the fake Last.fm, Audioscrobbler 1.2
// and ListenBrainz servers. Each test keeps screenshots in test-results/e2e/.

const KEY = randomBytes(16).toString('hex');
const SECRET = randomBytes(16).toString('hex');
const CHROMIUM = process.env.SCROBBLETRAY_CHROMIUM ?? '/usr/bin/chromium';
let appCount = 0;

interface AccountsApp {
  lastfm: FakeLastfm;
  core: Core;
  page: Page;
  dataDir: string;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

interface AccountsAppOptions {
  /** API key and secret in the environment (as a packaged build's users never have). */
  apiInEnv?: boolean;
  /** settings.json written before the core starts. */
  settings?: Record<string, unknown>;
  /** The keychain's API secret before the core starts (an older version saved it). */
  savedSecret?: string;
  env?: NodeJS.ProcessEnv;
}

let app: AccountsApp | undefined;
const extra: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const e of extra.splice(0)) await e.close();
});

async function openApp(opts: AccountsAppOptions = {}): Promise<AccountsApp> {
  assertBuilt();
  mkdirSync(SCREENS, { recursive: true });
  const lastfm = await startFakeLastfm({ apiKey: KEY, apiSecret: SECRET });
  const dir = tempDir('scrobbletray-e2e-accounts-');
  if (opts.settings) writeFileSync(join(dir.path, 'settings.json'), JSON.stringify(opts.settings));
  const keychainService = `scrobbletray-e2e-${process.pid}-${++appCount}`;
  const secrets = createKeytarStore({ service: keychainService });
  if (opts.savedSecret) await secrets.set(apiSecretAccount('lastfm'), opts.savedSecret);
  const env = cliEnv(lastfm, dir.path, {
    ...(opts.apiInEnv
      ? {}
      : { SCROBBLETRAY_LASTFM_API_KEY: '', SCROBBLETRAY_LASTFM_API_SECRET: '' }),
    ...opts.env,
  });
  const core = new Core({ dataDir: dir.path, env, secrets });
  core.queue.startAutoSend();
  const server: RunningServer = await startServer({ core, port: 0 });
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(server.url);
  return {
    lastfm,
    core,
    page,
    dataDir: dir.path,
    screenshot: async (name) => {
      await page.screenshot({ path: join(SCREENS, `accounts-${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      await server.close();
      // Whatever this run's keychain service holds goes with it.
      for (const id of ['lastfm', 'librefm', 'listenbrainz']) {
        await secrets.delete(apiSecretAccount(id));
        const user = core.accountStore.get(id)?.user;
        if (user) await core.accountStore.signOut(id);
      }
      await core.close();
      await lastfm.close();
      dir.cleanup();
    },
  };
}

async function tab(page: Page, name: 'Queue' | 'Account') {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name, exact: true })
    .click();
}

const card = (page: Page, service: string) => page.locator(`article[data-service="${service}"]`);

const savedApiKey = (dir: string) =>
  (readSettings(dir) as { services?: { lastfm?: { apiKey?: string } } }).services?.lastfm?.apiKey;

/** A loopback port nobody listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The Account view has no serious or critical accessibility violation. */
async function expectAccessible(page: Page) {
  const found = await axeCheck(page, { include: '.account-view' });
  expect(describeViolations(found.serious)).toEqual([]);
}

/** Everything the window shows outside <details> disclosures: what people read first. */
async function visibleWords(page: Page): Promise<string> {
  // A string: this file is type-checked without the DOM's types.
  return page.evaluate<string>(`(() => {
    const clone = document.body.cloneNode(true);
    clone.querySelectorAll('details:not([open]), .failure-details').forEach((d) => d.remove());
    return clone.innerText ?? clone.textContent;
  })()`);
}

describe('first run', () => {
  it('calls the user to sign in from the main view and leads to the Account view', async () => {
    app = await openApp();
    const call = app.page.getByTestId('sign-in-call');
    await pw(call).toContainText('Sign in to start scrobbling.');
    await pw(call).toContainText('Last.fm');
    await app.screenshot('first-run-queue');
    const callChecked = await axeCheck(app.page, { include: '.sign-in-call' });
    expect(describeViolations(callChecked.serious)).toEqual([]);
    await call.getByRole('button', { name: 'Sign in…' }).click();
    await pw(app.page.getByRole('heading', { name: 'Account', level: 1 })).toBeVisible();
    // Last.fm asks for the API account first, saying where to make one.
    const lastfm = card(app.page, 'lastfm');
    await pw(lastfm.getByRole('link', { name: 'Create one on Last.fm' })).toHaveAttribute(
      'href',
      'https://www.last.fm/api/account/create',
    );
    await pw(lastfm.getByLabel('API key')).toBeVisible();
    await pw(app.page.getByTestId('sign-in-call')).toContainText('Choose a service below');
    await app.screenshot('first-run-account');
    await expectAccessible(app.page);
  });

  it('refuses a wrong API key in plain words and saves nothing', async () => {
    app = await openApp();
    await tab(app.page, 'Account');
    const lastfm = card(app.page, 'lastfm');
    await lastfm.getByLabel('API key').fill(randomBytes(16).toString('hex'));
    await lastfm.getByLabel('Shared secret').fill(SECRET);
    await lastfm.getByRole('button', { name: 'Check and save API key' }).click();
    const failure = lastfm.getByTestId('api-key-failure');
    await pw(failure).toContainText('Last.fm does not know this API key.');
    // The field at fault says so too, for assistive technology as well.
    await pw(lastfm.getByLabel('API key')).toHaveAttribute('aria-invalid', 'true');
    // The technical answer is one click away, not in the sentence.
    await pw(failure.getByRole('alert')).not.toContainText('error 10');
    await failure.getByText('Details').click();
    await pw(failure.locator('pre')).toContainText('Invalid API key');
    await app.screenshot('wrong-key');
    expect(savedApiKey(app.dataDir)).toBeUndefined();
    await pw(lastfm.getByRole('button', { name: /^Sign in with Last\.fm/ })).toHaveCount(0);
    await expectAccessible(app.page);
  });

  it('notices a key and secret given the wrong way round and swaps them on request', async () => {
    app = await openApp();
    await tab(app.page, 'Account');
    const lastfm = card(app.page, 'lastfm');
    await lastfm.getByLabel('API key').fill(SECRET);
    await lastfm.getByLabel('Shared secret').fill(KEY);
    await lastfm.getByRole('button', { name: 'Check and save API key' }).click();
    await pw(lastfm.getByTestId('api-key-failure')).toContainText(
      'The API key and shared secret are the wrong way round',
    );
    expect(savedApiKey(app.dataDir)).toBeUndefined();
    await app.screenshot('swapped-key');
    await lastfm.getByRole('button', { name: 'Swap them and save' }).click();
    await pw(lastfm.getByRole('button', { name: 'Sign in with Last.fm' })).toBeVisible();
    expect(savedApiKey(app.dataDir)).toBe(KEY);
  });
});

describe('a saved key that stopped working', () => {
  it('fails sign-in at once where the user clicked, and a new key entered on the card works', async () => {
    const badKey = randomBytes(16).toString('hex');
    app = await openApp({
      settings: { services: { lastfm: { apiKey: badKey } } },
      savedSecret: randomBytes(16).toString('hex'),
    });
    const user = uniqueUser('e2e-key');
    app.lastfm.addUser(user, 'pw');
    await tab(app.page, 'Account');
    const lastfm = card(app.page, 'lastfm');
    await lastfm.getByRole('button', { name: 'Sign in with Last.fm' }).click();
    await pw(lastfm.getByTestId('failure-lastfm')).toContainText(
      'Last.fm does not know this API key. Enter the API key and shared secret again.',
    );
    // Nothing waits for an approval that cannot come.
    await pw(lastfm.getByText('Waiting for approval…')).toHaveCount(0);
    await app.screenshot('saved-key-refused');

    await lastfm.getByText('Change API key').click();
    const change = lastfm.locator('details.change-key');
    await change.getByLabel('API key').fill(KEY);
    await change.getByLabel('Shared secret').fill(SECRET);
    await change.getByRole('button', { name: 'Check and save API key' }).click();
    await pw(change).not.toHaveAttribute('open', '');
    expect(savedApiKey(app.dataDir)).toBe(KEY);

    const [popup] = await Promise.all([
      app.page.waitForEvent('popup'),
      lastfm.getByRole('button', { name: 'Sign in with Last.fm' }).click(),
    ]);
    await popup.waitForLoadState();
    await popup.locator('select[name=user]').selectOption(user);
    await popup.getByRole('button', { name: /allow/i }).click();
    await pw(lastfm).toContainText(`Signed in as ${user}`, { timeout: 10_000 });
    await popup.close();
    await pw(app.page.getByTestId('sign-in-call')).toHaveCount(0);
    await app.screenshot('key-changed-signed-in');

    // Signed out of the only service, with nothing queued: the call to sign in is back.
    await lastfm.getByRole('button', { name: 'Sign out' }).click();
    await app.page
      .getByRole('dialog')
      .getByRole('button', { name: 'Sign out', exact: true })
      .click();
    await tab(app.page, 'Queue');
    await pw(app.page.getByTestId('sign-in-call')).toContainText('Sign in to start scrobbling.');
  });
});

describe('sign-in failures where the user acted', () => {
  it('a server that cannot be reached fails at once, in plain words', async () => {
    const port = await closedPort();
    app = await openApp({
      apiInEnv: true,
      settings: {
        services: {
          librefm: {
            apiUrl: `http://127.0.0.1:${port}/2.0/`,
            authUrl: `http://127.0.0.1:${port}/api/auth/`,
          },
        },
      },
    });
    await tab(app.page, 'Account');
    const librefm = card(app.page, 'librefm');
    const started = Date.now();
    await librefm.getByRole('button', { name: 'Sign in with Libre.fm' }).click();
    const failure = librefm.getByTestId('failure-librefm');
    await pw(failure).toContainText(`Could not reach Libre.fm (127.0.0.1:${port}).`, {
      timeout: 5_000,
    });
    // Well before any sign-in timeout: the card never sat at "Waiting for approval…".
    expect(Date.now() - started).toBeLessThan(5_000);
    await pw(librefm.getByText('Waiting for approval…')).toHaveCount(0);
    await failure.getByText('Details').click();
    await pw(failure.locator('pre')).toContainText('connection refused');
    await app.screenshot('unreachable');
    const words = await visibleWords(app.page);
    expect(words).not.toMatch(/auth\.getToken|Last\.fm error \d|scrobbletray login/);
  });

  it('a wrong password is refused on the card, in plain words', async () => {
    app = await openApp({ apiInEnv: true });
    const user = uniqueUser('e2e-pw');
    app.lastfm.addUser(user, 'right-password');
    await tab(app.page, 'Account');
    const lastfm = card(app.page, 'lastfm');
    await lastfm.getByText('Other ways to sign in').click();
    await lastfm.getByLabel('User name', { exact: true }).fill(user);
    await lastfm.getByLabel('Password', { exact: true }).fill('wrong-password');
    await lastfm.getByRole('button', { name: 'Sign in with password' }).click();
    await pw(lastfm.getByTestId('password-failure')).toContainText(
      'Last.fm did not accept that user name and password.',
    );
  });

  it('a revoked sign-in reads as one state: needs sign-in, never also signed in', async () => {
    app = await openApp({ apiInEnv: true });
    const user = uniqueUser('e2e-revoked');
    app.lastfm.addUser(user, 'pw');
    const key = app.lastfm.createSession(user);
    await app.core.accountStore.signIn('lastfm', user, key);
    app.lastfm.revokeSession(key);
    app.core.queue.enqueue(
      [{ artist: 'Broadcast', track: 'Papercuts', timestamp: Math.floor(Date.now() / 1000) - 60 }],
      'manual',
    );
    await app.core.queue.flush('lastfm');
    await app.page.reload();
    await tab(app.page, 'Account');
    const lastfm = card(app.page, 'lastfm');
    await pw(lastfm).toHaveAttribute('data-state', 'needs-sign-in');
    await pw(lastfm.getByTestId('account-state')).toContainText('Needs sign-in.');
    await pw(lastfm.getByTestId('account-state')).toContainText(user);
    await pw(lastfm).not.toContainText('Signed in as');
    await pw(lastfm.getByRole('button', { name: 'Sign in to Last.fm again' })).toBeVisible();
    await app.screenshot('revoked');
    await expectAccessible(app.page);
  });
});

describe('a card per protocol', () => {
  it('Audioscrobbler 1.2: a server added with its protocol signs in with user name and password', async () => {
    const as12: FakeAs12 = await startFakeAs12({ users: { tester: 'testpass' } });
    extra.push(as12);
    app = await openApp({ apiInEnv: true });
    await tab(app.page, 'Account');
    await app.page.getByText('Add a server of your own…').click();
    await app.page.getByLabel('What the server speaks').selectOption('as12');
    await app.page.getByLabel('Name', { exact: true }).fill('Home turtle');
    await app.page.getByLabel('Server address').fill(as12.handshakeUrl);
    await app.page.getByRole('button', { name: 'Add server' }).click();
    const home = app.page.locator('article.card', {
      has: app.page.getByRole('heading', { name: 'Home turtle' }),
    });
    await pw(home).toContainText('Audioscrobbler 1.2');
    await home.getByLabel('User name', { exact: true }).fill('tester');
    await home.getByLabel('Password', { exact: true }).fill('wrong');
    await home.getByRole('button', { name: 'Sign in with password' }).click();
    await pw(home.getByTestId('password-failure')).toBeVisible();
    await home.getByLabel('Password', { exact: true }).fill('testpass');
    await home.getByRole('button', { name: 'Sign in with password' }).click();
    await pw(home).toContainText('Signed in as tester', { timeout: 10_000 });
    await pw(home.getByRole('switch', { name: 'Send new scrobbles to Home turtle' })).toBeChecked();
    await app.screenshot('as12-signed-in');
    await expectAccessible(app.page);
    const service = await home.getAttribute('data-service');
    await home.getByRole('button', { name: 'Remove server' }).click();
    await app.page.getByRole('dialog').getByRole('button', { name: 'Remove server' }).click();
    await pw(app.page.locator(`article[data-service="${service}"]`)).toHaveCount(0);
  });

  it('ListenBrainz: the user token, with where to find it, and the scrobble-to switch', async () => {
    const token = randomBytes(16).toString('hex');
    const lb: FakeListenBrainz = await startFakeListenBrainz({ tokens: { [token]: 'lbuser' } });
    extra.push(lb);
    app = await openApp({ apiInEnv: true, env: { SCROBBLETRAY_LISTENBRAINZ_API_URL: lb.apiUrl } });
    await tab(app.page, 'Account');
    const listenbrainz = card(app.page, 'listenbrainz');
    await pw(
      listenbrainz.getByRole('link', { name: 'your ListenBrainz settings page' }),
    ).toHaveAttribute('href', 'https://listenbrainz.org/settings/');
    await listenbrainz
      .getByLabel('User token', { exact: true })
      .fill(randomBytes(16).toString('hex'));
    await listenbrainz.getByRole('button', { name: 'Sign in with token' }).click();
    await pw(listenbrainz.getByTestId('token-failure')).toContainText('user token');
    await app.screenshot('listenbrainz-wrong-token');
    await listenbrainz.getByLabel('User token', { exact: true }).fill(token);
    await listenbrainz.getByRole('button', { name: 'Sign in with token' }).click();
    await pw(listenbrainz).toContainText('Signed in as lbuser', { timeout: 10_000 });
    // The token never comes back to the window.
    expect(await app.page.content()).not.toContain(token);

    const toggle = listenbrainz.getByRole('switch', { name: 'Send new scrobbles to ListenBrainz' });
    await pw(toggle).toBeChecked();
    await toggle.press('Space');
    await pw(toggle).not.toBeChecked();
    const summary = (await app.core.accounts.list()).find((a) => a.service === 'listenbrainz');
    expect(summary?.scrobbleTo).toBe(false);
    await app.screenshot('listenbrainz-signed-in');
    await expectAccessible(app.page);
  });
});
