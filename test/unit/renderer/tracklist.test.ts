import { describe, expect, it } from 'vitest';
import { parseTracklist } from '../../../src/renderer/lib/tracklist.js';

describe('parseTracklist', () => {
  it('reads "Artist - Title" and bare titles, one per line, skipping blank lines', () => {
    expect(parseTracklist('The Beatles - Come Together\n\n  Something  \n')).toEqual([
      { line: 1, artist: 'The Beatles', title: 'Come Together' },
      { line: 3, title: 'Something' },
    ]);
  });

  it('takes a trailing length in any common form', () => {
    const lines = parseTracklist(
      [
        'Come Together 4:20',
        'Something (3:03)',
        'Maxwell [3:27]',
        'Oh! Darling - 3:26',
        'Octopus\t2:51',
        'Suite 1:02:03',
      ].join('\n'),
    );
    expect(lines.map((l) => [l.title, l.duration])).toEqual([
      ['Come Together', 260],
      ['Something', 183],
      ['Maxwell', 207],
      ['Oh! Darling', 206],
      ['Octopus', 171],
      ['Suite', 3723],
    ]);
  });

  it('strips leading track numbers with punctuation and keeps them', () => {
    const lines = parseTracklist('1. Come Together\n2) Something\nA3 - Octopus');
    expect(lines.map((l) => [l.trackNumber, l.title])).toEqual([
      [1, 'Come Together'],
      [2, 'Something'],
      [3, 'Octopus'],
    ]);
  });

  it('strips bare numbers ("01 Title") only when every line has one', () => {
    expect(parseTracklist('01 Come Together\n02 Something').map((l) => l.title)).toEqual([
      'Come Together',
      'Something',
    ]);
    expect(parseTracklist('99 Luftballons\nFlugzeuge im Bauch').map((l) => l.title)).toEqual([
      '99 Luftballons',
      'Flugzeuge im Bauch',
    ]);
  });

  it('handles number, artist, title and length on one line', () => {
    expect(parseTracklist('07. Nena – 99 Luftballons (3:53)')).toEqual([
      { line: 1, trackNumber: 7, artist: 'Nena', title: '99 Luftballons', duration: 233 },
    ]);
  });

  it('splits on the first spaced dash only, so hyphenated names and remix suffixes survive', () => {
    expect(parseTracklist('Jay-Z - Run This Town - Live')).toEqual([
      { line: 1, artist: 'Jay-Z', title: 'Run This Town - Live' },
    ]);
  });

  it('leaves a title that is only a time alone', () => {
    expect(parseTracklist('4:33')).toEqual([{ line: 1, title: '4:33' }]);
  });
});
