import { expect as pw } from '@playwright/test';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { platformFeed } from '../../src/main/sources/players/platform-feed.js';
import { axeCheck, describeViolations } from '../support/axe.js';
import { e2eApp, type E2eApp } from '../support/e2e-app.js';
import { holdName } from '../support/mpris/bus-names.js';
import { makeTone, startMpv, type Mpv } from '../support/mpris/mpv.js';
import { startPrivateBus, type PrivateBus } from '../support/mpris/private-bus.js';
import { tempDir } from '../support/temp-dir.js';

// Desktop players in the window, in Debian's Chromium against `serve`'s server and the real
// core, with Debian's mpv (mpv-mpris) playing a sox-made tagged file on a private session bus.
// The rule's thresholds are shortened (8 s of play) so the progress is seen moving and then
// done within seconds. Screenshots go to test-results/e2e/ with the other e2e tests'.

const RULES = { minLengthMs: 2_000, maxPlayMs: 8_000 };

let bus: PrivateBus;
let dir: { path: string; cleanup: () => void };
let tone: string;
let app: E2eApp | undefined;
let player: Mpv | undefined;

beforeAll(async () => {
  bus = await startPrivateBus();
  dir = tempDir('scrobbletray-e2e-players-');
  tone = await makeTone(dir.path, 'e2e.ogg', {
    artist: 'Window Artist',
    title: 'Window Song',
    album: 'Window Album',
    seconds: 60,
  });
});

afterEach(async () => {
  await player?.stop();
  player = undefined;
  await app?.close();
  app = undefined;
});

afterAll(async () => {
  await bus?.stop();
  dir?.cleanup();
});

async function watchingApp(): Promise<E2eApp> {
  const opened = await e2eApp();
  await opened.core.players.startWatching({
    rules: RULES,
    feed: () => platformFeed({ busAddress: bus.address, pollMs: 500 }),
  });
  return opened;
}

async function tab(page: E2eApp['page'], name: 'Queue' | 'Account') {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name, exact: true })
    .click();
}

describe('players in the window', () => {
  it('shows the play in progress with its way to a scrobble, then the scrobble', async () => {
    app = await watchingApp();
    const card = app.page.getByTestId('now-playing');
    await pw(card).toHaveCount(0);

    player = await startMpv(bus.address, [tone]);
    await pw(card).toBeVisible({ timeout: 15_000 });
    await pw(card).toContainText('Window Song');
    await pw(card).toContainText('by Window Artist');
    await pw(card).toContainText('on mpv');
    const bar = card.getByRole('progressbar', { name: 'Progress towards a scrobble' });
    await pw(bar).toHaveAttribute('aria-valuetext', /^Scrobbles in 0:0\d$/);
    const first = Number(await bar.getAttribute('aria-valuenow'));
    expect(first).toBeLessThan(100);
    await app.screenshot('players-now-playing');
    // The window with the now-playing card: no serious or critical accessibility violations (axe-core in the page).
    expect(describeViolations((await axeCheck(app.page)).serious)).toEqual([]);

    // The bar moves on while it plays.
    await pw
      .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 5_000 })
      .toBeGreaterThan(first);

    // Paused: the card says so and the count stops.
    await player.ctl('pause');
    await pw(card).toContainText('Paused', { timeout: 5_000 });
    const paused = Number(await bar.getAttribute('aria-valuenow'));
    await app.page.waitForTimeout(2_000);
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(paused);
    await app.screenshot('players-paused');
    await player.ctl('play');

    // Once enough has been played: scrobbled, in the queue.
    await pw(card).toContainText('Scrobbled', { timeout: 15_000 });
    await pw(bar).toHaveAttribute('aria-valuenow', '100');
    const queue = app.core.queue.list({ states: ['queued', 'retrying', 'sending', 'failed'] });
    expect(queue.items.map((i) => [i.artist, i.track, i.source])).toEqual([
      ['Window Artist', 'Window Song', 'player'],
    ]);
    await app.screenshot('players-scrobbled');

    // The player quits: the card goes.
    await player.stop();
    player = undefined;
    await pw(card).toHaveCount(0, { timeout: 10_000 });
  }, 90_000);

  it('lists the players seen in Preferences, each with a switch that applies at once', async () => {
    app = await watchingApp();
    // No browser can play here: a real name on the bus is what the watcher sees of one.
    const firefox = await holdName(bus.address, 'org.mpris.MediaPlayer2.firefox.instance_1_84');
    try {
      player = await startMpv(bus.address, [tone]);
      const card = app.page.getByTestId('now-playing');
      await pw(card).toBeVisible({ timeout: 15_000 });

      await tab(app.page, 'Account');
      const players = app.page.getByRole('group', { name: 'Media players' });
      const mpvSwitch = players.getByRole('switch', { name: /mpv/ });
      const firefoxSwitch = players.getByRole('switch', { name: /firefox/ });
      await pw(mpvSwitch).toBeChecked({ timeout: 10_000 });
      await pw(firefoxSwitch).not.toBeChecked();
      await pw(players.getByTestId('player-firefox')).toContainText(
        'a browser: off unless you switch it on',
      );
      await pw(players.getByTestId('player-mpv')).toContainText('running now');
      await app.screenshot('players-preferences');
      // Preferences with its players list: no serious or critical accessibility violations.
      expect(describeViolations((await axeCheck(app.page)).serious)).toEqual([]);

      // Off: the play in progress is no longer followed, and the choice is kept.
      await mpvSwitch.uncheck();
      await pw(card).toHaveCount(0, { timeout: 10_000 });
      await pw(players.getByTestId('player-mpv')).toContainText('switched off');
      expect(app.core.preferences.get().players).toEqual({ mpv: false });

      // A reload shows what is stored, not what the page remembered.
      await app.page.reload();
      await tab(app.page, 'Account');
      await pw(app.page.getByRole('switch', { name: /mpv/ })).not.toBeChecked();

      // On again: followed from where it is.
      await app.page.getByRole('switch', { name: /mpv/ }).check();
      await pw(app.page.getByTestId('now-playing')).toBeVisible({ timeout: 15_000 });
      await app.page.getByRole('switch', { name: /firefox/ }).check();
      await pw(app.page.getByRole('switch', { name: /firefox/ })).toBeChecked();
      expect(app.core.preferences.get().players).toEqual({ mpv: true, firefox: true });
      await app.screenshot('players-preferences-switched');

      // Watching as a whole can be switched off: the list goes, and so does the card.
      await app.page
        .getByRole('checkbox', { name: /Scrobble what my media players play/ })
        .uncheck();
      await pw(app.page.getByRole('group', { name: 'Media players' })).toHaveCount(0);
      await pw(app.page.getByTestId('now-playing')).toHaveCount(0, { timeout: 10_000 });
      expect(app.core.players.watching).toBe(false);
    } finally {
      firefox.release();
    }
  }, 90_000);
});
