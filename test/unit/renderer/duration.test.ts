import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../src/renderer/lib/duration.js';

describe('parseDuration', () => {
  it('reads m:ss, h:mm:ss and plain seconds', () => {
    expect(parseDuration('3:45')).toEqual({ ok: true, seconds: 225 });
    expect(parseDuration(' 225 ')).toEqual({ ok: true, seconds: 225 });
    expect(parseDuration('1:02:03')).toEqual({ ok: true, seconds: 3723 });
    expect(parseDuration('75:00')).toEqual({ ok: true, seconds: 4500 });
  });

  it('treats blank as unknown', () => {
    expect(parseDuration('  ')).toEqual({ ok: true, seconds: undefined });
  });

  it('refuses what it cannot read, saying which forms work', () => {
    for (const bad of ['3:75', 'abc', '3.5', '-20', '3:4']) {
      const parsed = parseDuration(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/3:45/);
    }
  });
});

describe('formatDuration', () => {
  it('shows m:ss, and h:mm:ss past an hour', () => {
    expect(formatDuration(225)).toBe('3:45');
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(3723)).toBe('1:02:03');
  });
});
