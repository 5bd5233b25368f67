import { describe, expect, it } from 'vitest';
import { parseBounds, placeWindow, type Rect } from '../../../src/main/electron/window-bounds.js';

const SIZE = { width: 960, height: 680, minWidth: 640, minHeight: 420 };
// A laptop (primary, with a 32 px top bar) and a monitor to its right.
const LAPTOP: Rect = { x: 0, y: 32, width: 1440, height: 868 };
const MONITOR: Rect = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('parseBounds', () => {
  it('reads back a saved rectangle, rounding fractions', () => {
    expect(parseBounds({ x: 10.4, y: -20, width: 800, height: 600.6 })).toEqual({
      x: 10,
      y: -20,
      width: 800,
      height: 601,
    });
  });

  it.each([
    undefined,
    null,
    'x',
    { x: 1, y: 2, width: 3 },
    { x: 1, y: 2, width: '3', height: 4 },
    { x: NaN, y: 0, width: 10, height: 10 },
    { x: 0, y: 0, width: Infinity, height: 10 },
    { x: 0, y: 0, width: 0, height: 10 },
    { x: 0, y: 0, width: 10, height: -5 },
  ])('refuses %o', (value) => {
    expect(parseBounds(value)).toBeNull();
  });
});

describe('placeWindow', () => {
  it('centres the default size on the primary display the first time', () => {
    expect(placeWindow(null, [LAPTOP, MONITOR], SIZE)).toEqual({
      x: 240,
      y: 32 + 94,
      width: 960,
      height: 680,
    });
  });

  it('keeps a saved place that is on screen', () => {
    const saved = { x: 2000, y: 100, width: 1200, height: 900 };
    expect(placeWindow(saved, [LAPTOP, MONITOR], SIZE)).toEqual(saved);
  });

  it('brings a window whose monitor was unplugged back to the primary display', () => {
    const saved = { x: 2000, y: 100, width: 1200, height: 800 };
    const placed = placeWindow(saved, [LAPTOP], SIZE);
    expect(placed).toEqual({ x: 120, y: 32 + 34, width: 1200, height: 800 });
  });

  it('pulls a window hanging off an edge fully onto its display', () => {
    const saved = { x: 3500, y: -200, width: 800, height: 600 };
    expect(placeWindow(saved, [LAPTOP, MONITOR], SIZE)).toEqual({
      x: 3200,
      y: 0,
      width: 800,
      height: 600,
    });
  });

  it('does not count a sliver at the screen edge as on screen', () => {
    const saved = { x: 1435, y: 200, width: 800, height: 600 };
    expect(placeWindow(saved, [LAPTOP], SIZE)).toEqual({
      x: 320,
      y: 32 + 134,
      width: 800,
      height: 600,
    });
  });

  it('shrinks a window larger than its display, but never below the minimum size', () => {
    const small: Rect = { x: 0, y: 0, width: 1024, height: 600 };
    expect(placeWindow({ x: 0, y: 0, width: 1900, height: 1200 }, [small], SIZE)).toEqual({
      x: 0,
      y: 0,
      width: 1024,
      height: 600,
    });
    expect(placeWindow({ x: 10, y: 10, width: 100, height: 100 }, [small], SIZE)).toMatchObject({
      width: 640,
      height: 420,
    });
  });

  it('puts the window on the display it overlaps most', () => {
    const saved = { x: 1300, y: 300, width: 800, height: 600 };
    expect(placeWindow(saved, [LAPTOP, MONITOR], SIZE)).toEqual({
      x: 1440,
      y: 300,
      width: 800,
      height: 600,
    });
  });

  it('copes with no display information', () => {
    expect(placeWindow(null, [], SIZE)).toEqual({ x: 0, y: 0, width: 960, height: 680 });
  });
});
