import { describe, expect, it } from 'vitest';
import { LastfmError } from '../../../src/main/lastfm/errors.js';
import {
  parseEmpty,
  parseNowPlaying,
  parseRecentTracks,
  parseScrobbleResponse,
  parseSession,
  parseToken,
  parseUserInfo,
} from '../../../src/main/lastfm/parse.js';
import { IGNORED_REASONS } from '../../../src/shared/track.js';
import type { TrackInfo } from '../../../src/shared/track.js';

function unreadable(fn: () => unknown): LastfmError {
  try {
    fn();
  } catch (err) {
    if (err instanceof LastfmError) return err;
    throw err;
  }
  throw new Error('expected a LastfmError');
}

/** One element of a track.scrobble answer, as Last.fm writes it. */
function scrobbleEl(
  t: { artist: string; track: string; album?: string; albumArtist?: string },
  opts: { corrected?: string | number; code?: string | number; msg?: string } = {},
) {
  const c = opts.corrected ?? '0';
  return {
    artist: { corrected: c, '#text': t.artist },
    track: { corrected: '0', '#text': t.track },
    album: { corrected: '0', '#text': t.album ?? '' },
    albumArtist: { corrected: '0', '#text': t.albumArtist ?? '' },
    timestamp: '1700000000',
    ignoredMessage: { code: String(opts.code ?? '0'), '#text': opts.msg ?? '' },
  };
}

const a: TrackInfo = { artist: 'Sigur Ros', track: 'Hoppipolla', album: 'Takk...' };
const b: TrackInfo = { artist: 'Björk', track: 'Jóga' };

describe('parseScrobbleResponse', () => {
  it('reads a batch and keeps submission order', () => {
    const json = {
      scrobbles: {
        scrobble: [
          scrobbleEl(
            { artist: 'Sigur Rós', track: 'Hoppípolla', album: 'Takk...' },
            {
              corrected: '1',
            },
          ),
          scrobbleEl({ artist: 'Björk', track: 'Jóga' }, { code: '3', msg: 'Timestamp too old' }),
        ],
        '@attr': { accepted: 1, ignored: 1 },
      },
    };
    const r = parseScrobbleResponse(json, [a, b]);
    expect(r.accepted).toBe(1);
    expect(r.ignored).toBe(1);
    expect(r.items[0]).toEqual({
      status: 'accepted',
      recorded: { artist: 'Sigur Rós', track: 'Hoppípolla', album: 'Takk...', albumArtist: '' },
      corrected: { artist: true, track: false, album: false, albumArtist: false },
    });
    expect(r.items[1]).toMatchObject({ status: 'ignored', code: 3, reason: IGNORED_REASONS[3] });
  });

  it('reads a single scrobble that arrives as an object, with numbers as strings', () => {
    const json = {
      scrobbles: { scrobble: scrobbleEl({ artist: 'Björk', track: 'Jóga' }), '@attr': {} },
    };
    const r = parseScrobbleResponse(json, [b]);
    expect(r.items).toHaveLength(1);
    expect(r.items[0]?.status).toBe('accepted');
  });

  it('reads ignoredmessage in lower case and a numeric code', () => {
    const el: Record<string, unknown> = scrobbleEl({ artist: 'X', track: 'Y' });
    delete el['ignoredMessage'];
    el['ignoredmessage'] = { code: 1, '#text': 'Artist ignored' };
    const r = parseScrobbleResponse({ scrobbles: { scrobble: [el] } }, [b]);
    expect(r.items[0]).toMatchObject({ status: 'ignored', code: 1, reason: IGNORED_REASONS[1] });
  });

  it('reads corrected as "0"/"1"/0/1', () => {
    for (const [flag, expected] of [
      ['1', true],
      [1, true],
      ['0', false],
      [0, false],
    ] as const) {
      const json = {
        scrobbles: { scrobble: scrobbleEl({ artist: 'X', track: 'Y' }, { corrected: flag }) },
      };
      expect(parseScrobbleResponse(json, [b]).items[0]?.corrected.artist).toBe(expected);
    }
  });

  it('gives an unknown ignored code a reason that quotes the server', () => {
    const json = { scrobbles: { scrobble: scrobbleEl(b, { code: '42', msg: 'Odd one' }) } };
    expect(parseScrobbleResponse(json, [b]).items[0]).toMatchObject({
      status: 'ignored',
      code: 42,
      reason: 'The service ignored the scrobble, code 42 (Odd one).',
    });
  });

  it('takes missing members from what was submitted, with no correction', () => {
    const json = { scrobbles: { scrobble: { track: { corrected: '0', '#text': 'Hoppipolla' } } } };
    expect(parseScrobbleResponse(json, [a]).items[0]).toEqual({
      status: 'accepted',
      recorded: { artist: 'Sigur Ros', track: 'Hoppipolla', album: 'Takk...', albumArtist: '' },
      corrected: { artist: false, track: false, album: false, albumArtist: false },
    });
  });

  it('accepts a bare count when every item was accepted', () => {
    const json = { scrobbles: { '@attr': { accepted: '2', ignored: '0' } } };
    const r = parseScrobbleResponse(json, [a, b]);
    expect(r.accepted).toBe(2);
    expect(r.items.map((o) => o.status)).toEqual(['accepted', 'accepted']);
  });

  it('refuses an answer whose items cannot be matched to the batch', () => {
    const json = { scrobbles: { scrobble: [scrobbleEl(b)], '@attr': { accepted: 1 } } };
    const err = unreadable(() => parseScrobbleResponse(json, [a, b]));
    expect(err.errorClass).toBe('transient');
    expect(err.message).toBe(
      'track.scrobble failed: the server returned a response Scrobbletray could not read',
    );
    expect(unreadable(() => parseScrobbleResponse({}, [a])).errorClass).toBe('transient');
    expect(unreadable(() => parseScrobbleResponse({ scrobbles: 'ok' }, [a])).errorClass).toBe(
      'transient',
    );
  });
});

