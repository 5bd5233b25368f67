import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainScrobble } from '../../../src/main/sources/import/plain-play.js';
import type { ImportedPlay } from '../../../src/main/sources/import/types.js';
import { validateScrobble } from '../../../src/shared/validation.js';

// The import's quick check (plain-play.ts) stands in for the shared scrobble rules on most
// plays of a file. Whenever it gives an item, the shared rules must accept the play and give
// the very same item (same fields, same order); when it declines, the shared rules decide.

const NOW = 2_000_000_000;

// Text near every edge the shared rules care about: blanks and odd spaces to trim, control
// characters, U+FFFD, lone and paired surrogates, and lengths around 512.
// Mostly ordinary names, so that the quick check often answers and is compared.
const text = fc.oneof(
  { arbitrary: fc.stringMatching(/^[ A-Za-zÀ-ÿ0-9'&.,()-]{1,24}$/), weight: 12 },
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(
    '',
    ' ',
    '\u00a0Björk\u2003',
    'Sigur Rós',
    'tab\there',
    'bell\u0007',
    'nel\u0085',
    'bad \ufffd byte',
    'cut \ud83d',
    'emoji \ud83c\udfb5',
    '\ufeffbom',
    'a'.repeat(512),
    ` ${'a'.repeat(512)} `,
    'a'.repeat(513),
  ),
);
const number = fc.oneof(
  { arbitrary: fc.integer({ min: 30, max: 9999 }), weight: 8 },
  fc.integer({ min: -5, max: 100_000 }),
  fc.constantFrom(29, 30, 86_400, 86_401, 0, 1, 9999, 10_000, 1.5, Number.NaN, Infinity),
);
const mbid = fc.oneof(
  { arbitrary: fc.uuid(), weight: 4 },
  fc.uuid().map((u) => u.toUpperCase()),
  fc.uuid().map((u) => ` ${u} `),
  fc.constantFrom('', ' ', 'not-a-uuid'),
);
const play = fc.record(
  {
    artist: text,
    track: text,
    album: text,
    albumArtist: text,
    duration: number,
    trackNumber: number,
    mbid,
    timestamp: fc.oneof(
      fc.integer({ min: NOW - 10 * 365 * 86400, max: NOW + 600 }),
      fc.constantFrom(NOW + 300, NOW + 301, 1.5),
    ),
  },
  { requiredKeys: ['artist', 'track', 'timestamp'] },
);

describe('plainScrobble (the import quick check)', () => {
  it('gives only what the shared rules give, for any play', () => {
    let taken = 0;
    fc.assert(
      fc.property(play, (p: ImportedPlay) => {
        const quick = plainScrobble(p, NOW);
        if (quick === undefined) return;
        taken++;
        const shared = validateScrobble(p, { nowSec: NOW });
        expect(shared.ok).toBe(true);
        if (shared.ok) expect(JSON.stringify(quick)).toBe(JSON.stringify(shared.value));
      }),
      { numRuns: 3000 },
    );
    // The comparison above must have happened often enough to mean something.
    expect(taken).toBeGreaterThan(100);
  });

  it('takes the ordinary plays of a file itself', () => {
    // Without this, a check that always declined would pass the test above.
    const plain = {
      artist: ' Sigur Rós ',
      track: 'Hoppípolla',
      album: '',
      duration: 268,
      trackNumber: 3,
      mbid: ' 4F1C1A7E-1234-4ABC-8DEF-0123456789AB ',
      timestamp: NOW - 86400,
    };
    expect(plainScrobble(plain, NOW)).toEqual({
      artist: 'Sigur Rós',
      track: 'Hoppípolla',
      duration: 268,
      trackNumber: 3,
      mbid: '4f1c1a7e-1234-4abc-8def-0123456789ab',
      timestamp: NOW - 86400,
    });
  });

  it('leaves to the shared rules what they must word', () => {
    for (const odd of [
      { artist: 'A', track: 'tab\there', timestamp: NOW },
      { artist: 'A', track: 'B', album: 'x'.repeat(513), timestamp: NOW },
      { artist: ' ', track: 'B', timestamp: NOW },
      { artist: 'A', track: 'B', duration: 10, timestamp: NOW },
      { artist: 'A', track: 'B', timestamp: NOW + 301 },
      { artist: 'A', track: 'B', timestamp: NOW, extra: 1 } as ImportedPlay,
    ]) {
      expect(plainScrobble(odd, NOW)).toBeUndefined();
      expect(validateScrobble(odd, { nowSec: NOW }).ok).toBe(false);
    }
  });
});
