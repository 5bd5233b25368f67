import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect as pw, type Browser, type Page } from '@playwright/test';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core.js';
import { startServer, type RunningServer } from '../../src/main/server/server.js';
import { axeCheck, describeViolations } from '../support/axe.js';
import { assertBuilt, CHROMIUM_ARGS, SCREENS } from '../support/e2e-app.js';
import { startFakeLastfm, type FakeLastfm } from '../support/fake-lastfm/index.js';
import { cliEnv, uniqueUser } from '../support/sign-in.js';
import { tempDir } from '../support/temp-dir.js';

// The Queue and History as a user with two services meets them, in Debian's Chromium against
// `serve`: the real core (SQLite in a temp dir, the real keychain), Last.fm played by the fake
// and Libre.fm by a second fake in its GNU FM dialect. A play goes to both (fan-out) and shows
// as one line with each service's status. Screenshots are kept in test-results/e2e/.

interface TwoServiceApp {
  lastfm: FakeLastfm;
  librefm: FakeLastfm;
  user: string;
  core: Core;
  server: RunningServer;
  browser: Browser;
  page: Page;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

let app: TwoServiceApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function twoServices(
  opts: { librefm?: boolean; width?: number } = {},
): Promise<TwoServiceApp> {
  assertBuilt();
  const lastfm = await startFakeLastfm();
  const librefm = await startFakeLastfm({ flavor: 'gnufm' });
  const dir = tempDir();
  // Libre.fm's URLs point at the GNU FM fake, as a user's settings.json would.
  writeFileSync(
    join(dir.path, 'settings.json'),
    JSON.stringify({ services: { librefm: { apiUrl: librefm.apiUrl, authUrl: librefm.authUrl } } }),
  );
  const core = new Core({ dataDir: dir.path, env: cliEnv(lastfm, dir.path) });
  const user = uniqueUser('e2e-history');
  lastfm.addUser(user, 'pw');
  await core.accountStore.signIn('lastfm', user, lastfm.createSession(user));
  if (opts.librefm !== false) {
    librefm.addUser(user, 'pw');
    await core.accountStore.signIn('librefm', user, librefm.createSession(user));
  }
  core.queue.startAutoSend();
  const server = await startServer({ core, port: 0 });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage({ viewport: { width: opts.width ?? 1280, height: 800 } });
  await page.goto(server.url);
  return {
    lastfm,
    librefm,
    user,
    core,
    server,
    browser,
    page,
    screenshot: async (name) => {
      await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      await server.close();
      // Signed-in sessions live in the real keychain: leave nothing behind.
      await core.accountStore.signOut?.('lastfm').catch(() => undefined);
      await core.accountStore.signOut?.('librefm').catch(() => undefined);
      await core.close();
      await lastfm.close();
      await librefm.close();
      dir.cleanup();
    },
  };
}

async function tab(page: Page, name: 'Queue' | 'History') {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name, exact: true })
    .click();
}

function historyRow(page: Page, track: string) {
  return page
    .getByRole('grid', { name: 'Scrobble history' })
    .getByRole('row')
    .filter({ hasText: track });
}

const minutesAgo = (m: number) => Math.floor(Date.now() / 1000) - m * 60;

