import { expect as pw } from '@playwright/test';
import { afterEach, describe, expect, it } from 'vitest';
import { e2eApp, type E2eApp } from '../support/e2e-app.js';
import { uniqueUser } from '../support/sign-in.js';

// The window in Debian's Chromium against `serve`, the real core and the fake Last.fm: what a
// user does, and what they see. Each test keeps a screenshot in test-results/e2e/.

let app: E2eApp;
afterEach(async () => app?.close());

async function openScrobbleDialog() {
  await app.page.getByRole('button', { name: 'Scrobble…' }).click();
  return app.page.getByRole('dialog');
}

async function tab(name: 'Queue' | 'History' | 'Account') {
  await app.page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name, exact: true })
    .click();
}

describe('the window', () => {
  it('signs in with the web flow', async () => {
    const user = uniqueUser('e2e');
    app = await e2eApp();
    app.fake.addUser(user, 'pw');
    await tab('Account');
    const account = app.page.locator('article[data-service=lastfm]');
    await app.screenshot('account-signed-out');
    const [popup] = await Promise.all([
      app.page.waitForEvent('popup'),
      account.getByRole('button', { name: 'Sign in with Last.fm' }).click(),
    ]);
    // The popup is the service's approval page; the user approves there.
    await popup.waitForLoadState();
    await popup.locator('select[name=user]').selectOption(user);
    await popup.getByRole('button', { name: /allow/i }).click();
    await pw(popup.locator('body')).toContainText(/close this tab/i);
    await pw(account).toContainText(`Signed in as ${user}`, { timeout: 10_000 });
    await app.screenshot('account-signed-in');
    await popup.close();
  });

  it('a manual scrobble is queued, sent, and shows in History with its correction', async () => {
    app = await e2eApp({ signedInAs: uniqueUser('e2e') });
    const dialog = await openScrobbleDialog();
    await dialog.getByLabel('Artist', { exact: true }).fill('the beatles');
    await dialog.getByLabel('Track', { exact: true }).fill('Something');
    await dialog.getByLabel('Album', { exact: true }).fill('Abbey Road');
    await app.screenshot('manual-filled');
    await dialog.getByLabel('Track', { exact: true }).press('Enter');
    await pw(app.page.getByTestId('manual-outcome')).toContainText('Accepted', { timeout: 10_000 });
    await app.page.keyboard.press('Escape');
    await tab('History');
    const grid = app.page.getByRole('grid', { name: 'Scrobble history' });
    await pw(grid).toContainText('the beatles → The Beatles');
    await app.screenshot('history-correction');
    expect(app.fake.scrobbles.map((s) => s.correctedArtist)).toEqual(['The Beatles']);
  });

  it('jumps to the end of a long History and shows the oldest plays, loading only that page', async () => {
    app = await e2eApp();
    // 3,000 plays put straight into the store as accepted (sending is not what this is about).
    const store = app.core.store;
    const start = Math.floor(Date.now() / 1000) - 86400 - 3000 * 60;
    store.enqueue(
      'lastfm',
      Array.from({ length: 3000 }, (_, i) => ({
        artist: 'Boards of Canada',
        track: `Tune ${i + 1}`,
        timestamp: start + i * 60,
      })),
      'import',
    );
    const claimed = store.claimDue('lastfm', Date.now(), 3000);
    const unchanged = { artist: false, track: false, album: false, albumArtist: false };
    store.applyOutcomes(
      claimed.map((row) => ({
        id: row.id,
        outcome: {
          status: 'accepted',
          recorded: { artist: row.artist, track: row.track, album: '', albumArtist: '' },
          corrected: unchanged,
        },
      })),
      Date.now(),
    );
    await tab('History');
    const grid = app.page.getByRole('grid', { name: 'Scrobble history' });
    await pw(grid.getByRole('gridcell', { name: 'Tune 3000', exact: true })).toBeVisible();
    await pw(app.page.getByTestId('history-total')).toHaveText('3,000 plays');
    await app.page.evaluate(() => performance.clearResourceTimings());
    // As if the scroll bar were dragged to the bottom.
    await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await pw(grid.getByRole('gridcell', { name: 'Tune 1', exact: true })).toBeVisible();
    await app.screenshot('history-jump-to-end');
    // The last page by offset, not the pages in between (one more request at most).
    const requests = await app.page.evaluate(
      () =>
        performance
          .getEntriesByType('resource')
          .filter((e) => e.name.includes('/api/call/queue.list')).length,
    );
    expect(requests).toBeGreaterThanOrEqual(1);
    expect(requests).toBeLessThanOrEqual(2);
  });

  it('a server failure shows retrying, then recovers with Send now', async () => {
    app = await e2eApp({ signedInAs: uniqueUser('e2e') });
    app.fake.injectFault({ kind: 'status', status: 503 }, { method: 'track.scrobble' });
    const dialog = await openScrobbleDialog();
    await dialog.getByLabel('Artist', { exact: true }).fill('Portishead');
    await dialog.getByLabel('Track', { exact: true }).fill('Roads');
    await dialog.getByRole('button', { name: 'Scrobble', exact: true }).click();
    await pw(app.page.getByTestId('manual-outcome')).toContainText(/Not sent yet|Queued/, {
      timeout: 10_000,
    });
    await app.page.keyboard.press('Escape');
    await tab('Queue');
    const row = app.page.locator('tr[data-state=retrying]');
    await pw(row).toContainText('Roads', { timeout: 10_000 });
    await pw(row).toContainText(/503/);
    await pw(app.page.getByTestId('status-hold')).toContainText('unreachable');
    await app.screenshot('queue-retrying');
    await app.page.getByRole('button', { name: 'Send now' }).click();
    await pw(app.page.getByText('Nothing waiting.')).toBeVisible({ timeout: 10_000 });
    expect(app.fake.scrobbles.map((s) => s.track)).toEqual(['Roads']);
  });

  it('a too-old scrobble shows ignored, is re-timed, and is accepted', async () => {
    app = await e2eApp({ signedInAs: uniqueUser('e2e') });
    // Queued at 13 days old; by the time it reaches the service a day has passed there.
    const played = Math.floor(Date.now() / 1000) - 13 * 86400;
    app.fake.advanceClock(2 * 86400_000);
    app.core.queue.enqueue([{ artist: 'Mogwai', track: 'Auto Rock', timestamp: played }], 'manual');
    await tab('Queue');
    const row = app.page.locator('tr[data-state=ignored]');
    await pw(row).toContainText(/too old/i, { timeout: 10_000 });
    await app.screenshot('queue-ignored-too-old');
    app.fake.advanceClock(-2 * 86400_000);
    await row.getByRole('button', { name: /^Edit/ }).click();
    const edit = app.page.getByRole('dialog', { name: 'Edit scrobble' });
    await edit.getByRole('radio', { name: 'Now' }).check();
    await edit.getByRole('button', { name: 'Save and retry' }).click();
    await pw(app.page.getByText('Nothing waiting.')).toBeVisible({ timeout: 10_000 });
    expect(app.fake.scrobbles.map((s) => s.track)).toEqual(['Auto Rock']);
  });

  it('queues an album of 12 tracks with spaced timestamps', async () => {
    app = await e2eApp({ signedInAs: uniqueUser('e2e') });
    const dialog = await openScrobbleDialog();
    await dialog.getByRole('button', { name: 'Album' }).click();
    await dialog.getByLabel('Album artist').fill('Radiohead');
    await dialog.getByLabel('Album', { exact: true }).fill('OK Computer');
    const tracks = [
      'Airbag 4:44',
      'Paranoid Android 6:23',
      'Subterranean Homesick Alien 4:27',
      'Exit Music (For a Film) 4:24',
      'Let Down 4:59',
      'Karma Police 4:21',
      'Fitter Happier 1:57',
      'Electioneering 3:50',
      'Climbing Up the Walls 4:45',
      'No Surprises 3:48',
      'Lucky 4:19',
      'The Tourist 5:24',
    ];
    await dialog.getByLabel('Tracklist').fill(tracks.map((t, i) => `${i + 1}. ${t}`).join('\n'));
    await app.screenshot('album-preview');
    await dialog.getByRole('button', { name: /Queue 12 scrobbles/ }).click();
    await pw.poll(() => app.fake.scrobbles.length, { timeout: 10_000 }).toBe(12);
    const sent = app.fake.scrobbles;
    expect(sent.map((s) => s.track)[0]).toBe('Airbag');
    expect(sent.map((s) => s.track)[11]).toBe('The Tourist');
    // Spaced by the durations: Airbag (4:44) starts 284 s before Paranoid Android.
    expect(sent[1]!.timestamp - sent[0]!.timestamp).toBe(284);
    expect(new Set(sent.map((s) => s.album))).toEqual(new Set(['OK Computer']));
  });

  it('bad input shows errors next to the fields and queues nothing', async () => {
    app = await e2eApp({ signedInAs: uniqueUser('e2e') });
    const dialog = await openScrobbleDialog();
    await dialog.getByLabel('Track', { exact: true }).fill('No Artist Here');
    await dialog.getByLabel('Duration', { exact: true }).fill('0:10');
    await dialog.getByRole('button', { name: 'Scrobble', exact: true }).click();
    await pw(dialog.getByLabel('Artist', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await pw(dialog.locator('.problem').first()).toBeVisible();
    await pw(dialog).toContainText(/Artist is empty/);
    await pw(dialog).toContainText(/at least 30 seconds/);
    await app.screenshot('manual-errors');
    expect(app.core.queue.stats().counts.queued).toBe(0);
    expect(app.fake.scrobbles).toHaveLength(0);
  });

  it('turning notifications off in the Account view is kept', async () => {
    app = await e2eApp();
    await tab('Account');
    const prefs = app.page.getByRole('region', { name: 'Preferences' });
    const notifications = prefs.getByRole('checkbox', { name: /Show notifications/ });
    await pw(notifications).toBeChecked();
    // Headless mode has no login item to offer.
    await pw(prefs.getByRole('checkbox', { name: /Start Scrobbletray/ })).toHaveCount(0);
    await notifications.uncheck();
    await pw.poll(() => app.core.settings.get('notifications')).toBe(false);
    await app.page.reload();
    await tab('Account');
    await pw(
      app.page
        .getByRole('region', { name: 'Preferences' })
        .getByRole('checkbox', { name: /Show notifications/ }),
    ).not.toBeChecked();
    await app.screenshot('account-preferences');
  });

  it('adds a self-hosted GNU FM server; a bad address is refused next to the field', async () => {
    app = await e2eApp();
    await tab('Account');
    await app.page.getByText('Add a server of your own…').click();
    const form = app.page.getByRole('form', { name: 'Add a server' });
    const name = form.getByLabel('Name', { exact: true });
    const address = form.getByLabel('Server address');
    await pw(name).toBeFocused();
    await name.fill('Home GNU FM');
    await address.fill('ftp://gnufm.example.org');
    await address.press('Enter');
    await pw(address).toHaveAttribute('aria-invalid', 'true');
    await pw(address).toBeFocused();
    await pw(form).toContainText('Use an https:// (or http://) address');
    await app.screenshot('account-add-server-error');
    await address.fill(app.fake.apiUrl.replace(/2\.0\/$/, ''));
    await address.press('Enter');
    const card = app.page.locator('article[data-service=home-gnu-fm]');
    await pw(card.getByRole('heading', { name: 'Home GNU FM' })).toBeFocused();
    await app.page.reload();
    await tab('Account');
    await pw(card.getByRole('button', { name: 'Sign in with Home GNU FM' })).toBeVisible();
    await pw(card.getByRole('button', { name: 'Remove server' })).toBeVisible();
  });

  it('refuses a request without the token', async () => {
    app = await e2eApp();
    const context = await app.browser.newContext();
    const stranger = await context.newPage();
    // The window's files are public; what they call is not. The page says what to open.
    const base = app.server.url.replace(/#token=.*$/, '');
    const page = await stranger.goto(base);
    expect(page?.status()).toBe(200);
    await pw(stranger.getByText('scrobbletray serve').first()).toBeVisible();
    const api = await stranger.request.post(`${base}api/call/queue.stats`, { data: {} });
    expect(api.status()).toBe(401);
    await context.close();
  });
});
