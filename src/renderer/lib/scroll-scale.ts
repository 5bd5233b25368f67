import { scrollToReveal } from './virtual-window.js';

// Chromium caps a box at 33,554,428 layout px, so a list of rows × row height taller than
// that (over ~838,000 rows of 40 px) cannot be scrolled to its end. Past a cap, the grid's
// body is given the cap's height and a scroll position stands for a proportional place in the
// list: the top of the scroll range is the first row, its bottom the last. Under the cap (any
// realistic history) the mapping is the identity, so scrolling stays exact, 1 px for 1 px.
//
// "physical": the scroller's scrollTop. "virtual": px from the top of the whole list.

/** Below Chromium's 33,554,428 with room for the header row and rounding. */
const MAX_LAYOUT_PX = 32_000_000;

/**
 * The tallest body to give the grid, in CSS px. Zoom multiplies CSS px into the layout px the
 * cap is in (measured with CSS zoom: at 2× the cap is half as many CSS px), and it shows in
 * devicePixelRatio. So does the screen's own scale factor, which did not lower the cap in
 * headless Chromium's emulation of a HiDPI screen: dividing by the whole ratio may err low on
 * such screens, which is harmless (the list is scaled a little sooner).
 */
export function maxBodyHeight(devicePixelRatio: number): number {
  const ratio = Number.isFinite(devicePixelRatio) ? Math.max(1, devicePixelRatio) : 1;
  return Math.floor(MAX_LAYOUT_PX / ratio);
}

export interface ScrollScale {
  /** Every row's height together: total × row height. */
  contentHeight: number;
  /** The height the body is given: the content's, or the cap when the content is taller. */
  bodyHeight: number;
  /** The rows' part of the scroller (below the header). */
  viewportHeight: number;
}

export function scrollScale(
  contentHeight: number,
  viewportHeight: number,
  maxHeight: number,
): ScrollScale {
  return {
    contentHeight: Math.max(0, contentHeight),
    bodyHeight: Math.max(0, Math.min(contentHeight, maxHeight)),
    viewportHeight: Math.max(0, viewportHeight),
  };
}

/** Whether scroll positions stand for more than themselves (the content is over the cap). */
export function isScaled(s: ScrollScale): boolean {
  return s.contentHeight > s.bodyHeight && s.bodyHeight > s.viewportHeight;
}

const maxPhysical = (s: ScrollScale) => Math.max(0, s.bodyHeight - s.viewportHeight);
const maxVirtual = (s: ScrollScale) => Math.max(0, s.contentHeight - s.viewportHeight);
const clamp = (value: number, max: number) => Math.min(max, Math.max(0, value));

/**
 * The place in the list that a scrollTop shows at the top of the view. The last px of the
 * scroll range is the end of the list: the browser's own end can differ from ours by a
 * fraction of a px (it rounds the scroller's height), which scaled would hide part of the last row.
 */
export function toVirtual(physicalTop: number, s: ScrollScale): number {
  if (!isScaled(s)) return physicalTop;
  const max = maxPhysical(s);
  if (physicalTop >= max - 1) return maxVirtual(s);
  return (clamp(physicalTop, max) * maxVirtual(s)) / max;
}

/** The scrollTop that shows the place `virtualTop` of the list at the top of the view. */
export function toPhysical(virtualTop: number, s: ScrollScale): number {
  if (!isScaled(s)) return virtualTop;
  return (clamp(virtualTop, maxVirtual(s)) * maxPhysical(s)) / maxVirtual(s);
}

/**
 * A place in the list set exactly (by the keyboard) and the scrollTop it was given. When the
 * list is scaled, one px of scrollTop stands for several px of rows, so the scrollTop alone
 * would land a row up to that much off; while the scroller stays where it was put, the exact
 * place counts.
 */
export interface ScrollPin {
  physical: number;
  virtual: number;
}

/** The place in the list shown at scrollTop `physicalTop`, honouring a pin still in force. */
export function virtualTopOf(physicalTop: number, s: ScrollScale, pin: ScrollPin | null): number {
  if (!isScaled(s)) return physicalTop;
  if (pin && Math.abs(pin.physical - physicalTop) < 1) return clamp(pin.virtual, maxVirtual(s));
  return toVirtual(physicalTop, s);
}

/**
 * Where to scroll so that row `index` shows whole, moving as little as possible (the keyboard
 * moved the active row there): the scrollTop to set and the exact place in the list to pin to
 * it. null when the row already shows whole.
 */
export function scrollForRow(
  index: number,
  physicalTop: number,
  s: ScrollScale,
  pin: ScrollPin | null,
  rowHeight: number,
): { scrollTop: number; virtual: number } | null {
  const from = virtualTopOf(physicalTop, s, pin);
  const to = scrollToReveal(index, from, s.viewportHeight, rowHeight);
  return to === from ? null : { scrollTop: toPhysical(to, s), virtual: to };
}

/**
 * How far up to draw the rows so that the place `virtualTop` is at the top of the view at
 * scrollTop `physicalTop`: row `i` goes at `i × rowHeight - shift` in the body. Whole px, so
 * rows are not drawn between pixels (blurred text); 0 when the list is not scaled.
 */
export function rowShift(virtualTop: number, physicalTop: number): number {
  return Math.round(virtualTop - physicalTop);
}
