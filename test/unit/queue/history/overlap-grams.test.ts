import { describe, expect, it } from 'vitest';
import { overlapGrams } from '../../../../src/main/queue/history/text-query.js';

// The trigram a text search reads its overlaps under (see OVERLAP_COUNT_SQL in text-query.ts).

describe('overlapGrams', () => {
  it('takes the first trigram of ASCII text, lower-cased, as proven', () => {
    expect(overlapGrams('Radiohead')).toEqual({ grams: ['rad'], proven: true });
    expect(overlapGrams('"Ok" Computer')).toEqual({ grams: ['"ok'], proven: true });
    expect(overlapGrams('  x')).toEqual({ grams: ['  x'], proven: true });
  });

  it('offers the ASCII trigrams of accented text, folded, to be checked', () => {
    expect(overlapGrams('Björk')).toEqual({ grams: ['bjo', 'jor', 'ork'], proven: false });
    expect(overlapGrams('Sigur Rós live')).toEqual({
      grams: ['sig', 'igu', 'gur', 'ur '],
      proven: false,
    });
  });

  it('offers none when no three characters in a row fold to ASCII', () => {
    expect(overlapGrams('坂本龍一')).toEqual({ grams: [], proven: false });
    expect(overlapGrams('a坂b本c')).toEqual({ grams: [], proven: false });
  });
});
