// The SoundCloud API client and trackFromLink over real HTTP on 127.0.0.1: the fake
// SoundCloud (API behind both sign-in methods, and its oEmbed) and a fake YouTube oEmbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkError } from '../../../src/main/links/errors.js';
import { oembedEndpoints } from '../../../src/main/links/oembed.js';
import { trackFromLink } from '../../../src/main/links/track-from-link.js';
import type { SoundCloudCredential } from '../../../src/main/oauth/soundcloud-credential.js';
import { soundCloudEndpoints } from '../../../src/main/oauth/soundcloud-endpoints.js';
import type { SoundCloudClient } from '../../../src/main/soundcloud/client.js';
import { connectSoundCloud } from '../../../src/main/soundcloud/connect.js';
import { SoundCloudError } from '../../../src/main/soundcloud/errors.js';
import { startFakeYouTubeOEmbed } from '../../support/fake-oembed/index.js';
import type { FakeYouTubeOEmbed } from '../../support/fake-oembed/index.js';
import { startFakeSoundCloud } from '../../support/fake-soundcloud/index.js';
import type { FakeSoundCloud, FakeTrack } from '../../support/fake-soundcloud/index.js';
import { signInThroughFake } from '../../support/fake-soundcloud/sign-in.js';
import { LABEL_TRACK, PLAIN_TRACK } from '../../support/fake-soundcloud/tracks.js';

const LIKED = Array.from({ length: 120 }, (_, i): FakeTrack => ({
  id: 1000 + i,
  title: `Song ${i}`,
  user: 'someone',
  durationMs: 180_000 + i,
  permalink: `someone/song-${i}`,
}));

let fake: FakeSoundCloud;
let youtube: FakeYouTubeOEmbed;
let oauth1: SoundCloudCredential;
let oauth2: SoundCloudCredential;

beforeAll(async () => {
  fake = await startFakeSoundCloud({
    users: ['alice'],
    tracks: [LABEL_TRACK, PLAIN_TRACK, ...LIKED],
    playlists: ['forss/sets/soulhack'],
    likes: { alice: LIKED.map((t) => t.id) },
  });
  youtube = await startFakeYouTubeOEmbed({
    dQw4w9WgXcQ: {
      title: 'Rick Astley - Never Gonna Give You Up (Official Music Video)',
      author_name: 'Rick Astley',
    },
    '0123456789a': { title: 'Jóga', author_name: 'Björk - Topic' },
    privatevid0: 'private',
  });
  oauth1 = await signInThroughFake(fake, 'oauth1');
  oauth2 = await signInThroughFake(fake, 'oauth2');
});
afterAll(async () => {
  await fake.close();
  await youtube.close();
});

function client(credential: SoundCloudCredential): SoundCloudClient {
  return connectSoundCloud({
    credential,
    endpoints: soundCloudEndpoints(credential.method, fake.env(credential.method)),
    consumer: fake.consumer,
    save: () => Promise.resolve(),
  });
}

const endpoints = () =>
  oembedEndpoints({ ...fake.env('oauth2'), SCROBBLETRAY_OEMBED_URL_YOUTUBE: youtube.url });

describe.each(['oauth1', 'oauth2'] as const)('SoundCloud API signed in by %s', (method) => {
  const cred = () => (method === 'oauth1' ? oauth1 : oauth2);

  it('knows who is signed in', async () => {
    expect(await client(cred()).me()).toEqual({
      id: 'soundcloud:users:1',
      username: 'alice',
      permalinkUrl: 'https://soundcloud.com/alice',
    });
  });

  it('resolves a link (following the redirect) with the publisher metadata', async () => {
    expect(await client(cred()).resolve('https://soundcloud.com/ninjatune/bonobo-kerala')).toEqual({
      id: 'soundcloud:tracks:7',
      title: 'Bonobo - Kerala',
      uploader: 'ninjatune',
      durationMs: 245_612,
      permalinkUrl: 'https://soundcloud.com/ninjatune/bonobo-kerala',
      publisher: { artist: 'Bonobo', album: 'Migration' },
    });
  });

  it('pages through every liked track by next_href', async () => {
    const api = client(cred());
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await api.likes(cursor);
      ids.push(...page.tracks.map((t) => t.id));
      cursor = page.next;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(ids).toEqual(LIKED.map((t) => `soundcloud:tracks:${t.id}`));
  });
});

describe('SoundCloud API failures', () => {
  it('a playlist, a missing track and a server error each get their own plain message', async () => {
    const api = client(oauth2);
    await expect(api.resolve('https://soundcloud.com/forss/sets/soulhack')).rejects.toThrow(
      /playlist or album \(a set\), not a single track/,
    );
    const missing = await api.resolve('https://soundcloud.com/forss/gone').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(SoundCloudError);
    expect((missing as SoundCloudError).kind).toBe('not-found');
    expect((missing as SoundCloudError).message).toMatch(/no public track at this link/);
    fake.failNext('/me', 503);
    const down = await api.me().catch((e: unknown) => e);
    expect((down as SoundCloudError).kind).toBe('unreachable');
    expect((down as SoundCloudError).message).toMatch(/had a problem answering me \(HTTP 503\)/);
  });

  it('a revoked 1.0a token means signing in again, and the message holds no token', async () => {
    const cred = await signInThroughFake(fake, 'oauth1');
    fake.oauth1.revoke(cred.accessToken);
    const error = (await client(cred)
      .me()
      .catch((e: unknown) => e)) as SoundCloudError;
    expect(error.kind).toBe('reauth');
    expect(error.message).toMatch(/Sign in to SoundCloud again/);
    expect(error.message).not.toContain(cred.accessToken);
  });

  it('does not follow a next_href to another host with the sign-in', async () => {
    await expect(
      client(oauth2).likes('https://evil.example/me/likes/tracks?cursor=x'),
    ).rejects.toThrow(/does not follow it with your sign-in/);
  });
});

