// catalogue.search, catalogue.album and profile.recent as every front reaches them: through
// dispatch() on a real core (SQLite in a temp dir) against the fake Last.fm (and its GNU FM
// flavour). The keychain is the in-memory double: these reads need no secret from it (the
// API key and secret come from the environment, as SCROBBLETRAY_LASTFM_API_* allow), and
// sign-in is not what is tested here.
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch.js';
import { Core } from '../../../src/main/core.js';
import { MemorySecretStore } from '../../../src/main/secrets/memory-store.js';
import type {
  CatalogueAlbum,
  CatalogueSearchResult,
  ProfilePage,
} from '../../../src/shared/catalogue.js';
import { startFakeLastfm, type FakeLastfm } from '../../support/fake-lastfm/index.js';
import { cliEnv, uniqueUser } from '../../support/sign-in.js';
import { tempDir } from '../../support/temp-dir.js';

let fake: FakeLastfm;
let core: Core;
let cleanup: () => void = () => undefined;
/** The core's clock: real time plus what a test skips ahead. */
let clock = 0;

afterEach(async () => {
  await core?.close();
  await fake?.close();
  cleanup();
});

async function setUp(
  opts: { flavor?: 'lastfm' | 'gnufm'; apiKey?: boolean; signIn?: 'lastfm' | 'librefm' } = {},
) {
  fake = await startFakeLastfm(opts.flavor ? { flavor: opts.flavor } : {});
  const dir = tempDir();
  cleanup = dir.cleanup;
  const env = cliEnv(fake, dir.path, {
    SCROBBLETRAY_LASTFM_API_KEY: opts.apiKey === false ? '' : fake.apiKey,
    SCROBBLETRAY_LASTFM_API_SECRET: opts.apiKey === false ? '' : fake.apiSecret,
  });
  clock = 0;
  core = new Core({
    dataDir: dir.path,
    env,
    secrets: new MemorySecretStore(),
    log: () => {},
    now: () => Date.now() + clock,
  });
  if (opts.signIn) {
    const user = uniqueUser('catalogue');
    fake.addUser(user, 'pw');
    if (opts.signIn === 'librefm') {
      // Libre.fm at the fake's address, as a user who pointed it at their own server.
      core.settings.set('services.librefm.apiUrl', fake.apiUrl);
    }
    await core.accountStore.signIn(opts.signIn, user, fake.createSession(user));
  }
}

const call = <T>(method: string, input: unknown) => dispatch(core, method, input) as Promise<T>;

async function failure(p: Promise<unknown>): Promise<{ kind: string; message: string }> {
  const error = await p.then(
    () => expect.fail('expected a failure'),
    (e: unknown) => e as { kind: string; message: string },
  );
  return { kind: error.kind, message: error.message };
}

describe('catalogue.search', () => {
  it('searches the signed-in Last.fm and names it; no key or secret in the answer', async () => {
    await setUp({ signIn: 'lastfm' });
    const found = await call<CatalogueSearchResult>('catalogue.search', {
      query: 'karma',
      kind: 'track',
    });
    expect(found).toEqual({
      service: 'lastfm',
      serviceName: 'Last.fm',
      kind: 'track',
      matches: [{ artist: 'Radiohead', track: 'Karma Police', listeners: 1_700_000 }],
    });
    const text = JSON.stringify(found);
    expect(text).not.toContain(fake.apiSecret);
    expect(text).not.toContain(fake.apiKey);
  });

  it('works with Last.fm’s API key before anyone signs in', async () => {
    await setUp();
    const found = await call<CatalogueSearchResult>('catalogue.search', {
      query: 'abbey',
      kind: 'album',
    });
    expect(found.matches).toEqual([
      { artist: 'The Beatles', album: 'Abbey Road', listeners: null },
    ]);
  });

  it('asks the service once for a search repeated while typing and erasing', async () => {
    await setUp({ signIn: 'lastfm' });
    const input = { query: 'radio', kind: 'artist' };
    await call('catalogue.search', input);
    await call('catalogue.search', { ...input, query: 'Radio ' });
    expect(fake.requests.filter((r) => r.method === 'artist.search')).toHaveLength(1);
  });

  it('without any service to ask, says what to set up', async () => {
    await setUp({ apiKey: false });
    const error = await failure(call('catalogue.search', { query: 'karma', kind: 'track' }));
    expect(error.kind).toBe('needs-sign-in');
    expect(error.message).toMatch(/API key/);
  });

  it('an unreachable service is "unavailable", in words without codes or method names', async () => {
    await setUp({ signIn: 'lastfm' });
    fake.injectFault({ kind: 'status', status: 503 }, { method: 'track.search' });
    const error = await failure(call('catalogue.search', { query: 'karma', kind: 'track' }));
    expect(error).toEqual({
      kind: 'unavailable',
      message: 'Last.fm could not be reached. Try again in a moment.',
    });
  });

  it('after finding the service unreachable, searches pause for 30 s instead of asking again', async () => {
    await setUp({ signIn: 'lastfm' });
    fake.injectFault({ kind: 'status', status: 503 }, { method: 'album.search' });
    const searches = () => fake.requests.filter((r) => r.method === 'album.search').length;
    const search = (query: string) => call('catalogue.search', { query, kind: 'album' });
    expect((await failure(search('ok'))).kind).toBe('unavailable');
    expect((await failure(search('ok c'))).kind).toBe('unavailable');
    expect(searches()).toBe(1);
    // Album lookups, asked for one at a time, still try.
    await call('catalogue.album', { artist: 'Cher', album: 'Believe' });
    clock += 31_000;
    const found = await call<CatalogueSearchResult>('catalogue.search', {
      query: 'ok c',
      kind: 'album',
    });
    expect(found.matches.map((m) => m.album)).toEqual(['OK Computer']);
    expect(searches()).toBe(2);
  });

  it('refuses an empty query and a service that has no catalogue', async () => {
    await setUp({ signIn: 'lastfm' });
    expect((await failure(call('catalogue.search', { query: ' ', kind: 'track' }))).kind).toBe(
      'invalid-input',
    );
    const error = await failure(
      call('catalogue.search', { service: 'listenbrainz', query: 'x', kind: 'track' }),
    );
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toContain('ListenBrainz has no catalogue');
  });
});

