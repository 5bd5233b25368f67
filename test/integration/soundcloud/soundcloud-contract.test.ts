// SoundCloud and links as the window reaches them: through dispatch() and the shared contract,
// over a real core (SQLite in a temp dir, the real keychain through scripts/with-keyring.sh),
// the fake SoundCloud and a fake YouTube oEmbed. Results and events never carry a token or a
// secret; failures arrive in the core's error vocabulary.
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch.js';
import { Core } from '../../../src/main/core.js';
import { errorView } from '../../../src/main/errors/error-kinds.js';
import { refreshAccessToken } from '../../../src/main/oauth/oauth2/token-endpoint.js';
import { sessionAccount } from '../../../src/main/secrets/accounts.js';
import type { CoreEvent } from '../../../src/shared/core-events.js';
import type {
  LikesPageView,
  LinkTrackView,
  SoundCloudStatus,
} from '../../../src/shared/soundcloud.js';
import { decideInBrowser, visit } from '../../support/fake-oauth1/browser.js';
import { startFakeYouTubeOEmbed } from '../../support/fake-oembed/index.js';
import { startFakeSoundCloud, type FakeTrack } from '../../support/fake-soundcloud/index.js';
import { secretToolLookup, uniqueUser } from '../../support/sign-in.js';
import { filesContainingSecrets, tempDir } from '../../support/temp-dir.js';

const TRACKS: FakeTrack[] = Array.from({ length: 55 }, (_, i) => ({
  id: 100 + i,
  title: i === 0 ? 'Untitled upload' : `Band ${i} - Tune ${i}`,
  user: `up${i}`,
  durationMs: 120_000 + i * 1000,
  permalink: `up${i}/tune-${i}`,
}));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp() {
  const user = uniqueUser('sc-contract');
  const fake = await startFakeSoundCloud({
    users: [user],
    tracks: TRACKS,
    likes: { [user]: TRACKS.map((t) => t.id) },
  });
  cleanups.push(() => fake.close());
  const youtube = await startFakeYouTubeOEmbed({
    abcdefghijk: { title: 'Sade - Smooth Operator (Official Video)', author_name: 'SadeVEVO' },
  });
  cleanups.push(() => youtube.close());
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  const events: CoreEvent[] = [];
  const core = new Core({
    dataDir: dir.path,
    env: { ...fake.env('oauth2'), SCROBBLETRAY_OEMBED_URL_YOUTUBE: youtube.url },
    onEvent: (e) => events.push(e),
  });
  cleanups.push(async () => {
    await core.soundcloud.disconnect().catch(() => undefined);
    await core.close();
  });
  const call = <T>(method: string, input: unknown = {}) =>
    dispatch(core, method, input) as Promise<T>;
  return { user, fake, core, dir: dir.path, events, call };
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => expect.fail('expected a failure'),
    (e: unknown) => e,
  );
  return errorView(error);
}