describe('Queue and History with two services', () => {
  it('shows a fanned-out play once, with each service’s status, and filters by service', async () => {
    app = await twoServices();
    const { core, page } = app;
    // Stereolab: both accept. Sent again at the same second: GNU FM says duplicate (91).
    const at = minutesAgo(30);
    core.queue.enqueue([{ artist: 'Stereolab', track: 'French Disko', timestamp: at }], 'manual');
    await pw.poll(() => app?.librefm.scrobbles.length, { timeout: 10_000 }).toBe(1);
    core.queue.enqueue([{ artist: 'Stereolab', track: 'French Disko', timestamp: at }], 'manual');
    await pw.poll(() => core.queue.stats('librefm').counts.ignored, { timeout: 10_000 }).toBe(1);
    // Broadcast: Libre.fm is paused, so it waits there.
    core.queue.pause('librefm');
    core.queue.enqueue(
      [{ artist: 'Broadcast', track: 'Tears in the Typing Pool', timestamp: minutesAgo(10) }],
      'manual',
    );
    await pw.poll(() => app?.lastfm.scrobbles.length, { timeout: 10_000 }).toBe(3);

    await tab(page, 'History');
    await page.getByLabel('Show').selectOption('all');
    const waiting = historyRow(page, 'Tears in the Typing Pool');
    await pw(waiting).toContainText(
      'Accepted by Last.fm · Waiting for Libre.fm: sending is paused',
    );
    const duplicate = historyRow(page, 'French Disko').first();
    await pw(page.getByRole('grid', { name: 'Scrobble history' })).toContainText(
      'Accepted by Last.fm · Ignored by Libre.fm: duplicate',
    );
    await pw(duplicate).toBeVisible();
    // Two plays, not six rows: French Disko sent twice at the same second is one play.
    await pw(page.getByTestId('history-total')).toHaveText('2 plays');
    await app.screenshot('history-fan-out');

    await page.getByLabel('Service').selectOption('librefm');
    await pw(page.getByTestId('history-total')).toHaveText('3 plays');
    await page.getByLabel('Show').selectOption('ignored');
    await pw(page.getByTestId('history-total')).toHaveText('1 play');
    await pw(page.getByRole('grid', { name: 'Scrobble history' })).toContainText(
      'Ignored by Libre.fm: duplicate',
    );

    // The Queue: the waiting play says why it waits, and which service has it.
    await tab(page, 'Queue');
    const row = page.locator('tr[data-state=queued]');
    await pw(row).toContainText('Tears in the Typing Pool');
    await pw(row).toContainText('Accepted by Last.fm');
    await pw(row).toContainText('Waiting for Libre.fm: sending is paused');
    await pw(row.locator('.detail')).toContainText('Not sent yet: sending is paused');
    await pw(row).not.toContainText('Waiting to be sent.');
    await page.getByLabel('Service').selectOption('lastfm');
    await pw(page.getByText('Nothing waiting for Last.fm.')).toBeVisible();
    await page.getByLabel('Service').selectOption('librefm');
    await pw(page.locator('tr[data-state=queued]')).toContainText('Tears in the Typing Pool');
    await app.screenshot('queue-fan-out');
  });

  it('History: every state in the filter, details of each answer, scrobble again, love, remove with undo', async () => {
    app = await twoServices();
    const { core, page, lastfm, user } = app;
    core.queue.enqueue(
      [
        {
          artist: 'the beatles',
          track: 'Something',
          album: 'Abbey Road',
          timestamp: minutesAgo(20),
        },
      ],
      'manual',
    );
    await pw.poll(() => core.queue.stats().counts.accepted, { timeout: 10_000 }).toBe(2);

    await tab(page, 'History');
    const options = await page.getByLabel('Show').locator('option').allTextContents();
    expect(options).toEqual([
      'Accepted',
      'Ignored',
      'Failed',
      'Waiting to be sent',
      'Retrying',
      'Accepted, ignored or failed',
      'Everything, including waiting',
    ]);
    const grid = page.getByRole('grid', { name: 'Scrobble history' });
    await pw(grid).toContainText('Corrected by Last.fm: Artist: the beatles → The Beatles');

    await historyRow(page, 'Something')
      .getByRole('button', { name: /^Details of/ })
      .click();
    const panel = page.getByRole('dialog', { name: 'Scrobble details' });
    await pw(panel.locator('[data-service=lastfm]')).toContainText('Corrected by Last.fm');
    await pw(panel.locator('[data-service=lastfm]')).toContainText(
      'Recorded as: Artist: the beatles → The Beatles',
    );
    await pw(panel.locator('[data-service=librefm]')).toContainText('Corrected by Libre.fm');
    await panel.locator('[data-service=lastfm]').getByText('Details').click();
    await pw(panel.locator('[data-service=lastfm] dl')).toContainText('The Beatles — Something');
    await app.screenshot('history-details');

    await panel.getByRole('button', { name: 'Love on Last.fm', exact: true }).click();
    await pw.poll(() => lastfm.loved(user).map((t) => t.track)).toEqual(['Something']);
    await panel.getByRole('button', { name: 'Unlove on Last.fm', exact: true }).click();
    await pw.poll(() => lastfm.loved(user).length).toBe(0);
    // Libre.fm is the GNU FM dialect: it has loved tracks too, through the same 2.0 API.
    await pw(panel.getByRole('button', { name: 'Love on Libre.fm', exact: true })).toBeVisible();

    // Again, to Last.fm only.
    await panel.getByRole('checkbox', { name: 'Libre.fm' }).uncheck();
    await panel.getByRole('button', { name: 'Scrobble again' }).click();
    await pw(page.getByTestId('status-message')).toContainText('again, now (to Last.fm)');
    await pw.poll(() => lastfm.scrobbles.length, { timeout: 10_000 }).toBe(2);
    expect(app.librefm.scrobbles).toHaveLength(1);
    await pw(page.getByTestId('history-total')).toHaveText('2 plays', { timeout: 10_000 });

    // Remove the first play (both services), then undo.
    const rowsBefore = core.queue.list({ limit: 100 }).total;
    const older = historyRow(page, 'Something').last();
    await older.getByRole('button', { name: /^Details of/ }).click();
    await panel.getByRole('button', { name: 'Remove' }).click();
    await pw(page.getByTestId('undo-bar')).toContainText('Removed “Something” by the beatles.');
    await pw(page.getByTestId('history-total')).toHaveText('1 play', { timeout: 10_000 });
    expect(core.queue.list({ limit: 100 }).total).toBe(rowsBefore - 2);
    await app.screenshot('history-undo-offered');
    await page.getByTestId('undo-bar').getByRole('button', { name: 'Undo' }).click();
    await pw(page.getByTestId('history-total')).toHaveText('2 plays', { timeout: 10_000 });
    expect(core.queue.list({ limit: 100 }).total).toBe(rowsBefore);
    await pw(grid).toContainText('Corrected by Last.fm: Artist: the beatles → The Beatles');
  });
});

