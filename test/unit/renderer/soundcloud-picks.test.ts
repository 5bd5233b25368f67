// The Likes view's timing of picked tracks, and what a read link puts into the manual form.
import { describe, expect, it } from 'vitest';
import { likedScrobbles, UNKNOWN_LENGTH_SEC } from '../../../src/renderer/lib/liked-scrobbles.js';
import { fieldsFromLink } from '../../../src/renderer/lib/link-fields.js';
import type { LikedTrack } from '../../../src/shared/soundcloud.js';

const liked = (id: string, duration?: number, album?: string): LikedTrack => ({
  id,
  title: `T${id}`,
  uploader: 'u',
  artist: `A${id}`,
  track: `T${id}`,
  ...(duration === undefined ? {} : { duration }),
  ...(album === undefined ? {} : { album }),
});

describe('likedScrobbles', () => {
  it('plays the picks back to back in list order, the last one ending now', () => {
    const items = likedScrobbles([liked('1', 200, 'Rec'), liked('2'), liked('3', 100)], 10_000);
    expect(items).toEqual([
      {
        artist: 'A1',
        track: 'T1',
        album: 'Rec',
        duration: 200,
        timestamp: 10_000 - 100 - UNKNOWN_LENGTH_SEC - 200,
      },
      { artist: 'A2', track: 'T2', timestamp: 10_000 - 100 - UNKNOWN_LENGTH_SEC },
      { artist: 'A3', track: 'T3', duration: 100, timestamp: 10_000 - 100 },
    ]);
  });

  it('nothing picked is nothing to scrobble', () => {
    expect(likedScrobbles([], 10_000)).toEqual([]);
  });
});

describe('fieldsFromLink', () => {
  const typed = {
    artist: 'Old',
    track: 'Old',
    album: 'Old LP',
    albumArtist: 'VA',
    duration: '9:99',
  };

  it('replaces artist, track, album and length; keeps the album artist', () => {
    expect(
      fieldsFromLink(typed, {
        artist: 'Bonobo',
        track: 'Kerala',
        album: 'Migration',
        duration: 246,
        url: 'https://soundcloud.com/x/y',
        source: 'soundcloud-api',
      }),
    ).toEqual({
      artist: 'Bonobo',
      track: 'Kerala',
      album: 'Migration',
      albumArtist: 'VA',
      duration: '4:06',
    });
  });

  it('clears album and length the link does not know', () => {
    expect(
      fieldsFromLink(typed, {
        artist: 'Sade',
        track: 'Smooth Operator',
        url: 'https://www.youtube.com/watch?v=x',
        source: 'youtube-oembed',
      }),
    ).toMatchObject({ album: '', duration: '' });
  });
});