describe('GNU FM ignored codes', () => {
  // GNU FM: 3 = too far ahead, 4 = too old; stored and shown in Last.fm's numbering.
  const answer = (...codes: string[]) => ({
    scrobbles: {
      scrobble: codes.map((code) => scrobbleEl(a, { code })),
      '@attr': { accepted: 0, ignored: codes.length },
    },
  });

  it('reads them in Last.fm numbering, so a too-old play can be re-timed', () => {
    const r = parseScrobbleResponse(answer('4', '3', '91'), [a, a, a], 'track.scrobble', 'gnufm');
    expect(r.items.map((i) => (i.status === 'ignored' ? i.code : 0))).toEqual([3, 4, 91]);
    expect(r.items[0]).toMatchObject({ reason: IGNORED_REASONS[3] });
  });

  it('leaves Last.fm answers as they are', () => {
    const r = parseScrobbleResponse(answer('4', '3'), [a, a]);
    expect(r.items.map((i) => (i.status === 'ignored' ? i.code : 0))).toEqual([4, 3]);
  });
});

describe('parseNowPlaying', () => {
  it('reads the single-track answer', () => {
    const json = { nowplaying: scrobbleEl({ artist: 'Björk', track: 'Jóga' }) };
    expect(parseNowPlaying(json, b)).toMatchObject({ status: 'accepted' });
  });
  it('reads an ignored now-playing update', () => {
    const json = { nowplaying: scrobbleEl(b, { code: '2' }) };
    expect(parseNowPlaying(json, b)).toMatchObject({ status: 'ignored', code: 2 });
  });
  it('refuses an answer without nowplaying', () => {
    expect(unreadable(() => parseNowPlaying({}, b)).message).toContain('track.updateNowPlaying');
  });
});