describe('trackFromLink', () => {
  it('SoundCloud with an account: artist and album from the publisher, duration in seconds', async () => {
    expect(
      await trackFromLink('https://soundcloud.com/ninjatune/bonobo-kerala?si=123', {
        oembed: endpoints(),
        soundcloud: client(oauth2),
      }),
    ).toEqual({
      artist: 'Bonobo',
      track: 'Kerala',
      album: 'Migration',
      duration: 246,
      url: 'https://soundcloud.com/ninjatune/bonobo-kerala',
      source: 'soundcloud-api',
    });
  });

  it('SoundCloud with an account, no publisher metadata: the uploader is the artist', async () => {
    expect(
      await trackFromLink('soundcloud.com/forss/flickermood', {
        oembed: endpoints(),
        soundcloud: client(oauth1),
      }),
    ).toMatchObject({
      artist: 'Forss',
      track: 'Flickermood',
      duration: 213,
      source: 'soundcloud-api',
    });
  });

  it('SoundCloud without an account: oEmbed, "Title by Uploader" read back apart', async () => {
    const before = fake.requests.length;
    expect(
      await trackFromLink('https://soundcloud.com/forss/flickermood', {
        oembed: endpoints(),
        soundcloud: null,
      }),
    ).toEqual({
      artist: 'Forss',
      track: 'Flickermood',
      url: 'https://soundcloud.com/forss/flickermood',
      source: 'soundcloud-oembed',
    });
    const asked = fake.requests.slice(before);
    expect(asked.map((r) => r.url.pathname)).toEqual(['/oembed']);
    expect(asked[0]!.headers.authorization).toBeUndefined();
    expect(asked[0]!.url.searchParams.get('format')).toBe('json');
  });

  it.each([
    [
      'https://music.youtube.com/watch?v=dQw4w9WgXcQ&feature=share',
      { artist: 'Rick Astley', track: 'Never Gonna Give You Up' },
    ],
    ['https://youtu.be/0123456789a', { artist: 'Björk', track: 'Jóga' }],
  ])('YouTube %s: oEmbed title and channel through the title parser', async (link, expected) => {
    expect(await trackFromLink(link, { oembed: endpoints() })).toMatchObject({
      ...expected,
      source: 'youtube-oembed',
    });
  });

  it.each([
    ['https://www.youtube.com/watch?v=privatevid0', 'not-found', /private or cannot be embedded/],
    ['https://www.youtube.com/watch?v=unknownvid0', 'not-found', /no public video at this link/],
    ['https://soundcloud.com/forss/gone', 'not-found', /no public track at this link/],
    [
      'https://example.com/song.mp3',
      'unsupported',
      /Scrobbletray reads track links from SoundCloud/,
    ],
  ])('%s fails in plain words', async (link, kind, message) => {
    const error = (await trackFromLink(link, { oembed: endpoints() }).catch(
      (e: unknown) => e,
    )) as LinkError;
    expect(error).toBeInstanceOf(LinkError);
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
  });

  it('an unreachable oEmbed endpoint says so', async () => {
    const closed = await startFakeYouTubeOEmbed({});
    await closed.close();
    const error = (await trackFromLink('https://youtu.be/dQw4w9WgXcQ', {
      oembed: { ...endpoints(), youtube: closed.url },
    }).catch((e: unknown) => e)) as LinkError;
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(
      /Could not ask YouTube about this link: Could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    );
  });
});

describe('endpoint settings', () => {
  it('uses the defaults, each overridable by its environment variable, and refuses non-web values', () => {
    expect(soundCloudEndpoints('oauth2', {})).toEqual({
      apiUrl: 'https://api.soundcloud.com/',
      authorizeUrl: 'https://secure.soundcloud.com/authorize',
      tokenUrl: 'https://secure.soundcloud.com/oauth/token',
      requestTokenUrl: 'https://api.soundcloud.com/oauth/request_token',
      accessTokenUrl: 'https://api.soundcloud.com/oauth/access_token',
    });
    expect(soundCloudEndpoints('oauth1', {}).authorizeUrl).toBe(
      'https://soundcloud.com/oauth/authorize',
    );
    expect(
      soundCloudEndpoints('oauth1', { SCROBBLETRAY_SOUNDCLOUD_API_URL: 'http://127.0.0.1:9/sc' })
        .requestTokenUrl,
    ).toBe('http://127.0.0.1:9/sc/oauth/request_token');
    expect(oembedEndpoints({})).toEqual({
      soundcloud: 'https://soundcloud.com/oembed',
      youtube: 'https://www.youtube.com/oembed',
    });
    expect(() =>
      soundCloudEndpoints('oauth2', { SCROBBLETRAY_SOUNDCLOUD_TOKEN_URL: 'file:///etc/passwd' }),
    ).toThrow(/SCROBBLETRAY_SOUNDCLOUD_TOKEN_URL must start with http:\/\/ or https:\/\//);
    expect(() => oembedEndpoints({ SCROBBLETRAY_OEMBED_URL_YOUTUBE: 'nope' })).toThrow(
      /SCROBBLETRAY_OEMBED_URL_YOUTUBE is not a web address/,
    );
  });
});