describe('words for people and live statuses', () => {
  it('a failed send reads in plain words, with the server’s text under Details; the bar clears once a retry succeeds', async () => {
    app = await twoServices({ librefm: false });
    const { core, page, lastfm } = app;
    lastfm.injectFault({ kind: 'status', status: 503 }, { method: 'track.scrobble' });
    core.queue.enqueue(
      [{ artist: 'Portishead', track: 'Roads', timestamp: minutesAgo(5) }],
      'manual',
    );
    await tab(page, 'Queue');
    const row = page.locator('tr[data-state=retrying]');
    await pw(row).toContainText('Roads', { timeout: 10_000 });
    const detail = row.locator('.detail');
    await pw(detail).toContainText('could not be reached or had a temporary problem');
    const words = (await detail.textContent()) ?? '';
    expect(words).not.toMatch(/track\.scrobble|HTTP|\b503\b|127\.0\.0\.1|scrobbletray /);
    // The bar and the row tell the same next try.
    const hold = page.getByTestId('status-hold');
    await pw(hold).toContainText('Service unreachable · next try');
    const barWhen = ((await hold.textContent()) ?? '').replace(/^.*next try /, '');
    await pw(detail).toContainText(`next try ${barWhen}`);
    // The raw answer is one click away.
    await row.getByText('Details').click();
    await pw(row.locator('.raw-details pre')).toContainText('503');
    await app.screenshot('queue-plain-words');

    lastfm.clearFaults();
    await page.getByRole('button', { name: 'Send now' }).click();
    await pw(page.getByText('Nothing waiting.')).toBeVisible({ timeout: 10_000 });
    // No reload: the bar leaves "unreachable" by itself.
    await pw(hold).toHaveCount(0, { timeout: 10_000 });
    expect(lastfm.scrobbles.map((s) => s.track)).toEqual(['Roads']);
  });
});

