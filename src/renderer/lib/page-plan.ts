// Which pages of a long list to fetch for the rows in view. Pages are fixed blocks of
// `pageSize` rows by index, so a jump to row 50,000 fetches the page holding it, not the 100
// pages before it. Pure: the paged-list hook keeps the pages and runs the plan.

export interface PagePlanInput {
  /** The rows in view: first (inclusive) and last (exclusive) index. */
  start: number;
  end: number;
  pageSize: number;
  /** Rows in the list; null before any page has said. */
  total: number | null;
  /** Pages already loaded. */
  loaded: { has(page: number): boolean };
  /** Pages asked for and not answered yet. */
  pending: { has(page: number): boolean; readonly size: number };
  /** Requests allowed in flight at once, so dragging the scroll bar cannot flood the core. */
  maxPending: number;
}

export interface PageFetch {
  page: number;
  /**
   * 'cursor': right after a loaded page, continue from its last row (no row is skipped or
   * shown twice while rows arrive); 'offset': the page starts the list or an unloaded region.
   */
  by: 'cursor' | 'offset';
}

/** The page that holds row `index`. */
export function pageOf(index: number, pageSize: number): number {
  return Math.floor(Math.max(0, index) / pageSize);
}

/**
 * The pages to ask for now, most urgent first: those holding rows in view, then one ahead, so
 * a steady scroll never waits. The page ahead waits until the one before it is loaded and then
 * continues from it by cursor; call again whenever a page arrives or the view moves. Only the
 * latest view counts: pages a superseded view still waits for just take up request slots.
 */
export function planPages(input: PagePlanInput): PageFetch[] {
  const { pageSize, loaded, pending } = input;
  // Before any answer, ask for the view anyway: a page past the end comes back empty, with
  // the list's length.
  const pageCount = input.total === null ? Infinity : Math.ceil(input.total / pageSize);
  const first = pageOf(input.start, pageSize);
  const last = pageOf(Math.max(input.end, input.start + 1) - 1, pageSize);
  const wanted = (page: number) => page < pageCount && !loaded.has(page) && !pending.has(page);
  let slots = input.maxPending - pending.size;
  const plan: PageFetch[] = [];
  for (let page = first; page <= last && slots > 0; page++) {
    if (!wanted(page)) continue;
    plan.push({ page, by: page > 0 && loaded.has(page - 1) ? 'cursor' : 'offset' });
    slots--;
  }
  const ahead = last + 1;
  if (slots > 0 && wanted(ahead) && loaded.has(ahead - 1)) plan.push({ page: ahead, by: 'cursor' });
  return plan;
}

/**
 * While the view keeps jumping (the scroll bar is being dragged), offset fetches start at most
 * once per `gapMs`: most answers would be for a view already left behind. The first jump after
 * a pause goes at once; fetches by cursor (the page ahead) always go. Returns the fetches to
 * start now and, if some were held back, when to plan again (in ms).
 */
export function holdOffsets(
  plan: readonly PageFetch[],
  sinceLastOffsetMs: number,
  gapMs: number,
): { now: PageFetch[]; retryInMs: number | null } {
  if (sinceLastOffsetMs >= gapMs) return { now: [...plan], retryInMs: null };
  const now = plan.filter((step) => step.by === 'cursor');
  return { now, retryInMs: now.length < plan.length ? gapMs - sinceLastOffsetMs : null };
}
