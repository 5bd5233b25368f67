// The window maths of a virtualised list with a fixed row height: which rows to render for a
// scroll position, and where to scroll to bring a row into view. Rendering only these rows
// keeps a 100,000-row history as fast as a 30-row one.

export interface ViewportInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  total: number;
  /** Extra rows rendered above and below, so fast scrolling does not show blanks. */
  overscan: number;
}

export interface RowWindow {
  /** First rendered row (inclusive). */
  start: number;
  /** Last rendered row (exclusive). */
  end: number;
  /** Where the first rendered row sits, in px from the top of the list. */
  offsetTop: number;
}

export function visibleWindow(v: ViewportInput): RowWindow {
  if (v.total <= 0 || v.rowHeight <= 0) return { start: 0, end: 0, offsetTop: 0 };
  const maxScroll = Math.max(0, v.total * v.rowHeight - v.viewportHeight);
  const scrollTop = Math.min(Math.max(0, v.scrollTop), maxScroll);
  const first = Math.floor(scrollTop / v.rowHeight);
  const visible = Math.ceil(Math.max(0, v.viewportHeight) / v.rowHeight) + 1;
  const start = Math.max(0, first - v.overscan);
  const end = Math.min(v.total, first + visible + v.overscan);
  return { start, end, offsetTop: start * v.rowHeight };
}

/** The scrollTop that shows row `index` whole, moving as little as possible. */
export function scrollToReveal(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** Rows a keyboard key moves the active row by (PageUp/PageDown move a screenful). */
export function keyStep(key: string, viewportHeight: number, rowHeight: number): number | null {
  const page = Math.max(1, Math.floor(viewportHeight / rowHeight) - 1);
  switch (key) {
    case 'ArrowDown':
      return 1;
    case 'ArrowUp':
      return -1;
    case 'PageDown':
      return page;
    case 'PageUp':
      return -page;
    case 'Home':
      return -Infinity;
    case 'End':
      return Infinity;
    default:
      return null;
  }
}

export function clampIndex(index: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(total - 1, Math.max(0, index));
}
