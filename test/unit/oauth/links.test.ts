// Which links Scrobbletray reads, how each is reduced to one canonical form, and what a link
// it cannot read is told. Pure: no lookups happen here.
import { describe, expect, it } from 'vitest';
import { LinkError } from '../../../src/main/links/errors.js';
import { recogniseLink } from '../../../src/main/links/link-kind.js';
import { parseUploadTitle } from '../../../src/main/links/title-parser.js';

describe('recognising links', () => {
  it.each([
    ['https://soundcloud.com/forss/flickermood', 'https://soundcloud.com/forss/flickermood'],
    [
      'soundcloud.com/forss/flickermood?si=abc&utm_source=x',
      'https://soundcloud.com/forss/flickermood',
    ],
    [
      'https://m.soundcloud.com/forss/flickermood#t=1:00',
      'https://soundcloud.com/forss/flickermood',
    ],
    [
      'https://soundcloud.com/forss/flickermood/s-AbC123',
      'https://soundcloud.com/forss/flickermood/s-AbC123',
    ],
    ['https://on.soundcloud.com/aBc12', 'https://on.soundcloud.com/aBc12'],
  ])('SoundCloud track %s', (input, url) => {
    expect(recogniseLink(input)).toEqual({ kind: 'soundcloud', url });
  });

  it.each([
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PL1&t=42',
    'youtube.com/watch?v=dQw4w9WgXcQ',
    'https://m.youtube.com/watch?v=dQw4w9WgXcQ',
    'https://music.youtube.com/watch?v=dQw4w9WgXcQ&feature=share',
    'https://youtu.be/dQw4w9WgXcQ?si=x',
    'https://www.youtube.com/shorts/dQw4w9WgXcQ',
  ])('YouTube video %s', (input) => {
    expect(recogniseLink(input)).toEqual({
      kind: 'youtube',
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      videoId: 'dQw4w9WgXcQ',
    });
  });

  it.each([
    [
      'https://open.spotify.com/track/1',
      /from open\.spotify\.com\. Scrobbletray reads track links from SoundCloud/,
    ],
    ['not a link at all', /from not a link at all|not a web link/],
    ['', /No link was given/],
    ['ftp://soundcloud.com/a/b', /not a web link/],
    ['https://soundcloud.com/forss', /a profile, not a track/],
    ['https://soundcloud.com/forss/sets/soulhack', /a playlist or album \(a set\)/],
    ['https://soundcloud.com/discover', /not a track/],
    ['https://www.youtube.com/@channel', /not a video/],
    ['https://www.youtube.com/watch?v=short', /not a video/],
    ['https://www.youtube.com/playlist?list=PL1', /not a video/],
  ])('refuses %s with a plain message', (input, message) => {
    let error: unknown;
    try {
      recogniseLink(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LinkError);
    expect((error as LinkError).kind).toBe('unsupported');
    expect((error as LinkError).message).toMatch(message);
  });
});

describe('upload titles', () => {
  it('splits "Artist - Title", drops decorations, and falls back to the uploader', () => {
    expect(parseUploadTitle('Daft Punk - Get Lucky (Official Video)', 'DaftPunkVEVO')).toEqual({
      artist: 'Daft Punk',
      track: 'Get Lucky',
    });
    expect(parseUploadTitle('Jóga', 'Björk - Topic')).toEqual({ artist: 'Björk', track: 'Jóga' });
    expect(parseUploadTitle('Flickermood', 'Forss')).toEqual({
      artist: 'Forss',
      track: 'Flickermood',
    });
  });
});