describe('catalogue.album', () => {
  it('gives the tracklist with lengths as the service spells it', async () => {
    await setUp({ signIn: 'lastfm' });
    const album = await call<CatalogueAlbum>('catalogue.album', {
      artist: 'cher',
      album: 'believe',
    });
    expect(album).toMatchObject({ service: 'lastfm', artist: 'Cher', album: 'Believe' });
    expect(album.tracks).toEqual([
      { position: 1, title: 'Believe', artist: 'Cher', duration: 239 },
      { position: 2, title: 'The Power', artist: 'Cher', duration: 236 },
      { position: 3, title: 'Runaway', artist: 'Cher', duration: null },
    ]);
  });

  it('an unknown album is not-found, in plain words', async () => {
    await setUp({ signIn: 'lastfm' });
    const error = await failure(call('catalogue.album', { artist: 'Cher', album: 'Unbelieve' }));
    expect(error).toEqual({
      kind: 'not-found',
      message:
        'Last.fm does not know an album “Unbelieve” by Cher. Check the spelling, or paste the tracklist instead.',
    });
  });
});

describe('profile.recent', () => {
  it('pages through another user’s finished plays, newest first', async () => {
    await setUp({ signIn: 'lastfm' });
    const friend = uniqueUser('friend');
    fake.addUser(friend, 'pw');
    const sk = fake.createSession(friend);
    const now = Math.floor(Date.now() / 1000);
    const { LastfmClient } = await import('../../../src/main/lastfm/client.js');
    const client = new LastfmClient({
      apiUrl: fake.apiUrl,
      apiKey: fake.apiKey,
      apiSecret: fake.apiSecret,
    });
    const plays = Array.from({ length: 52 }, (_, i) => ({
      artist: 'Low',
      track: `Song ${i + 1}`,
      timestamp: now - 6000 + i * 60,
    }));
    await client.scrobble(sk, plays.slice(0, 50));
    await client.scrobble(sk, plays.slice(50));
    // Playing now: not a finished play, so not offered.
    await client.updateNowPlaying(sk, { artist: 'Low', track: 'Playing Now' });
    await client.close();

    const first = await call<ProfilePage>('profile.recent', { user: friend.toUpperCase() });
    expect(first).toMatchObject({ service: 'lastfm', page: 1, totalPages: 2, total: 52 });
    expect(first.plays).toHaveLength(50);
    expect(first.plays[0]).toEqual({
      artist: 'Low',
      track: 'Song 52',
      album: '',
      timestamp: plays[51]?.timestamp,
    });
    const second = await call<ProfilePage>('profile.recent', { user: friend, page: 2 });
    expect(second.plays.map((p) => p.track)).toEqual(['Song 2', 'Song 1']);
  });

  it('an unknown user is not-found; a user name with a space is refused', async () => {
    await setUp({ signIn: 'lastfm' });
    expect(await failure(call('profile.recent', { user: 'nobody-at-all' }))).toEqual({
      kind: 'not-found',
      message: 'Last.fm has no user named “nobody-at-all”.',
    });
    const error = await failure(call('profile.recent', { user: 'two words' }));
    expect(error.kind).toBe('invalid-input');
  });

  it('GNU FM: a signed-in Libre.fm answers when Last.fm is not set up; its "error 7" is an empty list', async () => {
    await setUp({ flavor: 'gnufm', apiKey: false, signIn: 'librefm' });
    fake.injectFault(
      {
        kind: 'status',
        status: 200,
        body: JSON.stringify({ error: { '#text': 'Invalid resource specified', code: '7' } }),
      },
      { method: 'user.getRecentTracks' },
    );
    const page = await call<ProfilePage>('profile.recent', { user: 'quiet' });
    expect(page).toMatchObject({
      service: 'librefm',
      serviceName: 'Libre.fm',
      total: 0,
      plays: [],
    });
    const found = await call<CatalogueSearchResult>('catalogue.search', {
      query: 'police',
      kind: 'track',
    });
    expect(found.service).toBe('librefm');
  });
});