describe('soundcloud.* and links.resolve through the contract', () => {
  it('connect hands back the approval URL, finishes in the background, and no secret comes out', async () => {
    const { user, fake, dir, events, call } = await setUp();
    expect(await call<SoundCloudStatus>('soundcloud.status')).toEqual({
      connected: false,
      user: null,
      method: null,
      signedInAt: null,
      hasApp: true,
      needsSignIn: false,
    });
    expect((await failure(call('soundcloud.likes'))).kind).toBe('needs-sign-in');

    const { url } = await call<{ url: string }>('soundcloud.connect', { method: 'oauth2' });
    expect(new URL(url).origin).toBe(fake.origin);
    await visit(await decideInBrowser(url, 'allow'));
    await expect.poll(() => events.some((e) => e.type === 'account-changed')).toBe(true);
    expect(events).toContainEqual({ type: 'account-changed', target: 'soundcloud' });

    const status = await call<SoundCloudStatus>('soundcloud.status');
    expect(status).toMatchObject({ connected: true, user, method: 'oauth2', needsSignIn: false });
    const who = await call('soundcloud.whoami');
    expect(who).toMatchObject({ user, method: 'oauth2' });

    // Likes, a page at a time, with the artist and title to scrobble.
    const first = await call<LikesPageView>('soundcloud.likes');
    expect(first.tracks).toHaveLength(50);
    expect(first.tracks[1]).toMatchObject({ artist: 'Band 1', track: 'Tune 1', duration: 121 });
    // An upload with no artist in its title: the uploader stands in.
    expect(first.tracks[0]).toMatchObject({ artist: 'up0', track: 'Untitled upload' });
    expect(first.next).toEqual(expect.any(String));
    const second = await call<LikesPageView>('soundcloud.likes', { cursor: first.next });
    expect(second.tracks.map((t) => t.track)).toEqual(
      TRACKS.slice(50).map((t) => t.title.replace(/^Band \d+ - /, '')),
    );
    expect(second.next).toBeNull();
    // A cursor that points away from the API is refused: the sign-in is not sent elsewhere.
    const away = await failure(
      call('soundcloud.likes', { cursor: 'https://evil.example/me/likes/tracks' }),
    );
    expect(away.message).toMatch(/does not follow it with your sign-in/);

    // Links: the connected account's resolve; YouTube by oEmbed.
    const link = await call<LinkTrackView>('links.resolve', {
      url: 'https://soundcloud.com/up3/tune-3',
    });
    expect(link).toMatchObject({ artist: 'Band 3', track: 'Tune 3', duration: 123 });
    expect(link.source).toBe('soundcloud-api');
    const video = await call<LinkTrackView>('links.resolve', { url: 'youtu.be/abcdefghijk' });
    expect(video).toMatchObject({ artist: 'Sade', track: 'Smooth Operator' });

    const stored = JSON.parse(
      (await secretToolLookup(sessionAccount('soundcloud', user))) ?? '{}',
    ) as Record<string, string>;
    const secrets = [stored['accessToken'], stored['refreshToken'], fake.consumer.secret].filter(
      (s): s is string => typeof s === 'string',
    );
    expect(secrets).toHaveLength(3);
    const everything = JSON.stringify([status, who, first, second, link, video, events]);
    for (const s of secrets) expect(everything).not.toContain(s);
    expect(filesContainingSecrets(dir, secrets)).toEqual([]);

    const after = await call<SoundCloudStatus>('soundcloud.disconnect');
    expect(after).toMatchObject({ connected: false, user: null });
    expect(await secretToolLookup(sessionAccount('soundcloud', user))).toBeNull();
  });

  it('a denied approval arrives as sign-in-failed; bad input and bad links in plain words', async () => {
    const { events, call } = await setUp();
    const { url } = await call<{ url: string }>('soundcloud.connect', { method: 'oauth2' });
    await visit(await decideInBrowser(url, 'deny'));
    await expect.poll(() => events.find((e) => e.type === 'sign-in-failed')).toBeDefined();
    expect(events.find((e) => e.type === 'sign-in-failed')).toMatchObject({
      target: 'soundcloud',
      message: expect.stringMatching(/not approved/i) as string,
    });
    expect((await call<SoundCloudStatus>('soundcloud.status')).connected).toBe(false);

    expect((await failure(call('soundcloud.connect', { method: 'oauth3' }))).kind).toBe(
      'invalid-input',
    );
    const notALink = await failure(call('links.resolve', { url: 'https://example.com/x' }));
    expect(notALink.kind).toBe('invalid-input');
    expect(notALink.message).toContain('reads track links from SoundCloud');
    const gone = await failure(
      call('links.resolve', { url: 'https://soundcloud.com/nobody/never' }),
    );
    expect(gone.kind).toBe('not-found');
  });

  it('a sign-in SoundCloud revoked: links are still read (by oEmbed) and the status says to connect again', async () => {
    const { user, fake, call } = await setUp();
    const { url } = await call<{ url: string }>('soundcloud.connect', { method: 'oauth2' });
    await visit(await decideInBrowser(url, 'allow'));
    await expect
      .poll(async () => (await call<SoundCloudStatus>('soundcloud.status')).connected)
      .toBe(true);
    // Someone uses the refresh token twice: SoundCloud revokes the whole sign-in.
    const stored = JSON.parse(
      (await secretToolLookup(sessionAccount('soundcloud', user))) ?? '{}',
    ) as Record<string, string>;
    const replay = () =>
      refreshAccessToken({
        tokenUrl: `${fake.origin}${fake.oauth2.paths.token}`,
        client: { clientId: fake.consumer.key, clientSecret: fake.consumer.secret },
        service: 'SoundCloud',
        refreshToken: String(stored['refreshToken']),
      });
    await replay();
    await expect(replay()).rejects.toThrow();

    const link = await call<LinkTrackView>('links.resolve', {
      url: 'https://soundcloud.com/up3/tune-3',
    });
    expect(link).toMatchObject({ artist: 'Band 3', track: 'Tune 3', source: 'soundcloud-oembed' });
    expect(await call<SoundCloudStatus>('soundcloud.status')).toMatchObject({
      user,
      needsSignIn: true,
    });
    const likes = await failure(call('soundcloud.likes'));
    expect(likes.kind).toBe('needs-sign-in');
    expect(likes.message).toMatch(/sign in to SoundCloud again/i);
  });
});
