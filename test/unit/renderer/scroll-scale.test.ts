import { describe, expect, it } from 'vitest';
import {
  isScaled,
  maxBodyHeight,
  rowShift,
  scrollForRow,
  scrollScale,
  toPhysical,
  toVirtual,
  virtualTopOf,
  type ScrollPin,
  type ScrollScale,
} from '../../../src/renderer/lib/scroll-scale.js';
import { keyStep, visibleWindow } from '../../../src/renderer/lib/virtual-window.js';

const ROW = 40;
/** The 1280×800 window's grid: 800 px less the 36 px header row. */
const VIEWPORT = 764;
const CAP = maxBodyHeight(1);

const scaleFor = (total: number, rowHeight = ROW) => scrollScale(total * rowHeight, VIEWPORT, CAP);

/** The rows drawn at a scrollTop, as the grid draws them. */
function windowAt(physicalTop: number, s: ScrollScale, total: number, pin: ScrollPin | null) {
  const virtual = virtualTopOf(physicalTop, s, pin);
  return {
    virtual,
    ...visibleWindow({
      scrollTop: virtual,
      viewportHeight: VIEWPORT,
      rowHeight: ROW,
      total,
      overscan: 0,
    }),
  };
}

/** Row `index`'s top and bottom, in px from the top of the view, at list place `virtual`. */
const onScreen = (index: number, virtual: number) => ({
  top: index * ROW - virtual,
  bottom: (index + 1) * ROW - virtual,
});

const showsWhole = (index: number, virtual: number) => {
  const { top, bottom } = onScreen(index, virtual);
  return top >= -1e-6 && bottom <= VIEWPORT + 1e-6;
};

describe('the body height cap', () => {
  it('stays under the 33,554,428 px a Chromium box can be, and divides by page zoom', () => {
    expect(CAP).toBeLessThan(33_554_428 - 1000);
    expect(maxBodyHeight(2)).toBe(CAP / 2);
    // Zoomed out, or an odd reading: never over the cap.
    expect(maxBodyHeight(0.5)).toBe(CAP);
    expect(maxBodyHeight(Number.NaN)).toBe(CAP);
  });
});

describe('a list under the cap scrolls 1 px for 1 px, as before', () => {
  const s = scaleFor(100_000);

  it('keeps the body the list’s full height and maps every position to itself', () => {
    expect(isScaled(s)).toBe(false);
    expect(s.bodyHeight).toBe(4_000_000);
    for (const px of [0, 1, 123.5, 2_000_000, 4_000_000 - VIEWPORT]) {
      expect(toVirtual(px, s)).toBe(px);
      expect(toPhysical(px, s)).toBe(px);
      expect(virtualTopOf(px, s, { physical: px, virtual: px + 17 })).toBe(px);
    }
  });

  it('scrolls the keyboard’s row into view exactly as the plain window maths does', () => {
    expect(scrollForRow(30, 0, s, null, ROW)).toEqual({
      scrollTop: 31 * ROW - VIEWPORT,
      virtual: 31 * ROW - VIEWPORT,
    });
    expect(scrollForRow(5, 0, s, null, ROW)).toBeNull();
    expect(scrollForRow(99_999, 0, s, null, ROW)?.scrollTop).toBe(4_000_000 - VIEWPORT);
  });
});

