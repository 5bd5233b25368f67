import { describe, expect, it } from 'vitest';
import {
  clampIndex,
  keyStep,
  scrollToReveal,
  visibleWindow,
} from '../../../src/renderer/lib/virtual-window.js';

describe('visibleWindow', () => {
  const base = { viewportHeight: 400, rowHeight: 40, total: 100_000, overscan: 5 };

  it('renders only the rows in view plus the overscan', () => {
    expect(visibleWindow({ ...base, scrollTop: 0 })).toEqual({ start: 0, end: 16, offsetTop: 0 });
    const mid = visibleWindow({ ...base, scrollTop: 40_000 });
    expect(mid).toEqual({ start: 995, end: 1016, offsetTop: 995 * 40 });
  });

  it('stays inside the list at the very end and past it', () => {
    const end = visibleWindow({ ...base, scrollTop: 10_000_000 });
    expect(end.end).toBe(100_000);
    expect(end.start).toBe(100_000 - 10 - 5);
  });

  it('renders every row of a list shorter than the viewport, and nothing of an empty one', () => {
    expect(visibleWindow({ ...base, total: 3, scrollTop: 0 })).toEqual({
      start: 0,
      end: 3,
      offsetTop: 0,
    });
    expect(visibleWindow({ ...base, total: 0, scrollTop: 0 })).toEqual({
      start: 0,
      end: 0,
      offsetTop: 0,
    });
  });
});

describe('scrollToReveal', () => {
  it('scrolls up or down just enough to show the row, and not at all when it is in view', () => {
    expect(scrollToReveal(2, 400, 400, 40)).toBe(80);
    expect(scrollToReveal(30, 400, 400, 40)).toBe(31 * 40 - 400);
    expect(scrollToReveal(12, 400, 400, 40)).toBe(400);
  });
});

describe('keyboard steps', () => {
  it('move by one row, a page less one row, or to either end', () => {
    expect(keyStep('ArrowDown', 400, 40)).toBe(1);
    expect(keyStep('PageUp', 400, 40)).toBe(-9);
    expect(keyStep('End', 400, 40)).toBe(Infinity);
    expect(keyStep('a', 400, 40)).toBeNull();
    expect(clampIndex(-Infinity, 10)).toBe(0);
    expect(clampIndex(Infinity, 10)).toBe(9);
  });
});
