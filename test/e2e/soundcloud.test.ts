import { expect as pw } from '@playwright/test';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionAccount } from '../../src/main/secrets/accounts.js';
import { axeCheck, describeViolations } from '../support/axe.js';
import { e2eApp, type E2eApp } from '../support/e2e-app.js';
import { decideInBrowser, visit } from '../support/fake-oauth1/browser.js';
import { startFakeYouTubeOEmbed, type FakeYouTubeOEmbed } from '../support/fake-oembed/index.js';
import {
  startFakeSoundCloud,
  type FakeSoundCloud,
  type FakeTrack,
} from '../support/fake-soundcloud/index.js';
import { LABEL_TRACK } from '../support/fake-soundcloud/tracks.js';
import { secretToolLookup, uniqueUser } from '../support/sign-in.js';

// SoundCloud in the window, in Debian's Chromium against `serve`, the real core, the real
// keychain, the fake SoundCloud, a fake YouTube oEmbed and the fake Last.fm: the SoundCloud
// card, the link field of the Scrobble… form (fills, the user reviews, then queues), and the
// Likes view (paged; only the picked tracks are scrobbled). Screenshots: test-results/e2e/.

const LIKED: FakeTrack[] = Array.from({ length: 60 }, (_, i) => ({
  id: 1000 + i,
  title: `Artist ${i} - Song ${i}`,
  user: `uploader${i}`,
  durationMs: 200_000 + i * 1000,
  permalink: `uploader${i}/song-${i}`,
}));

let app: E2eApp | undefined;
let soundcloud: FakeSoundCloud | undefined;
let youtube: FakeYouTubeOEmbed | undefined;
afterEach(async () => {
  // Taken first: a test that timed out may still be starting its parts.
  const [a, sc, yt] = [app, soundcloud, youtube];
  app = soundcloud = youtube = undefined;
  await a?.core.soundcloud.disconnect().catch(() => undefined);
  await a?.close();
  await sc?.close();
  await yt?.close();
});

async function start(
  scUser: string,
  method: 'oauth1' | 'oauth2' = 'oauth2',
  lastfmUser = uniqueUser('e2e-sc'),
) {
  soundcloud = await startFakeSoundCloud({
    users: [scUser],
    tracks: [LABEL_TRACK, ...LIKED],
    likes: { [scUser]: LIKED.map((t) => t.id) },
  });
  youtube = await startFakeYouTubeOEmbed({
    dQw4w9WgXcQ: {
      title: 'Rick Astley - Never Gonna Give You Up (Official Video)',
      author_name: 'Rick Astley',
    },
  });
  app = await e2eApp({
    signedInAs: lastfmUser,
    env: { ...soundcloud.env(method), SCROBBLETRAY_OEMBED_URL_YOUTUBE: youtube.url },
  });
  return { app, soundcloud, lastfmUser };
}

async function tab(page: E2eApp['page'], name: string) {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name, exact: true })
    .click();
}

/** No serious or critical accessibility violation in what `include` selects. */
async function expectAccessible(page: E2eApp['page'], include: string) {
  const found = await axeCheck(page, { include });
  expect(describeViolations(found.serious)).toEqual([]);
}

/** Connect through the core, the browser played by the test (the card has its own test). */
async function connectDirectly(a: E2eApp) {
  let approved: Promise<unknown> = Promise.resolve();
  await a.core.soundcloud.connect('oauth2', (url) => {
    approved = decideInBrowser(url, 'allow').then((location) => visit(location));
  });
  await approved;
}

