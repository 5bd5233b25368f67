import { describe, expect, it } from 'vitest';
import { asArray, getCaseInsensitive, text, toFlag, toInt } from '../../../src/main/lastfm/json.js';

describe('Last.fm JSON quirk helpers', () => {
  it('asArray turns missing into [], one object into [object], keeps arrays', () => {
    expect(asArray(undefined)).toEqual([]);
    expect(asArray(null)).toEqual([]);
    expect(asArray({ a: 1 })).toEqual([{ a: 1 }]);
    expect(asArray([1, 2])).toEqual([1, 2]);
  });

  it('toInt reads numbers and numeric strings only', () => {
    expect(toInt(42)).toBe(42);
    expect(toInt('1287140447')).toBe(1287140447);
    expect(toInt(' 7 ')).toBe(7);
    expect(toInt('-3')).toBe(-3);
    expect(toInt('12abc')).toBeUndefined();
    expect(toInt('')).toBeUndefined();
    expect(toInt(Number.NaN)).toBeUndefined();
    expect(toInt(null)).toBeUndefined();
    expect(toInt({})).toBeUndefined();
  });

  it('text reads a string or the #text of an element with attributes', () => {
    expect(text('Björk')).toBe('Björk');
    expect(text({ corrected: '0', '#text': 'Björk' })).toBe('Björk');
    expect(text({ corrected: '0' })).toBe('');
    expect(text(undefined)).toBe('');
    expect(text(5)).toBe('5');
  });

  it('toFlag reads 1/0, "1"/"0" and "true"/"false"', () => {
    expect([toFlag('1'), toFlag(1), toFlag('true'), toFlag(true)]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([toFlag('0'), toFlag(0), toFlag('false'), toFlag(undefined)]).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('getCaseInsensitive prefers the exact name, then any case', () => {
    expect(getCaseInsensitive({ ignoredmessage: 1 }, 'ignoredMessage')).toBe(1);
    expect(getCaseInsensitive({ IGNOREDMESSAGE: 2, ignoredMessage: 3 }, 'ignoredMessage')).toBe(3);
    expect(getCaseInsensitive({ other: 1 }, 'ignoredMessage')).toBeUndefined();
    expect(getCaseInsensitive('not an object', 'x')).toBeUndefined();
  });
});
