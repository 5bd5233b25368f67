import { describe, expect, it } from 'vitest';
import { LastfmError } from '../../../src/main/lastfm/errors.js';
import { albumInfoParams, searchParams } from '../../../src/main/lastfm/params.js';
import { parseAlbumInfo, parseSearch } from '../../../src/main/lastfm/parse.js';

// Catalogue answers in the shapes servers send beyond what the fake does: numbers as
// strings, an empty match list as "", extended artists as objects, albums with no `tracks`.

describe('search answers', () => {
  it('reads an empty match list that arrives as an empty string', () => {
    const json = { results: { 'opensearch:totalResults': '0', trackmatches: '' } };
    expect(parseSearch(json, 'track', 'track.search')).toEqual({ matches: [], total: 0 });
  });

  it('reads listeners as a number or numeric string and skips nameless matches', () => {
    const json = {
      results: {
        artistmatches: {
          artist: [
            { name: 'Cher', listeners: '1234' },
            { name: '', listeners: 5 },
            { name: 'Cheryl', listeners: 77 },
          ],
        },
      },
    };
    expect(parseSearch(json, 'artist', 'artist.search').matches).toEqual([
      { artist: 'Cher', listeners: 1234 },
      { artist: 'Cheryl', listeners: 77 },
    ]);
  });

  it('an answer without results is unreadable (worth another try), not an empty list', () => {
    const error = (() => {
      try {
        parseSearch({ something: 'else' }, 'album', 'album.search');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LastfmError);
    expect((error as LastfmError).transient).toBe(true);
  });
});

describe('album answers', () => {
  it('durations as strings, "0" as unknown, artists as text or objects, no rank', () => {
    const json = {
      album: {
        name: 'Believe',
        artist: 'Cher',
        tracks: {
          track: [
            { name: 'Believe', duration: '239', artist: { name: 'Cher' } },
            { name: 'The Power', duration: '0', artist: { '#text': 'Cher' } },
            { name: 'Runaway', duration: null },
          ],
        },
      },
    };
    expect(parseAlbumInfo(json).tracks).toEqual([
      { position: 1, title: 'Believe', artist: 'Cher', duration: 239 },
      { position: 2, title: 'The Power', artist: 'Cher', duration: null },
      { position: 3, title: 'Runaway', artist: 'Cher', duration: null },
    ]);
  });

  it('an album without a tracks member has no tracks', () => {
    expect(parseAlbumInfo({ album: { name: 'Single', artist: 'X' } }).tracks).toEqual([]);
  });
});

describe('request parameters', () => {
  it('each search sends the name under its own parameter; artist narrows only track search', () => {
    expect(searchParams('track', { query: 'Police', artist: 'Radiohead', limit: 8 })).toEqual({
      track: 'Police',
      artist: 'Radiohead',
      limit: '8',
    });
    expect(searchParams('album', { query: 'Believe', artist: 'Cher' })).toEqual({
      album: 'Believe',
    });
    expect(searchParams('artist', { query: 'Cher', page: 2 })).toEqual({
      artist: 'Cher',
      page: '2',
    });
  });

  it('album.getInfo needs both names and asks for autocorrection when told to', () => {
    expect(albumInfoParams({ artist: 'cher', album: 'believe', autocorrect: true })).toEqual({
      artist: 'cher',
      album: 'believe',
      autocorrect: '1',
    });
    expect(() => albumInfoParams({ artist: 'Cher', album: ' ' })).toThrow(RangeError);
  });
});