describe('SoundCloud in the window', () => {
  it('the card connects with OAuth 2.1, shows who, and disconnects; no token reaches the page', async () => {
    const scUser = uniqueUser('sc-card');
    const { app, soundcloud } = await start(scUser);
    await tab(app.page, 'Account');
    const card = app.page.locator('article[data-service=soundcloud]');
    await pw(card.getByTestId('soundcloud-status')).toContainText('Not connected');
    await app.screenshot('soundcloud-card-not-connected');
    await expectAccessible(app.page, 'article[data-service=soundcloud]');

    const [popup] = await Promise.all([
      app.page.waitForEvent('popup'),
      card.getByRole('button', { name: 'Connect SoundCloud' }).click(),
    ]);
    await popup.waitForLoadState();
    // The approval page of the fake's OAuth 2.1 provider, reached with PKCE.
    expect(new URL(popup.url()).searchParams.get('code_challenge_method')).toBe('S256');
    await pw(card).toContainText('Waiting for approval');
    await popup.locator('select[name=user]').selectOption(scUser);
    await popup.getByRole('button', { name: 'Allow' }).click();
    await pw(popup.locator('body')).toContainText(/close this tab|signed in/i);
    await pw(card.getByTestId('soundcloud-status')).toContainText(
      `Connected as ${scUser} (OAuth 2.1)`,
      { timeout: 10_000 },
    );
    await app.screenshot('soundcloud-card-connected');
    await expectAccessible(app.page, 'article[data-service=soundcloud]');
    await popup.close();

    // The sign-in is in the keychain; none of it is in the page.
    const stored = JSON.parse(
      (await secretToolLookup(sessionAccount('soundcloud', scUser))) ?? '{}',
    ) as { accessToken?: string; refreshToken?: string };
    expect(stored.accessToken).toEqual(expect.any(String));
    const html = await app.page.content();
    for (const secret of [stored.accessToken, stored.refreshToken, soundcloud.consumer.secret]) {
      expect(html).not.toContain(secret);
    }

    await card.getByRole('button', { name: 'Disconnect' }).click();
    await app.page
      .getByRole('dialog', { name: 'Disconnect SoundCloud?' })
      .getByRole('button', { name: 'Disconnect', exact: true })
      .click();
    await pw(card.getByTestId('soundcloud-status')).toContainText('Not connected');
    expect(await secretToolLookup(sessionAccount('soundcloud', scUser))).toBeNull();
  });

  it('the card connects with OAuth 1.0a from "Other ways to connect"', async () => {
    const scUser = uniqueUser('sc-card1');
    // SCROBBLETRAY_SOUNDCLOUD_AUTHORIZE_URL names the approval page of the method in use.
    const { app } = await start(scUser, 'oauth1');
    await tab(app.page, 'Account');
    const card = app.page.locator('article[data-service=soundcloud]');
    await card.getByText('Other ways to connect').click();
    const [popup] = await Promise.all([
      app.page.waitForEvent('popup'),
      card.getByRole('button', { name: 'Connect with OAuth 1.0a' }).click(),
    ]);
    await popup.waitForLoadState();
    expect(new URL(popup.url()).searchParams.get('oauth_token')).toEqual(expect.any(String));
    await popup.getByRole('button', { name: 'Allow' }).click();
    await pw(card.getByTestId('soundcloud-status')).toContainText(
      `Connected as ${scUser} (OAuth 1.0a)`,
      { timeout: 10_000 },
    );
    await popup.close();
  });

  it('a link fills the form; nothing is queued until the user reviews and presses Scrobble', async () => {
    const { app, lastfmUser } = await start(uniqueUser('sc-link'));
    await app.page.getByRole('button', { name: 'Scrobble…' }).click();
    const dialog = app.page.getByRole('dialog');
    const link = dialog.getByLabel('Link (SoundCloud or YouTube)');

    // A link it cannot read says so, and fills nothing.
    await link.fill('https://example.com/song.mp3');
    await link.press('Enter');
    await pw(dialog.getByTestId('link-note')).toContainText(
      'Could not read that link: That link is from example.com.',
    );
    await pw(dialog.getByLabel('Artist', { exact: true })).toHaveValue('');

    // Not connected to SoundCloud: oEmbed gives the artist and title.
    await link.fill('https://soundcloud.com/ninjatune/bonobo-kerala');
    await dialog.getByRole('button', { name: 'Fill from link' }).click();
    await pw(dialog.getByTestId('link-note')).toContainText('Filled from SoundCloud.');
    await pw(dialog.getByLabel('Artist', { exact: true })).toHaveValue('Bonobo');
    await pw(dialog.getByLabel('Track', { exact: true })).toHaveValue('Kerala');

    // YouTube, with the decorations dropped.
    await link.fill('https://youtu.be/dQw4w9WgXcQ');
    await link.press('Enter');
    await pw(dialog.getByTestId('link-note')).toContainText('Filled from YouTube.');
    await pw(dialog.getByLabel('Artist', { exact: true })).toHaveValue('Rick Astley');
    await pw(dialog.getByLabel('Track', { exact: true })).toHaveValue('Never Gonna Give You Up');
    await app.screenshot('soundcloud-link-filled');
    await expectAccessible(app.page, '.manual-form');
    // Reading links (Enter included) queued nothing.
    expect(app.core.queue.stats().counts.queued + app.fake.scrobbles.length).toBe(0);

    // The user reviews, corrects, and confirms.
    await dialog
      .getByLabel('Track', { exact: true })
      .fill('Never Gonna Give You Up (2022 Remaster)');
    await dialog.getByRole('button', { name: 'Scrobble', exact: true }).click();
    await pw(app.page.getByTestId('manual-outcome')).toContainText('Accepted', { timeout: 10_000 });
    expect(app.fake.scrobbles.filter((s) => s.user === lastfmUser)).toMatchObject([
      { artist: 'Rick Astley', track: 'Never Gonna Give You Up (2022 Remaster)' },
    ]);
  });

  it('a connected account fills album and length from the label metadata', async () => {
    const { app } = await start(uniqueUser('sc-link-api'));
    await connectDirectly(app);
    await app.page.getByRole('button', { name: 'Scrobble…' }).click();
    const dialog = app.page.getByRole('dialog');
    await dialog
      .getByLabel('Link (SoundCloud or YouTube)')
      .fill('https://soundcloud.com/ninjatune/bonobo-kerala');
    await dialog.getByRole('button', { name: 'Fill from link' }).click();
    await pw(dialog.getByTestId('link-note')).toContainText(
      'Filled from SoundCloud (your account).',
    );
    await pw(dialog.getByLabel('Album', { exact: true })).toHaveValue('Migration');
    await pw(dialog.getByLabel('Duration')).toHaveValue('4:06');
  });

  it('Likes: pages through the liked tracks and scrobbles only the picked ones', async () => {
    const { app, lastfmUser } = await start(uniqueUser('sc-likes'));
    await tab(app.page, 'Likes');
    await pw(app.page.getByTestId('likes-not-connected')).toBeVisible();

    await connectDirectly(app);
    const list = app.page.getByRole('list', { name: 'Liked tracks' });
    await pw(list.getByRole('listitem')).toHaveCount(50, { timeout: 10_000 });
    await pw(list).toContainText('Artist 0 – Song 0');
    await app.page.getByRole('button', { name: 'Show more likes' }).click();
    await pw(list.getByRole('listitem')).toHaveCount(60);
    await pw(app.page.getByTestId('likes-end')).toContainText('That is all 60 liked tracks.');

    await list.getByRole('checkbox', { name: /Artist 3 – Song 3/ }).check();
    await list.getByRole('checkbox', { name: /Artist 55 – Song 55/ }).check();
    await app.screenshot('soundcloud-likes-picked');
    await expectAccessible(app.page, '.likes-view');
    await app.page.getByRole('button', { name: 'Scrobble 2 picked tracks' }).click();
    await pw
      .poll(() => app.fake.scrobbles.filter((s) => s.user === lastfmUser).length, {
        timeout: 10_000,
      })
      .toBe(2);
    const sent = app.fake.scrobbles.filter((s) => s.user === lastfmUser);
    expect(sent.map((s) => [s.artist, s.track, s.duration]).sort()).toEqual([
      ['Artist 3', 'Song 3', 203],
      ['Artist 55', 'Song 55', 255],
    ]);
    await pw(app.page.getByRole('button', { name: 'Scrobble picked tracks' })).toBeDisabled();
  });
});
