// The catalogue reads (track/artist/album.search, album.getInfo) against the fake Last.fm on
// 127.0.0.1:0: what a form gets to suggest and to fill in, and how "not found", server
// errors and GNU FM's error shape come out.
import { afterEach, describe, expect, it } from 'vitest';
import { LastfmClient } from '../../../src/main/lastfm/client.js';
import { LastfmError } from '../../../src/main/lastfm/errors.js';
import { startFakeLastfm, type FakeLastfm } from '../../support/fake-lastfm/index.js';

let fake: FakeLastfm;
let client: LastfmClient;

async function start(opts: Parameters<typeof startFakeLastfm>[0] = {}) {
  fake = await startFakeLastfm(opts);
  client = new LastfmClient({
    apiUrl: fake.apiUrl,
    apiKey: fake.apiKey,
    apiSecret: fake.apiSecret,
  });
}

afterEach(async () => {
  await client?.close();
  await fake?.close();
});

async function failure(p: Promise<unknown>): Promise<LastfmError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof LastfmError) return error;
    throw error;
  }
  throw new Error('expected a LastfmError');
}

describe('catalogue search', () => {
  it('finds tracks by title, most listened first, with their artists', async () => {
    await start();
    const page = await client.search('track', { query: 'an' });
    const titles = page.matches.map((m) => `${m.artist} – ${m.track}`);
    expect(titles).toEqual([
      'Radiohead – Paranoid Android',
      'Radiohead – Subterranean Homesick Alien',
      'The Beatles – I Want You (She’s So Heavy)',
    ]);
    expect(page.total).toBe(page.matches.length);
    expect(page.matches.every((m) => m.track?.toLowerCase().includes('an'))).toBe(true);
  });

  it('narrows track titles to an artist', async () => {
    await start();
    const page = await client.search('track', { query: 'e', artist: 'cher' });
    expect(page.matches.map((m) => m.track)).toEqual(['Believe', 'The Power']);
    expect(new Set(page.matches.map((m) => m.artist))).toEqual(new Set(['Cher']));
  });

  it('reads a single match, which Last.fm sends as an object rather than a list', async () => {
    await start();
    const page = await client.search('track', { query: 'karma' });
    expect(page.matches).toEqual([
      { artist: 'Radiohead', track: 'Karma Police', listeners: 1_700_000 },
    ]);
  });

  it('finds artists and albums', async () => {
    await start();
    const artists = await client.search('artist', { query: 'the' });
    expect(artists.matches.map((m) => m.artist)).toEqual(['The Beatles']);
    const albums = await client.search('album', { query: 'o' });
    expect(albums.matches.map((m) => `${m.artist} – ${m.album}`)).toEqual([
      'Radiohead – OK Computer',
      'The Beatles – Abbey Road',
      'Radiohead – In Rainbows',
    ]);
  });

  it('answers no matches with an empty list', async () => {
    await start();
    const page = await client.search('album', { query: 'zzzz not a record' });
    expect(page).toEqual({ matches: [], total: 0 });
  });

  it('pages with limit and page', async () => {
    await start();
    const first = await client.search('track', { query: 'e', limit: 2, page: 1 });
    const second = await client.search('track', { query: 'e', limit: 2, page: 2 });
    expect(first.matches).toHaveLength(2);
    expect(second.matches).toHaveLength(2);
    expect(first.total).toBeGreaterThan(4);
    expect(second.matches[0]?.track).not.toBe(first.matches[0]?.track);
  });

  it('refuses an empty query before sending anything', async () => {
    await start();
    await expect(client.search('track', { query: '  ' })).rejects.toThrow(RangeError);
    expect(fake.requests).toHaveLength(0);
  });

  it('a server fault comes out as a transient error', async () => {
    await start();
    fake.injectFault({ kind: 'error', code: 11 }, { method: 'track.search' });
    const error = await failure(client.search('track', { query: 'air' }));
    expect(error.code).toBe(11);
    expect(error.transient).toBe(true);
  });

  it('a wrong API key is error 10, permanent', async () => {
    await start();
    const wrong = new LastfmClient({ apiUrl: fake.apiUrl, apiKey: 'nope', apiSecret: 'x' });
    try {
      const error = await failure(wrong.search('artist', { query: 'cher' }));
      expect(error.code).toBe(10);
      expect(error.errorClass).toBe('permanent');
    } finally {
      await wrong.close();
    }
  });
});

describe('album.getInfo', () => {
  it('gives the tracklist in order with lengths in seconds', async () => {
    await start();
    const info = await client.getAlbumInfo({ artist: 'radiohead', album: 'ok computer' });
    expect(info.artist).toBe('Radiohead');
    expect(info.album).toBe('OK Computer');
    expect(info.tracks).toHaveLength(12);
    expect(info.tracks[0]).toEqual({
      position: 1,
      title: 'Airbag',
      artist: 'Radiohead',
      duration: 284,
    });
    expect(info.tracks.map((t) => t.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('a length Last.fm does not know (null) comes out as null', async () => {
    await start();
    const info = await client.getAlbumInfo({ artist: 'Cher', album: 'Believe' });
    expect(info.tracks.map((t) => t.duration)).toEqual([239, 236, null]);
  });

  it('a one-track album (a bare object) and a compilation artist per track', async () => {
    await start({
      catalogue: [
        {
          artist: 'Various Artists',
          album: 'One Song',
          tracks: [{ title: 'Big in Japan', duration: 284, artist: 'Alphaville' }],
        },
      ],
    });
    const info = await client.getAlbumInfo({ artist: 'Various Artists', album: 'One Song' });
    expect(info.tracks).toEqual([
      { position: 1, title: 'Big in Japan', artist: 'Alphaville', duration: 284 },
    ]);
  });

  it('an unknown album is Last.fm error 6, "Album not found"', async () => {
    await start();
    const error = await failure(client.getAlbumInfo({ artist: 'Radiohead', album: 'Kid B' }));
    expect(error.code).toBe(6);
    expect(error.message).toContain('Album not found');
    expect(error.errorClass).toBe('permanent');
  });

  it("GNU FM's nested error object is read as an error, not as an unreadable answer", async () => {
    await start();
    fake.injectFault(
      {
        kind: 'status',
        status: 200,
        body: JSON.stringify({ error: { '#text': 'Invalid resource specified', code: '7' } }),
      },
      { method: 'album.getInfo' },
    );
    const error = await failure(client.getAlbumInfo({ artist: 'Radiohead', album: 'Kid A' }));
    expect(error.code).toBe(7);
    expect(error.message).toContain('Invalid resource specified');
  });

  it('an unreachable server is a transient failure', async () => {
    await start();
    const url = fake.apiUrl;
    await fake.close();
    const gone = new LastfmClient({ apiUrl: url, apiKey: 'k', apiSecret: 's' });
    try {
      const error = await failure(gone.getAlbumInfo({ artist: 'Cher', album: 'Believe' }));
      expect(error.transient).toBe(true);
    } finally {
      await gone.close();
    }
  });
});
