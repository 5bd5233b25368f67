import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect as pw } from '@playwright/test';
import { afterEach, describe, expect, it } from 'vitest';
import { axeCheck, describeViolations } from '../support/axe.js';
import { e2eApp, type E2eApp } from '../support/e2e-app.js';
import { writeSpotifyHistory } from '../support/import-fixtures.js';
import { uniqueUser } from '../support/sign-in.js';
import { tempDir } from '../support/temp-dir.js';

// Importing a listening history in the window, in Debian's Chromium against `serve`, the real
// core (SQLite in a temp dir) and the fake Last.fm: pick a file, see the preview per service,
// import with progress, then remove what was not sent. Screenshots go to test-results/e2e/.

let app: E2eApp;
let files: { path: string; cleanup: () => void } | undefined;
afterEach(async () => {
  await app?.close();
  files?.cleanup();
});

async function openImportTab() {
  await app.page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Import', exact: true })
    .click();
}

describe('importing a file in the window', () => {
  it('picks a file, previews it per service, imports with progress, and removes the unsent plays', async () => {
    app = await e2eApp({ signedInAs: uniqueUser('e2e') });
    // Sending is paused so what is "sent" below is decided by the test, not by timing.
    app.core.queue.pause('lastfm');
    files = tempDir('scrobbletray-e2e-import-');
    const file = join(files.path, 'Streaming_History_Audio_2026.json');
    const nowSec = Math.floor(Date.now() / 1000);
    // 4,000 rows over 28 days: about half too old for Last.fm; ~2.5 MB, so several chunks.
    const tally = await writeSpotifyHistory(file, {
      count: 4000,
      endSec: nowSec - 600,
      spanDays: 28,
    });

    await openImportTab();
    await app.page.getByLabel('Choose a file to import').setInputFiles(file);
    const preview = app.page.getByTestId('import-preview');
    await pw(preview).toBeVisible({ timeout: 20_000 });
    await pw(preview).toContainText('Streaming_History_Audio_2026.json');
    const lastfm = preview.locator('[data-service=lastfm]');
    await pw(lastfm).toContainText(/Last\.fm: [\d,]+ plays/);
    await pw(lastfm).toContainText(/Not sent to Last\.fm: older than 14 days .*: [\d,]+/);
    await pw(preview).toContainText(
      `played less than 30 s (or the track is shorter than 30 s): ${tally.short.toLocaleString('en')}`,
    );
    await pw(preview).toContainText(
      `podcast episode or audiobook: ${tally.podcasts.toLocaleString('en')}`,
    );
    await app.screenshot('import-preview');
    // The import preview: no serious or critical accessibility violations (axe-core in the page).
    expect(describeViolations((await axeCheck(app.page)).serious)).toEqual([]);

    const toLastfm = Number(
      ((await lastfm.locator('label').textContent()) ?? '')
        .match(/([\d,]+) plays/)?.[1]
        ?.replace(/,/g, ''),
    );
    expect(toLastfm).toBeGreaterThan(0);

    // Watch for the progress bar: it may only be shown for a moment. (A string: this file is
    // type-checked without the DOM's types.)
    await app.page.evaluate(`
      window.sawProgress = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid=import-progress]')) window.sawProgress = true;
      }).observe(document.body, { subtree: true, childList: true });
    `);
    await app.page.getByRole('button', { name: 'Import to Last.fm' }).click();
    const result = app.page.getByTestId('import-result');
    await pw(result).toContainText(`${toLastfm.toLocaleString('en')} plays queued`, {
      timeout: 30_000,
    });
    expect(await app.page.evaluate('window.sawProgress')).toBe(true);
    await app.screenshot('import-done');
    expect(app.core.queue.stats('lastfm').counts.queued).toBe(toLastfm);
    // The uploaded copy is gone once imported.
    expect(readdirSync(join(app.dataDir, 'import-uploads'))).toEqual([]);

    // Last.fm accepted five of them (as if sent before the user changed their mind).
    const store = app.core.store;
    const sent = store.claimDue('lastfm', Date.now(), 5);
    store.applyOutcomes(
      sent.map((row) => ({
        id: row.id,
        outcome: {
          status: 'accepted',
          recorded: { artist: row.artist, track: row.track, album: '', albumArtist: '' },
          corrected: { artist: false, track: false, album: false, albumArtist: false },
        },
      })),
      Date.now(),
    );

    // Importing the same file again adds nothing.
    await app.page.getByLabel('Choose a file to import').setInputFiles(file);
    await pw(preview).toBeVisible({ timeout: 20_000 });
    await app.page.getByRole('button', { name: 'Import to Last.fm' }).click();
    await pw(result).toContainText(
      `0 plays queued, ${toLastfm.toLocaleString('en')} already there`,
      { timeout: 30_000 },
    );

    const past = app.page.getByRole('table', { name: 'Past imports' });
    await pw(past).toContainText('Streaming_History_Audio_2026.json');
    await app.page.reload();
    await openImportTab();
    await pw(past.getByTestId('import-unsent')).toHaveText((toLastfm - 5).toLocaleString('en'));
    await app.screenshot('import-list');
    // The list of past imports: no serious or critical accessibility violations (axe-core in the page).
    expect(describeViolations((await axeCheck(app.page)).serious)).toEqual([]);

    await past.getByRole('button', { name: 'Remove unsent' }).click();
    const dialog = app.page.locator('dialog[open]');
    await pw(dialog).toContainText('Plays already sent stay in your history');
    await dialog.getByRole('button', { name: 'Remove unsent', exact: true }).click();
    await pw(app.page.getByTestId('status-message')).toContainText(
      `Removed ${(toLastfm - 5).toLocaleString('en')} unsent plays of Streaming_History_Audio_2026.json. 5 stayed because they were sent.`,
    );
    await pw(past.getByTestId('import-unsent')).toHaveText('0');
    await app.screenshot('import-removed');
    expect(app.core.queue.stats('lastfm').counts).toMatchObject({ queued: 0, accepted: 5 });
  });

  it('asks for the UTC offset of a device-local log and guesses none', async () => {
    app = await e2eApp({ signedInAs: uniqueUser('e2e') });
    app.core.queue.pause('lastfm');
    const { fileURLToPath } = await import('node:url');
    const log = fileURLToPath(
      new URL('../fixtures/import/rockbox-local.scrobbler.log', import.meta.url),
    );
    await openImportTab();
    await app.page.getByLabel('Choose a file to import').setInputFiles(log);
    const offset = app.page.getByTestId('import-offset');
    await pw(offset).toContainText('#TZ/UNKNOWN', { timeout: 20_000 });
    await pw(app.page.getByRole('button', { name: /^Import to/ })).toBeDisabled();
    await app.page.getByLabel("Player's offset from UTC").fill('Berlin');
    await offset.getByRole('button', { name: 'Use this offset' }).click();
    await pw(app.page.getByRole('alert')).toContainText('write it like +01:00');
    await app.page.getByLabel("Player's offset from UTC").fill('+01:00');
    await offset.getByRole('button', { name: 'Use this offset' }).click();
    await pw(offset).toContainText('Times read as UTC+01:00');
    await app.screenshot('import-offset');
    await pw(app.page.getByRole('button', { name: /^Import to/ })).toBeEnabled();
  });
});
