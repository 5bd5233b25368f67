import { afterEach, describe, expect, it } from 'vitest';
import { formatWhen } from '../../../src/main/cli/time-format.js';

// Node reads TZ when a Date is formatted, so each case sets the zone a user would have.
const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const AT = Date.UTC(2026, 11, 5, 13, 25, 5); // 2026-12-05 13:25:05 UTC

describe('CLI times', () => {
  it('are local by default, with the offset', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(formatWhen(AT, false)).toBe('2026-12-05 14:25:05 +01:00');
    process.env.TZ = 'America/St_Johns';
    expect(formatWhen(AT, false)).toBe('2026-12-05 09:55:05 -03:30');
  });

  it('cross midnight in the local date', () => {
    process.env.TZ = 'Pacific/Auckland';
    expect(formatWhen(Date.UTC(2026, 11, 5, 13, 0, 0), false)).toBe('2026-12-06 02:00:00 +13:00');
  });

  it('are UTC with --utc', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(formatWhen(AT, true)).toBe('2026-12-05T13:25:05Z');
  });
});
