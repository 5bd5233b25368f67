import { describe, expect, it } from 'vitest';
import { parseTracklist, tracklistText } from '../../../src/renderer/lib/tracklist.js';

// A looked-up album goes into the tracklist box as text the user can still edit; the form
// reads that text with the same parser as a paste, so it must come back as the same tracks.

describe('a looked-up album as tracklist text', () => {
  it('numbers, titles and lengths; no artist where it is the album’s', () => {
    const text = tracklistText('Radiohead', [
      { position: 1, title: 'Airbag', artist: 'Radiohead', duration: 284 },
      { position: 2, title: 'Paranoid Android', artist: 'Radiohead', duration: 387 },
    ]);
    expect(text).toBe('1. Airbag (4:44)\n2. Paranoid Android (6:27)');
    expect(parseTracklist(text).map(({ line: _l, ...t }) => t)).toEqual([
      { trackNumber: 1, title: 'Airbag', duration: 284 },
      { trackNumber: 2, title: 'Paranoid Android', duration: 387 },
    ]);
  });

  it('reads back guests, dashes in titles, unknown lengths and long tracks', () => {
    const tracks = [
      { position: 1, title: 'Big in Japan', artist: 'Alphaville', duration: 284 },
      { position: 2, title: 'Heroes - 2017 Remaster', artist: 'Various Artists', duration: 371 },
      { position: 3, title: 'Runaway', artist: 'Various Artists', duration: null },
      { position: 4, title: 'Echoes', artist: 'Various Artists', duration: 3723 },
      { position: 5, title: 'Title - With a Dash', artist: 'Various Artists', duration: 200 },
    ];
    const text = tracklistText('Various Artists', tracks);
    expect(parseTracklist(text).map(({ line: _l, ...t }) => t)).toEqual([
      { trackNumber: 1, artist: 'Alphaville', title: 'Big in Japan', duration: 284 },
      { trackNumber: 2, artist: 'Various Artists', title: 'Heroes - 2017 Remaster', duration: 371 },
      { trackNumber: 3, title: 'Runaway' },
      { trackNumber: 4, title: 'Echoes', duration: 3723 },
      { trackNumber: 5, artist: 'Various Artists', title: 'Title - With a Dash', duration: 200 },
    ]);
  });
});