describe('auth answers', () => {
  it('reads a token', () => {
    expect(parseToken({ token: 'cf45fe5a3e3cebe168480a086d7fe481' })).toBe(
      'cf45fe5a3e3cebe168480a086d7fe481',
    );
    expect(unreadable(() => parseToken({ token: '' })).errorClass).toBe('transient');
  });

  it('reads a session with subscriber as 0/"1"', () => {
    const s = { name: 'rj', key: 'd580d57f32848f5dcf574d1ce18d78b2' };
    expect(parseSession({ session: { ...s, subscriber: 0 } }, 'auth.getSession')).toEqual({
      ...s,
      subscriber: false,
    });
    expect(parseSession({ session: { ...s, subscriber: '1' } }, 'auth.getSession').subscriber).toBe(
      true,
    );
  });

  it('refuses a session without a key', () => {
    const err = unreadable(() => parseSession({ session: { name: 'rj' } }, 'auth.getSession'));
    expect(err.message).toContain('auth.getSession failed');
  });

  it('treats any object as success for love/unlove', () => {
    expect(() => parseEmpty({}, 'track.love')).not.toThrow();
    expect(unreadable(() => parseEmpty('', 'track.love')).errorClass).toBe('transient');
  });
});

describe('parseRecentTracks', () => {
  const playing = {
    artist: { mbid: '', '#text': 'Björk' },
    name: 'Jóga',
    album: { mbid: '', '#text': 'Homogenic' },
    mbid: '',
    '@attr': { nowplaying: 'true' },
  };
  const played = {
    artist: { mbid: 'x', '#text': 'Sigur Rós' },
    name: 'Hoppípolla',
    album: { mbid: '', '#text': 'Takk...' },
    mbid: '8a1c1f3e-0000-4000-8000-000000000000',
    date: { uts: '1700000000', '#text': '14 Nov 2023, 22:13' },
  };

  it('marks the playing track and reads timestamps and page counts given as strings', () => {
    const json = {
      recenttracks: {
        track: [playing, played],
        '@attr': { user: 'rj', page: '2', perPage: '50', totalPages: '10', total: '480' },
      },
    };
    expect(parseRecentTracks(json)).toEqual({
      tracks: [
        { artist: 'Björk', track: 'Jóga', album: 'Homogenic', timestamp: null, nowPlaying: true },
        {
          artist: 'Sigur Rós',
          track: 'Hoppípolla',
          album: 'Takk...',
          timestamp: 1700000000,
          nowPlaying: false,
          mbid: '8a1c1f3e-0000-4000-8000-000000000000',
        },
      ],
      page: 2,
      totalPages: 10,
      total: 480,
      perPage: 50,
    });
  });

  it('reads a single track as an object, and the extended artist form', () => {
    const one = { ...played, artist: { name: 'Sigur Rós', url: 'https://x' }, loved: '0' };
    const page = parseRecentTracks({ recenttracks: { track: one } });
    expect(page.tracks).toHaveLength(1);
    expect(page.tracks[0]?.artist).toBe('Sigur Rós');
  });

  it('reads an empty history with missing members', () => {
    expect(parseRecentTracks({ recenttracks: { '@attr': { total: '0' } } })).toEqual({
      tracks: [],
      page: 1,
      totalPages: 1,
      total: 0,
      perPage: 0,
    });
  });

  it('refuses an answer without recenttracks', () => {
    expect(unreadable(() => parseRecentTracks({ user: {} })).errorClass).toBe('transient');
  });
});

describe('parseUserInfo', () => {
  it('reads Last.fm’s form, with numbers as strings', () => {
    const json = {
      user: {
        name: 'RJ',
        playcount: '150316',
        registered: { unixtime: '1037793040', '#text': 1037793040 },
        url: 'https://www.last.fm/user/RJ',
      },
    };
    expect(parseUserInfo(json)).toEqual({
      name: 'RJ',
      playcount: 150316,
      registered: 1037793040,
      url: 'https://www.last.fm/user/RJ',
    });
  });

  it('reads a bare registered number and tolerates missing members', () => {
    expect(parseUserInfo({ user: { name: 'x', registered: '1037793040' } })).toEqual({
      name: 'x',
      playcount: 0,
      registered: 1037793040,
      url: '',
    });
    expect(parseUserInfo({ user: { name: 'x' } }).registered).toBeNull();
  });

  it('refuses a user without a name', () => {
    expect(unreadable(() => parseUserInfo({ user: { playcount: 1 } })).errorClass).toBe(
      'transient',
    );
  });
});
