import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { Core } from '../../src/main/core.js';
import { startServer, type RunningServer } from '../../src/main/server/server.js';
import { startFakeLastfm, type FakeLastfm, type FakeLastfmOptions } from './fake-lastfm/index.js';
import { cliEnv } from './sign-in.js';
import { tempDir } from './temp-dir.js';

// The window as a user meets it in headless mode: the built UI (dist/renderer), served by
// `serve`'s server over a real core (SQLite in a temp dir, the real keychain), backed by the
// fake Last.fm, in Debian's Chromium.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENS = join(ROOT, 'test-results', 'e2e');
const CHROMIUM = process.env.SCROBBLETRAY_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface E2eApp {
  fake: FakeLastfm;
  core: Core;
  server: RunningServer;
  browser: Browser;
  page: Page;
  dataDir: string;
  /** Keep a screenshot as a test artifact (test-results/e2e/NAME.png). */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export function assertBuilt(): void {
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('The window is not built: run `npm run build` first (npm test does).');
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's chromium (npm test does as root).`,
    );
  }
}

export async function e2eApp(
  opts: { fake?: FakeLastfmOptions; signedInAs?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<E2eApp> {
  assertBuilt();
  mkdirSync(SCREENS, { recursive: true });
  const fake = await startFakeLastfm(opts.fake);
  const dir = tempDir();
  const core = new Core({ dataDir: dir.path, env: { ...cliEnv(fake, dir.path), ...opts.env } });
  if (opts.signedInAs) {
    fake.addUser(opts.signedInAs, 'e2e-password');
    await core.accountStore.signIn('lastfm', opts.signedInAs, fake.createSession(opts.signedInAs));
  }
  core.queue.startAutoSend();
  const server = await startServer({ core, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.url);
  return {
    fake,
    core,
    server,
    browser,
    page,
    dataDir: dir.path,
    screenshot: async (name) => {
      await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      await server.close();
      await core.close();
      await fake.close();
      dir.cleanup();
    },
  };
}