describe('narrow windows and accessibility', () => {
  it('at 420 px no word breaks mid-word in the header, the Queue, History or the album preview', async () => {
    app = await twoServices({ width: 420 });
    const { core, page } = app;
    core.queue.pause('librefm');
    core.queue.enqueue(
      [
        {
          artist: 'Godspeed You! Black Emperor',
          track: 'Storm',
          album: 'Lift Your Skinny Fists Like Antennas to Heaven',
          timestamp: minutesAgo(30),
        },
      ],
      'manual',
    );
    await pw.poll(() => core.queue.stats('lastfm').counts.accepted, { timeout: 10_000 }).toBe(1);

    await tab(page, 'Queue');
    await pw(page.locator('tr[data-state=queued]')).toContainText('Storm');
    expect(await brokenWords(page, '.app-header, .queue-table')).toEqual([]);
    // The header is one line: every tab and Scrobble… share it (tabs scroll sideways).
    expect(await headerLines(page)).toBe(1);
    await app.screenshot('narrow-queue');
    // The last tab, out of sight at first, is reached and scrolled into view.
    const views = page.getByRole('navigation', { name: 'Views' });
    await views.getByRole('button', { name: 'Import', exact: true }).click();
    await pw(page.getByRole('heading', { name: 'Import', exact: true })).toBeVisible();
    expect(await currentTabInSight(page)).toBe(true);
    await app.screenshot('narrow-import-tab');
    await page.keyboard.press('Control+1');
    expect(await currentTabInSight(page)).toBe(true);
    await tab(page, 'History');
    await pw(page.getByRole('grid', { name: 'Scrobble history' })).toContainText('Storm');
    expect(await brokenWords(page, '.app-header, .history-view')).toEqual([]);
    await app.screenshot('narrow-history');

    await page.getByRole('button', { name: 'Scrobble…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Album' }).click();
    await dialog.getByLabel('Album artist').fill('Radiohead');
    await dialog.getByLabel('Album', { exact: true }).fill('OK Computer');
    await dialog
      .getByLabel('Tracklist')
      .fill('1. Airbag 4:44\n2. Subterranean Homesick Alien 4:27');
    await pw(dialog.locator('.preview-table')).toBeVisible();
    await dialog.locator('.preview-table').scrollIntoViewIfNeeded();
    expect(await brokenWords(page, '.preview-table')).toEqual([]);
    await app.screenshot('narrow-album-preview');
  });

  it('Queue, History and the details panel have no serious or critical axe violations', async () => {
    app = await twoServices();
    const { core, page } = app;
    core.queue.pause('librefm');
    core.queue.enqueue([{ artist: 'Low', track: 'Words', timestamp: minutesAgo(15) }], 'manual');
    await pw.poll(() => core.queue.stats('lastfm').counts.accepted, { timeout: 10_000 }).toBe(1);
    await tab(page, 'Queue');
    await pw(page.locator('tr[data-state=queued]')).toContainText('Words');
    expect(describeViolations((await axeCheck(page)).serious)).toEqual([]);
    await tab(page, 'History');
    await page.getByLabel('Show').selectOption('all');
    await pw(page.getByRole('grid', { name: 'Scrobble history' })).toContainText('Words');
    expect(describeViolations((await axeCheck(page)).serious)).toEqual([]);
    await historyRow(page, 'Words')
      .getByRole('button', { name: /^Details of/ })
      .click();
    await pw(page.getByRole('dialog', { name: 'Scrobble details' })).toBeVisible();
    expect(describeViolations((await axeCheck(page)).serious)).toEqual([]);
  });
});

/**
 * Words drawn on more than one line inside `selector`: each word's Range gives one box per
 * line it is drawn on, so a word split mid-word ("Arti" / "st") has two.
 */
/** How many lines the header's tabs and Scrobble… button take (distinct tops). */
async function headerLines(page: Page): Promise<number> {
  return page.evaluate(`new Set([...document.querySelectorAll(
    '.app-header nav button, .app-header .scrobble-button')].map(
    (b) => Math.round(b.getBoundingClientRect().top))).size`);
}

/** Whether the current tab is wholly inside the (sideways-scrolling) tab strip. */
async function currentTabInSight(page: Page): Promise<boolean> {
  return page.evaluate(`(() => {
    const nav = document.querySelector('.app-header nav').getBoundingClientRect();
    const tab = document.querySelector('.app-header nav [aria-current="page"]').getBoundingClientRect();
    return tab.left >= nav.left - 1 && tab.right <= nav.right + 1;
  })()`);
}

async function brokenWords(page: Page, selector: string): Promise<string[]> {
  // Run in the page (a string: this file is type-checked without the DOM's types).
  return page.evaluate(`((sel) => {${BROKEN_WORDS_BODY}})(${JSON.stringify(selector)})`);
}

const BROKEN_WORDS_BODY = `
    const broken = [];
    for (const root of document.querySelectorAll(sel)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        const parent = node.parentElement;
        if (!parent || parent.closest('.sr-only, [hidden], details:not([open]) > :not(summary)'))
          continue;
        for (const match of text.matchAll(/\\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set(
            [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
          );
          if (lines.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  `;
