import { describe, expect, it } from 'vitest';
import { formatUtcOffset, parseUtcOffset } from '../../../src/main/sources/import/utc-offset.js';

describe('UTC offset for device-local logs', () => {
  it('reads the ways people write an offset', () => {
    const cases: [string, number][] = [
      ['+02:00', 120],
      ['-05:00', -300],
      ['+0530', 330],
      ['+5:45', 345],
      ['-3', -180],
      ['UTC', 0],
      ['UTC+01:00', 60],
    ];
    for (const [text, minutes] of cases)
      expect(parseUtcOffset(text), text).toEqual({ ok: true, minutes });
  });

  it('refuses anything else, showing how to write it', () => {
    for (const text of ['2', '+25:00', '+02:75', 'Europe/Berlin', '']) {
      const result = parseUtcOffset(text);
      expect(!result.ok && result.message, text).toMatch(/like \+02:00/);
    }
  });

  it('writes an offset back the way it reads it', () => {
    for (const minutes of [-720, -300, 0, 60, 330, 840]) {
      const back = parseUtcOffset(formatUtcOffset(minutes));
      expect(back).toEqual({ ok: true, minutes });
    }
  });
});
