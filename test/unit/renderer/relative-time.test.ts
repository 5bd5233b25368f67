import { describe, expect, it } from 'vitest';
import {
  WHEN_SHORTCUTS,
  formatRelative,
  shortcutTimestamp,
  whenTimestamp,
} from '../../../src/renderer/lib/relative-time.js';

const now = 1_800_000_000_000;

describe('formatRelative', () => {
  it('says how far ahead or behind, in the largest sensible unit', () => {
    expect(formatRelative(now + 30_000, now)).toBe('in 30 s');
    expect(formatRelative(now + 4 * 60_000, now)).toBe('in 4 min');
    expect(formatRelative(now - 20 * 60_000, now)).toBe('20 min ago');
    expect(formatRelative(now + 2 * 3600_000, now)).toBe('in 2 h');
    expect(formatRelative(now - 3 * 86400_000, now)).toBe('3 days ago');
    expect(formatRelative(now - 2 * 86400_000 + 1, now)).toBe('2 days ago');
  });

  it('calls the next few seconds "now"', () => {
    expect(formatRelative(now + 2_000, now)).toBe('now');
    expect(formatRelative(now - 2_000, now)).toBe('just now');
  });
});

describe('when shortcuts', () => {
  it('offer now, 5 and 20 minutes and an hour ago, as start times in seconds', () => {
    expect(WHEN_SHORTCUTS.map((s) => s.label)).toEqual([
      'Now',
      '5 min ago',
      '20 min ago',
      '1 hour ago',
    ]);
    const twenty = WHEN_SHORTCUTS.find((s) => s.id === '20m')!;
    expect(shortcutTimestamp(twenty, now)).toBe(now / 1000 - 1200);
  });
});

describe('whenTimestamp', () => {
  it('resolves a shortcut at the given moment and a typed local time as it reads', () => {
    expect(whenTimestamp({ kind: 'shortcut', id: '1h' }, now)).toBe(now / 1000 - 3600);
    expect(whenTimestamp({ kind: 'shortcut', id: 'now' }, now)).toBe(now / 1000);
    const typed = new Date(2026, 10, 22, 9, 30).getTime() / 1000;
    expect(whenTimestamp({ kind: 'at', value: '2026-11-22T09:30' }, now)).toBe(typed);
  });

  it('gives null for a date and time that cannot be read', () => {
    expect(whenTimestamp({ kind: 'at', value: '' }, now)).toBeNull();
  });
});