describe('a list of 10,000,000 rows (over the cap)', () => {
  const total = 10_000_000;
  const s = scaleFor(total);
  const maxPhysical = s.bodyHeight - VIEWPORT;

  it('gets a body no taller than the cap', () => {
    expect(isScaled(s)).toBe(true);
    expect(s.bodyHeight).toBe(CAP);
  });

  it('shows the first row at the top of the scroll range', () => {
    const w = windowAt(0, s, total, null);
    expect(w.start).toBe(0);
    expect(onScreen(0, w.virtual).top).toBe(0);
  });

  it('shows the last row, whole and at the bottom, at the end of the scroll range', () => {
    const w = windowAt(maxPhysical, s, total, null);
    expect(w.end).toBe(total);
    expect(onScreen(total - 1, w.virtual).bottom).toBeCloseTo(VIEWPORT, 3);
    // Past the end (a scrollTop the browser would not give) changes nothing.
    expect(windowAt(maxPhysical + 5000, s, total, null).virtual).toBe(w.virtual);
    // The browser's end can be a fraction of a px short of ours (it rounds the grid's height):
    // it is still the end, where a scaled px would otherwise hide 12.5 px of the last row.
    expect(windowAt(maxPhysical - 0.6, s, total, null).virtual).toBe(w.virtual);
  });

  it('reaches a row in the middle, and the scroll position half way shows the middle', () => {
    const middle = 5_000_000;
    const w = windowAt(toPhysical(middle * ROW, s), s, total, null);
    expect(w.start).toBe(middle);
    expect(onScreen(middle, w.virtual).top).toBeCloseTo(0, 3);
    const half = windowAt(maxPhysical / 2, s, total, null);
    expect(Math.abs(half.start - (total - VIEWPORT / ROW) / 2)).toBeLessThan(1);
  });

  it('round-trips between scroll positions and list places', () => {
    for (const virtual of [0, ROW, 123_456_789, 5_000_000 * ROW, total * ROW - VIEWPORT]) {
      expect(toVirtual(toPhysical(virtual, s), s)).toBeCloseTo(virtual, 3);
    }
    for (const physical of [0, 1, 1_234_567.5, maxPhysical / 2, maxPhysical]) {
      expect(toPhysical(toVirtual(physical, s), s)).toBeCloseTo(physical, 3);
    }
    // Every row has a scroll position of its own: places one row apart stay apart.
    expect(toPhysical(5_000_001 * ROW, s) - toPhysical(5_000_000 * ROW, s)).toBeGreaterThan(3);
  });

  /**
   * Key presses as the grid handles them, with a browser that keeps whole px of scrollTop
   * (rounding down, the worst case): each scaled px stands for ~12.5 px of rows.
   */
  function press(keys: string[], start: { active: number; scrollTop: number }) {
    let { active, scrollTop } = start;
    let pin: ScrollPin | null = null;
    for (const key of keys) {
      const step = keyStep(key, VIEWPORT, ROW);
      if (step === null) throw new Error(key);
      active = Math.min(total - 1, Math.max(0, active + step));
      const move = scrollForRow(active, scrollTop, s, pin, ROW);
      if (move) {
        scrollTop = Math.floor(move.scrollTop);
        pin = { physical: scrollTop, virtual: move.virtual };
      }
    }
    return { active, scrollTop, virtual: virtualTopOf(scrollTop, s, pin), pin };
  }

  it('End goes to the last row, whole, at the end of the scroll range; Home back to the first', () => {
    const end = press(['End'], { active: 0, scrollTop: 0 });
    expect(end.active).toBe(total - 1);
    expect(end.scrollTop).toBe(maxPhysical);
    expect(showsWhole(total - 1, end.virtual)).toBe(true);
    const home = press(['End', 'Home'], { active: 0, scrollTop: 0 });
    expect(home).toMatchObject({ active: 0, scrollTop: 0, virtual: 0 });
  });

  it('arrow keys and Page Up/Down keep the active row whole in view, row by row', () => {
    const middle = 5_000_000;
    const at = { active: middle, scrollTop: Math.floor(toPhysical(middle * ROW, s)) };
    for (const keys of [
      Array<string>(25).fill('ArrowDown'),
      Array<string>(3).fill('PageDown'),
      ['End', 'PageUp', 'PageUp', 'ArrowUp'],
      ['PageDown', 'ArrowUp', ...Array<string>(30).fill('ArrowUp')],
    ]) {
      const after = press(keys, at);
      expect(showsWhole(after.active, after.virtual)).toBe(true);
    }
    const downs = press(Array<string>(25).fill('ArrowDown'), at);
    expect(downs.active).toBe(middle + 25);
    // The active row sits at the bottom of the view, as in an unscaled list.
    expect(onScreen(downs.active, downs.virtual).bottom).toBeCloseTo(VIEWPORT, 6);
  });

  it('draws the rows on whole px, within half a px of their place', () => {
    const physical = 1_234_567;
    const virtual = toVirtual(physical, s);
    const shift = rowShift(virtual, physical);
    expect(Number.isInteger(shift)).toBe(true);
    // Row 1,000,000's top in the view, as drawn and as it should be.
    const drawn = 1_000_000 * ROW - shift - physical;
    expect(Math.abs(drawn - onScreen(1_000_000, virtual).top)).toBeLessThanOrEqual(0.5);
    expect(rowShift(physical, physical)).toBe(0);
  });

  it('lets go of the exact place once the scroll bar or the wheel moves', () => {
    const pin = { physical: 1000, virtual: 12_345 };
    expect(virtualTopOf(1000, s, pin)).toBe(12_345);
    expect(virtualTopOf(1100, s, pin)).toBe(toVirtual(1100, s));
  });
});

describe('the sizes where a plain list stops working', () => {
  it('scales lists past 800,000 rows of 40 px or 500,000 of 64 px (narrow or zoomed)', () => {
    // Chromium itself stops at 838,860 rows of 40 px and about 524,000 of 64 px.
    expect(isScaled(scaleFor(800_000))).toBe(false);
    expect(isScaled(scaleFor(800_001))).toBe(true);
    expect(isScaled(scaleFor(500_000, 64))).toBe(false);
    expect(isScaled(scaleFor(500_001, 64))).toBe(true);
    const s = scaleFor(1_000_000);
    expect(windowAt(s.bodyHeight - VIEWPORT, s, 1_000_000, null).end).toBe(1_000_000);
  });
});
