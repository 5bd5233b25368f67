import { describe, expect, it } from 'vitest';
import {
  dateRangeToUnix,
  fromDateTimeLocal,
  toDateTimeLocal,
} from '../../../src/renderer/lib/local-time.js';

describe('datetime-local values', () => {
  it('round-trip a time to the minute in the local zone', () => {
    const at = new Date(2026, 10, 22, 16, 5, 0).getTime();
    expect(toDateTimeLocal(at)).toBe('2026-11-22T16:05');
    expect(fromDateTimeLocal('2026-11-22T16:05')).toBe(at);
  });

  it('give null for blank or malformed input', () => {
    expect(fromDateTimeLocal('')).toBeNull();
    expect(fromDateTimeLocal('yesterday')).toBeNull();
  });
});

describe('dateRangeToUnix', () => {
  it('covers whole local days, inclusive, and leaves blank ends open', () => {
    const start = new Date(2026, 10, 1).getTime() / 1000;
    const next = new Date(2026, 10, 3).getTime() / 1000;
    expect(dateRangeToUnix('2026-11-01', '2026-11-02')).toEqual({ from: start, to: next - 1 });
    expect(dateRangeToUnix('', '')).toEqual({});
    expect(dateRangeToUnix('2026-11-01', '')).toEqual({ from: start });
  });
});
