import { expect as pw, type Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { LastfmClient } from '../../src/main/lastfm/client.js';
import { axeCheck, describeViolations } from '../support/axe.js';
import { e2eApp, type E2eApp } from '../support/e2e-app.js';
import { uniqueUser } from '../support/sign-in.js';

// The manual forms and where their data comes from, in Debian's Chromium against `serve`, the
// real core and the fake Last.fm (its catalogue: OK Computer, In Rainbows, Abbey Road,
// Believe): catalogue suggestions as you type, album lookup, tracklist pastes, a session
// logged back to back, and scrobbling from someone else's profile. Screenshots are kept in
// test-results/e2e/; each view gets an axe-core check with no serious or critical violation.

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

let app: E2eApp;
afterEach(async () => app?.close());

async function openScrobbleDialog(): Promise<Locator> {
  await app.page.getByRole('button', { name: 'Scrobble…' }).click();
  return app.page.getByRole('dialog');
}

/** At a narrow window's width (420 px), nothing sticks out sideways. */
async function expectFitsAt420(selector: string, screenshot: string): Promise<void> {
  await app.page.setViewportSize({ width: 420, height: 800 });
  const sizes = await app.page
    .locator(selector)
    .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(sizes.scroll).toBeLessThanOrEqual(sizes.client + 1);
  await app.screenshot(screenshot);
  await app.page.setViewportSize({ width: 1280, height: 800 });
}

async function expectAccessible(include: string): Promise<void> {
  // The window's CSP (script-src 'self') refuses the inline script tag axeCheck would add;
  // evaluating axe-core through the DevTools protocol is not subject to it, and axeCheck
  // then finds axe already there.
  const loaded = await app.page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await app.page.evaluate(AXE_SOURCE);
  const found = await axeCheck(app.page, { include });
  expect(describeViolations(found.serious)).toEqual([]);
}

/** Another Last.fm user's plays, sent through the real client as that user. */
async function playsOf(
  user: string,
  plays: { artist: string; track: string; album?: string; timestamp: number }[],
) {
  app.fake.addUser(user, 'pw');
  const sessionKey = app.fake.createSession(user);
  const client = new LastfmClient({
    apiUrl: app.fake.apiUrl,
    apiKey: app.fake.apiKey,
    apiSecret: app.fake.apiSecret,
  });
  try {
    for (let i = 0; i < plays.length; i += 50) {
      await client.scrobble(sessionKey, plays.slice(i, i + 50));
    }
  } finally {
    await client.close();
  }
}

describe('catalogue suggestions as you type', () => {
  it('offers your own scrobbles and Last.fm’s catalogue; a pick fills the title and artist', async () => {
    app = await e2eApp({ signedInAs: uniqueUser('forms') });
    // One of the user's own earlier plays, so both kinds of suggestion show.
    app.core.queue.enqueue(
      [
        {
          artist: 'Culture Club',
          track: 'Karma Chameleon',
          timestamp: Math.floor(Date.now() / 1000) - 3600,
        },
      ],
      'manual',
    );
    const dialog = await openScrobbleDialog();
    const track = dialog.getByRole('combobox', { name: 'Track', exact: true });
    await track.fill('Karma');
    const list = dialog.getByRole('listbox', { name: 'Suggestions' });
    await pw(list.getByRole('option')).toHaveCount(2, { timeout: 10_000 });
    await pw(list.getByRole('option').nth(0)).toContainText('Karma Chameleon');
    await pw(list.getByRole('option').nth(0)).toContainText('Your scrobbles');
    await pw(list.getByRole('option').nth(1)).toContainText('Karma Police · Radiohead');
    await pw(list.getByRole('option').nth(1)).toContainText('Last.fm');
    await pw(track).toHaveAttribute('aria-expanded', 'true');
    await app.screenshot('forms-suggestions');
    await expectAccessible('dialog');

    // Keyboard only: down twice to the catalogue entry, Enter picks it (and does not submit).
    await track.press('ArrowDown');
    await track.press('ArrowDown');
    await pw(list.getByRole('option', { selected: true })).toContainText('Karma Police');
    const active = await track.getAttribute('aria-activedescendant');
    expect(active).toBe(await list.getByRole('option', { selected: true }).getAttribute('id'));
    await track.press('Enter');
    await pw(track).toHaveValue('Karma Police');
    await pw(dialog.getByRole('combobox', { name: 'Artist', exact: true })).toHaveValue(
      'Radiohead',
    );
    await pw(track).toHaveAttribute('aria-expanded', 'false');
    // Enter picked; it did not scrobble the half-filled form.
    expect(app.fake.scrobbles.filter((x) => x.track === 'Karma Police')).toEqual([]);

    // Esc closes the list, not the dialog.
    await track.fill('Karma P');
    await pw(list).toBeVisible();
    await track.press('Escape');
    await pw(list).toBeHidden();
    await pw(dialog).toBeVisible();
  });

  it('when the service fails, your own suggestions still show and nothing is said about it', async () => {
    app = await e2eApp({ signedInAs: uniqueUser('forms') });
    app.core.queue.enqueue(
      [{ artist: 'Radiohead', track: 'Reckoner', timestamp: Math.floor(Date.now() / 1000) - 3600 }],
      'manual',
    );
    app.fake.injectFault({ kind: 'status', status: 503 }, { method: 'artist.search', times: 100 });
    const dialog = await openScrobbleDialog();
    const artist = dialog.getByRole('combobox', { name: 'Artist', exact: true });
    await artist.fill('Radio');
    const list = dialog.getByRole('listbox', { name: 'Suggestions' });
    await pw(list.getByRole('option')).toHaveCount(1, { timeout: 10_000 });
    await pw(list.getByRole('option')).toContainText('Your scrobbles');
    // The failed search did happen, and left no trace in the window.
    await expect
      .poll(() => app.fake.requests.filter((r) => r.method === 'artist.search').length)
      .toBeGreaterThan(0);
    await pw(app.page.getByText(/503|artist\.search|error/i)).toHaveCount(0);
    await app.screenshot('forms-suggestions-offline');
  });
});

describe('album lookup and tracklist paste', () => {
  it('looks an album up by artist and title and fills the tracklist with lengths', async () => {
    app = await e2eApp({ signedInAs: uniqueUser('forms') });
    const dialog = await openScrobbleDialog();
    await dialog.getByRole('button', { name: 'Album' }).click();
    await dialog.getByRole('combobox', { name: 'Album artist', exact: true }).fill('radiohead');
    await dialog.getByRole('combobox', { name: 'Album', exact: true }).fill('ok computer');
    await dialog.getByRole('button', { name: 'Look up tracks' }).click();
    const status = dialog.getByTestId('album-lookup-status');
    await pw(status).toContainText('12 tracks from Last.fm');
    // The service's spelling replaces what was typed.
    await pw(dialog.getByRole('combobox', { name: 'Album artist', exact: true })).toHaveValue(
      'Radiohead',
    );
    await pw(dialog.getByRole('combobox', { name: 'Album', exact: true })).toHaveValue(
      'OK Computer',
    );
    const tracklist = dialog.getByLabel('Tracklist');
    await pw(tracklist).toHaveValue(/^1\. Airbag \(4:44\)\n2\. Paranoid Android \(6:27\)/);
    const rows = dialog.locator('.preview-table tbody tr');
    await pw(rows).toHaveCount(12);
    await pw(rows.nth(0)).toContainText('Airbag');
    await pw(rows.nth(0)).toContainText('4:44');
    await pw(rows.nth(11)).toContainText('The Tourist');
    await app.screenshot('forms-album-lookup');
    await expectAccessible('dialog');
    await expectFitsAt420('dialog.modal-manual', 'forms-album-lookup-420');

    await dialog.getByRole('button', { name: 'Queue 12 scrobbles' }).click();
    await pw(app.page.getByTestId('manual-outcome')).toContainText(/accepted/i, {
      timeout: 15_000,
    });
    const sent = app.fake.scrobbles;
    expect(sent.map((s) => s.track).slice(0, 2)).toEqual(['Airbag', 'Paranoid Android']);
    expect(sent.map((s) => s.duration).slice(0, 2)).toEqual([284, 387]);
    expect(new Set(sent.map((s) => s.album))).toEqual(new Set(['OK Computer']));
    // Back to back: each starts when the one before ended.
    expect((sent[1]?.timestamp ?? 0) - (sent[0]?.timestamp ?? 0)).toBe(284);
  });

  it('says so in plain words when the album is unknown', async () => {
    app = await e2eApp({ signedInAs: uniqueUser('forms') });
    const dialog = await openScrobbleDialog();
    await dialog.getByRole('button', { name: 'Album' }).click();
    await dialog.getByRole('combobox', { name: 'Album artist', exact: true }).fill('Radiohead');
    await dialog.getByRole('combobox', { name: 'Album', exact: true }).fill('Kid B');
    await dialog.getByRole('button', { name: 'Look up tracks' }).click();
    const status = dialog.getByTestId('album-lookup-status');
    await pw(status).toHaveText(
      'Last.fm does not know an album “Kid B” by Radiohead. Check the spelling, or paste the tracklist instead.',
    );
    await pw(dialog.getByLabel('Tracklist')).toHaveValue('');
    await app.screenshot('forms-album-not-found');
  });

  it('reads pasted tracklists from Wikipedia, Spotify and Bandcamp', async () => {
    app = await e2eApp({ signedInAs: uniqueUser('forms') });
    const dialog = await openScrobbleDialog();
    await dialog.getByRole('button', { name: 'Album' }).click();
    await dialog.getByRole('combobox', { name: 'Album artist', exact: true }).fill('Rihanna');
    const tracklist = dialog.getByLabel('Tracklist');
    const rows = dialog.locator('.preview-table tbody tr');

    const wikipedia = [
      'No.\tTitle\tWriter(s)\tLength',
      '1.\t"Umbrella" (featuring Jay-Z)\tTerius Nash\t4:35',
      '2.\t"Push Up on Me"\tRihanna\t3:15',
      'Total length:\t7:50',
    ].join('\n');
    await tracklist.fill(wikipedia);
    await pw(rows).toHaveCount(2);
    await pw(rows.nth(0)).toContainText('Umbrella (feat. Jay-Z)');
    await pw(rows.nth(0)).not.toContainText('"');
    await pw(rows.nth(0)).toContainText('4:35');
    await app.screenshot('forms-paste-wikipedia');

    const spotify = [
      '1',
      'Come Together - Remastered 2009',
      'The Beatles',
      '4:19',
      '2',
      'Something - Remastered 2009',
      'The Beatles',
      '3:02',
    ].join('\n');
    await tracklist.fill(spotify);
    await pw(rows).toHaveCount(2);
    await pw(rows.nth(0)).toContainText('The Beatles');
    await pw(rows.nth(0)).toContainText('Come Together - Remastered 2009');

    const bandcamp = [
      '1.',
      'Dawn Chorus 04:12',
      'lyrics',
      'buy track',
      '2.',
      'Night Bus 03:58',
    ].join('\n');
    await tracklist.fill(bandcamp);
    await pw(rows).toHaveCount(2);
    await pw(rows.nth(1)).toContainText('Night Bus');
    await pw(rows.nth(1)).toContainText('3:58');
    await app.screenshot('forms-paste-bandcamp');
  });
});

describe('logging a session', () => {
  it('three tracks back to back from a chosen time, each starting when the last ended', async () => {
    app = await e2eApp({ signedInAs: uniqueUser('forms') });
    const dialog = await openScrobbleDialog();
    // Two hours ago, to the second, as the form writes it (local time).
    const start = Math.floor(Date.now() / 1000) - 2 * 3600;
    const local = await app.page.evaluate((s) => {
      const d = new Date(s * 1000);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
    }, start);
    await dialog.getByRole('radio', { name: 'At…' }).check();
    await dialog.getByLabel('Date and time it started').fill(local);
    await dialog.getByRole('checkbox', { name: 'Continue from where the last one ended' }).check();
    await dialog.getByRole('combobox', { name: 'Artist', exact: true }).fill('Radiohead');
    await dialog.getByRole('combobox', { name: 'Album', exact: true }).fill('OK Computer');

    const tracks: [string, string][] = [
      ['Airbag', '4:44'],
      ['Paranoid Android', '6:23'],
      ['Subterranean Homesick Alien', '4:27'],
    ];
    for (const [title, length] of tracks) {
      await dialog.getByRole('combobox', { name: 'Track', exact: true }).fill(title);
      await dialog.getByLabel('Duration').fill(length);
      await dialog.getByRole('button', { name: 'Scrobble', exact: true }).click();
      await pw(dialog.getByRole('combobox', { name: 'Track', exact: true })).toHaveValue('');
    }
    await pw(dialog.locator('#continue-time-hint')).toContainText(
      'when “Subterranean Homesick Alien” ended',
    );
    // The chosen time did not go back to "Now".
    await pw(dialog.getByRole('radio', { name: 'At…' })).toBeChecked();
    await app.screenshot('forms-session');
    await expectAccessible('dialog');
    await expect.poll(() => app.fake.scrobbles.length, { timeout: 15_000 }).toBe(3);
    expect(app.fake.scrobbles.map((s) => [s.track, s.timestamp])).toEqual([
      ['Airbag', start],
      ['Paranoid Android', start + 284],
      ['Subterranean Homesick Alien', start + 284 + 383],
    ]);
  });
});

describe('scrobbling from another user’s profile', () => {
  it('pages through their recent plays, and scrobbles the picks at their own times', async () => {
    const me = uniqueUser('forms');
    app = await e2eApp({ signedInAs: me });
    const friend = uniqueUser('friend');
    const now = Math.floor(Date.now() / 1000);
    // 55 plays, newest first on the profile: "Song 55" (newest) ... "Song 1" (oldest).
    const plays = Array.from({ length: 55 }, (_, i) => ({
      artist: 'Low',
      track: `Song ${i + 1}`,
      album: 'Double Negative',
      timestamp: now - 7200 - (55 - i) * 240,
    }));
    await playsOf(friend, plays);

    await app.page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Profiles', exact: true })
      .click();
    const view = app.page.locator('.profile-view');
    await view.getByLabel('User name').fill(friend);
    await view.getByRole('button', { name: 'Show plays' }).click();
    await pw(
      view.getByRole('heading', { name: `Recent plays of ${friend} on Last.fm` }),
    ).toBeVisible();
    const list = view.getByTestId('profile-plays');
    await pw(list.getByRole('checkbox')).toHaveCount(50);
    await pw(view.getByText('Page 1 of 2')).toBeVisible();
    await list.getByRole('checkbox', { name: /Song 55/ }).check();
    await app.screenshot('forms-profile');
    await expectAccessible('.profile-view');
    await expectFitsAt420('.profile-view', 'forms-profile-420');

    await view.getByRole('button', { name: 'Older' }).click();
    await pw(view.getByText('Page 2 of 2')).toBeVisible();
    await pw(list.getByRole('checkbox')).toHaveCount(5);
    await list.getByRole('checkbox', { name: /Song 1 / }).check();
    await view.getByRole('radio', { name: 'At the times they were played' }).check();
    await view.getByRole('button', { name: 'Scrobble 2 plays' }).click();
    await pw(view.getByTestId('profile-outcome')).toContainText(/accepted/i, { timeout: 15_000 });

    const mine = app.fake.scrobbles.filter((s) => s.user === me);
    expect(mine.map((s) => [s.track, s.timestamp, s.album])).toEqual([
      ['Song 1', plays[0]?.timestamp, 'Double Negative'],
      ['Song 55', plays[54]?.timestamp, 'Double Negative'],
    ]);
  });

  it('names an unknown user plainly', async () => {
    app = await e2eApp({ signedInAs: uniqueUser('forms') });
    await app.page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Profiles', exact: true })
      .click();
    const view = app.page.locator('.profile-view');
    await view.getByLabel('User name').fill('nobody-here');
    await view.getByRole('button', { name: 'Show plays' }).click();
    await pw(view.getByTestId('profile-problem')).toHaveText(
      'Last.fm has no user named “nobody-here”.',
    );
    await app.screenshot('forms-profile-unknown');
    await view.getByLabel('User name').fill('two words');
    await view.getByRole('button', { name: 'Show plays' }).click();
    await pw(view.getByTestId('profile-problem')).toHaveText(
      'A user name has no spaces or slashes: check what you typed.',
    );
  });
});
