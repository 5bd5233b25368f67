import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LastfmClient } from '../../../src/main/lastfm/client.js';
import { LastfmError } from '../../../src/main/lastfm/errors.js';
import {
  loveParams,
  MAX_SCROBBLES_PER_REQUEST,
  mobileSessionParams,
  nowPlayingParams,
  recentTracksParams,
  scrobbleParams,
  unsignedParams,
} from '../../../src/main/lastfm/params.js';
import type { ScrobbleItem } from '../../../src/shared/track.js';

const item = (i: number, extra: Partial<ScrobbleItem> = {}): ScrobbleItem => ({
  artist: `Artist ${i}`,
  track: `Track ${i}`,
  timestamp: 1_700_000_000 + i * 300,
  ...extra,
});

describe('scrobbleParams', () => {
  it('indexes every item and sends only the required fields when nothing else is known', () => {
    expect(scrobbleParams([item(0), item(1)])).toEqual({
      'artist[0]': 'Artist 0',
      'track[0]': 'Track 0',
      'timestamp[0]': '1700000000',
      'artist[1]': 'Artist 1',
      'track[1]': 'Track 1',
      'timestamp[1]': '1700000300',
    });
  });

  it('sends the optional fields that are present', () => {
    const p = scrobbleParams([
      item(0, {
        album: 'Ágætis byrjun',
        albumArtist: 'Sigur Rós',
        duration: 412,
        trackNumber: 3,
        mbid: 'b2b6e0b4-0000-4000-8000-000000000000',
        chosenByUser: true,
      }),
      item(1, { chosenByUser: false }),
    ]);
    expect(p).toMatchObject({
      'album[0]': 'Ágætis byrjun',
      'albumArtist[0]': 'Sigur Rós',
      'duration[0]': '412',
      'trackNumber[0]': '3',
      'mbid[0]': 'b2b6e0b4-0000-4000-8000-000000000000',
      'chosenByUser[0]': '1',
      'chosenByUser[1]': '0',
    });
    expect(Object.keys(p).filter((k) => k.endsWith('[1]'))).toEqual([
      'artist[1]',
      'track[1]',
      'timestamp[1]',
      'chosenByUser[1]',
    ]);
  });

  it('leaves out empty optional strings instead of sending blanks', () => {
    const p = scrobbleParams([item(0, { album: '', albumArtist: '', mbid: '' })]);
    expect(Object.keys(p).sort()).toEqual(['artist[0]', 'timestamp[0]', 'track[0]']);
  });

  it('drops a duration under 30 s, which would make Last.fm ignore the scrobble silently', () => {
    const p = scrobbleParams([
      item(0, { duration: 29 }),
      item(1, { duration: 30 }),
      item(2, { duration: 0 }),
    ]);
    expect(p['duration[0]']).toBeUndefined();
    expect(p['duration[1]']).toBe('30');
    expect(p['duration[2]']).toBeUndefined();
  });

  it('sends whole seconds', () => {
    const p = scrobbleParams([item(0, { timestamp: 1_700_000_000.9, duration: 200.6 })]);
    expect(p['timestamp[0]']).toBe('1700000000');
    expect(p['duration[0]']).toBe('201');
  });

  it('accepts exactly 50 and rejects 51 or 0 items', () => {
    const fifty = Array.from({ length: MAX_SCROBBLES_PER_REQUEST }, (_, i) => item(i));
    expect(MAX_SCROBBLES_PER_REQUEST).toBe(50);
    expect(scrobbleParams(fifty)['artist[49]']).toBe('Artist 49');
    expect(() => scrobbleParams([...fifty, item(50)])).toThrow(RangeError);
    expect(() => scrobbleParams([])).toThrow(RangeError);
  });

  it('rejects an item without artist, track or a usable timestamp', () => {
    expect(() => scrobbleParams([item(0, { artist: ' ' })])).toThrow(RangeError);
    expect(() => scrobbleParams([item(0, { track: '' })])).toThrow(RangeError);
    expect(() => scrobbleParams([item(0, { timestamp: Number.NaN })])).toThrow(RangeError);
  });
});

describe('other method params', () => {
  it('now playing: unindexed, no timestamp, any positive duration', () => {
    expect(nowPlayingParams({ artist: 'A', track: 'T', album: 'B', duration: 20 })).toEqual({
      artist: 'A',
      track: 'T',
      album: 'B',
      duration: '20',
    });
  });

  it('love: artist and track only', () => {
    expect(loveParams({ artist: 'A', track: 'T' })).toEqual({ artist: 'A', track: 'T' });
  });

  it('recent tracks: numbers as whole numbers, extended as 1/0, absent options left out', () => {
    expect(recentTracksParams({ user: 'rj' })).toEqual({ user: 'rj' });
    expect(
      recentTracksParams({ user: 'rj', limit: 200, page: 2, from: 10, to: 20, extended: true }),
    ).toEqual({ user: 'rj', limit: '200', page: '2', from: '10', to: '20', extended: '1' });
  });

  it('unsigned reads carry the API key but no signature', () => {
    const p = unsignedParams('user.getInfo', { user: 'rj' }, 'K');
    expect(p).toEqual({ user: 'rj', api_key: 'K', method: 'user.getInfo' });
  });
});

describe('auth.getMobileSession', () => {
  const md5 = (x: string) => createHash('md5').update(x, 'utf8').digest('hex');

  it('sends the password to Last.fm', () => {
    expect(mobileSessionParams('RJ', 'pw')).toEqual({ username: 'RJ', password: 'pw' });
  });

  it('sends md5(lowercase(username) + md5(password)) as authToken to GNU FM', () => {
    expect(mobileSessionParams('RJ', 'pässword', 'authToken')).toEqual({
      username: 'RJ',
      authToken: md5('rj' + md5('pässword')),
    });
  });

  it('refuses to send a password over plain HTTP to another machine, before any request', async () => {
    // No server: the refusal must come before the client opens a connection.
    const client = new LastfmClient({
      apiUrl: 'http://scrobbler.example/2.0/',
      apiKey: 'K',
      apiSecret: 'S',
    });
    const err = await client.getMobileSession('rj', 'hunter22').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LastfmError);
    expect((err as LastfmError).errorClass).toBe('permanent');
    expect((err as LastfmError).message).not.toContain('hunter22');
    await client.close();
  });
});
