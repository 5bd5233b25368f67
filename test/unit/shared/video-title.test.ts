import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { channelArtist, parseVideoTitle } from '../../../src/shared/video-title.js';

// A corpus of real video titles as browsers report them (title + channel as "artist"), with
// the artist and track a person would scrobble. The fixture is the specification.

interface Case {
  title: string;
  channel: string;
  artist: string;
  track: string;
}

const corpus = JSON.parse(
  readFileSync(new URL('../players/fixtures/video-titles.json', import.meta.url), 'utf8'),
) as Case[];

describe('parseVideoTitle', () => {
  it('has a corpus of at least 40 titles', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
  });

  it.each(corpus)('$title', ({ title, channel, artist, track }) => {
    const parsed = parseVideoTitle(title, channel);
    expect(parsed && { artist: parsed.artist, track: parsed.track }).toEqual({ artist, track });
  });

  it('lists featured artists separately as well', () => {
    expect(parseVideoTitle('A - B ft. C & D (Official Video)', 'x')?.featured).toEqual(['C', 'D']);
  });

  it('gives up on a title that is only decoration, with no channel to fall back on', () => {
    expect(parseVideoTitle('(Official Video)', null)).toBeNull();
    expect(parseVideoTitle('   ', 'Someone')).toBeNull();
  });
});

describe('channelArtist', () => {
  it('reads Topic and VEVO channels', () => {
    expect(channelArtist('Sigur Rós - Topic')).toBe('Sigur Rós');
    expect(channelArtist('TaylorSwiftVEVO')).toBe('Taylor Swift');
    expect(channelArtist('Metallica')).toBe('Metallica');
  });
});
