// The probes the history bench runs inside the page (through Playwright's evaluate and
// addInitScript). Each function is sent to the browser as source text, so it may use only its
// argument and browser globals, never anything else from this module. The bench's tsconfig
// has no DOM types (it is Node code), hence the few browser types declared here.

interface ProbeRect {
  top: number;
  bottom: number;
}

interface ProbeElement {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  /** The top border's width. */
  readonly clientTop: number;
  querySelector(selector: string): ProbeElement | null;
  querySelectorAll(selector: string): ArrayLike<ProbeElement>;
  getBoundingClientRect(): ProbeRect;
  getAttribute(name: string): string | null;
}

interface ProbeObserver {
  observe(target: ProbeElement, options: { childList: boolean; subtree: boolean }): void;
  disconnect(): void;
}

interface ProbeResourceEntry {
  name: string;
  startTime: number;
  responseEnd: number;
  encodedBodySize: number;
}

/** When the first data row of the history grid appeared, in ms on the page's clock. */
export interface FirstRowStamps {
  /** Navigation start (0) for a cold load; the click on the History tab for a tab switch. */
  start: number | null;
  /** The row was in the DOM (MutationObserver). */
  dom: number | null;
  /** A task after the next animation frame: the frame that drew the row has been produced. */
  painted: number | null;
}

interface ProbeGlobals {
  document: ProbeElement;
  requestAnimationFrame(callback: (time: number) => void): number;
  addEventListener(
    type: string,
    listener: () => void,
    options: { capture: boolean; once: boolean },
  ): void;
  MutationObserver: new (callback: () => void) => ProbeObserver;
  performance: {
    now(): number;
    clearResourceTimings(): void;
    setResourceTimingBufferSize(size: number): void;
    getEntriesByType(type: string): ProbeResourceEntry[];
  };
  __firstRow?: FirstRowStamps;
}

/**
 * tsx compiles with esbuild's keepNames, which wraps named functions in `__name(fn, "name")`;
 * the page has no such helper, so the bench gives it one (as an init script) before any probe.
 */
export const KEEP_NAMES_SHIM = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

/** A data row (not a "Loading…" placeholder) of the history grid. */
export const FIRST_DATA_ROW =
  '[role=grid][aria-label="Scrobble history"] [role=row][aria-rowindex] [role=gridcell]:not(.loading)';

/**
 * Watches for the first data row. `startOnClick`: the clock starts at the next click (the tab
 * switch); otherwise at navigation start (a cold load, installed as an init script).
 */
export function watchFirstRow(arg: { selector: string; startOnClick: boolean }): void {
  const g = globalThis as unknown as ProbeGlobals;
  const stamps: FirstRowStamps = { start: arg.startOnClick ? null : 0, dom: null, painted: null };
  g.__firstRow = stamps;
  g.performance.clearResourceTimings();
  if (arg.startOnClick) {
    // Capture on window runs before the app's own click handler; once: the next click only.
    g.addEventListener(
      'click',
      () => {
        if (stamps.start === null) stamps.start = g.performance.now();
      },
      { capture: true, once: true },
    );
  }
  const observer = new g.MutationObserver(() => {
    if (stamps.dom !== null || !g.document.querySelector(arg.selector)) return;
    stamps.dom = g.performance.now();
    observer.disconnect();
    g.requestAnimationFrame(() =>
      setTimeout(() => {
        stamps.painted = g.performance.now();
      }, 0),
    );
  });
  observer.observe(g.document, { childList: true, subtree: true });
}

/** The stamps once the row is painted, with the first `queue.list` request's timing. */
export function readFirstRow(): {
  stamps: FirstRowStamps | null;
  list: { start: number; end: number } | null;
} {
  const g = globalThis as unknown as ProbeGlobals;
  const entry = g.performance
    .getEntriesByType('resource')
    .find((e) => e.name.includes('/api/call/queue.list'));
  return {
    stamps: g.__firstRow ?? null,
    list: entry ? { start: entry.startTime, end: entry.responseEnd } : null,
  };
}

/** What a stretch of animation frames looked like. */
export interface FrameLog {
  /** Time between consecutive animation frames, ms. */
  deltas: number[];
  /**
   * Main-thread time to produce each frame: from the frame's start (the animation frame's
   * timestamp) to a task queued from its callback, which runs once style, layout and paint of
   * that frame are done. Frame intervals are held to the 60 Hz beat, so this shows the headroom.
   */
  workMs: number[];
  /** Rows in the grid's DOM, sampled each frame. */
  rowsInDom: number[];
  /** Frames in which a row inside the viewport still said "Loading…". */
  framesWithBlankRows: number;
  /** Time from the start until every row in the viewport held data (null: never). */
  readyMs: number | null;
  /** The first row in view when the stretch ended (0-based), to check where we are. */
  firstVisibleRow: number | null;
  /** queue.list requests the window made meanwhile: count, median duration, median body size. */
  listRequests: { count: number; medianMs: number | null; medianBytes: number | null };
}

/**
 * Scrolls the grid in the page, frame by frame, and logs each frame. Each animation frame adds
 * `pxPerFrame` to scrollTop for `durationMs`, or, with `jumpTo` (0-1 of the scroll range), jumps
 * once and then keeps logging until the rows in view hold data (or `durationMs` passes).
 */
export function scrollAndLog(arg: {
  grid: string;
  pxPerFrame: number;
  durationMs: number;
  jumpTo?: number;
}): Promise<FrameLog> {
  const g = globalThis as unknown as ProbeGlobals;
  const grid = g.document.querySelector(arg.grid);
  if (!grid) return Promise.reject(new Error(`no element matches ${arg.grid}`));
  const log: FrameLog = {
    deltas: [],
    workMs: [],
    rowsInDom: [],
    framesWithBlankRows: 0,
    readyMs: null,
    firstVisibleRow: null,
    listRequests: { count: 0, medianMs: null, medianBytes: null },
  };
  // Room for many requests (a long scroll); the default buffer keeps only 250 entries.
  g.performance.setResourceTimingBufferSize(10_000);
  g.performance.clearResourceTimings();
  const middle = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1] ?? null;
  // Rows whose box overlaps the grid's box, below the sticky header row.
  const rowsInView = () => {
    const box = grid.getBoundingClientRect();
    const header = grid.querySelector('[role=rowgroup]')?.getBoundingClientRect();
    const top = header ? header.bottom : box.top;
    return Array.from(grid.querySelectorAll('[role=row][aria-rowindex]')).filter((row) => {
      const r = row.getBoundingClientRect();
      return row.getAttribute('aria-rowindex') !== '1' && r.bottom > top && r.top < box.bottom;
    });
  };
  return new Promise((resolve) => {
    let start = -1;
    let last = -1;
    const frame = (now: number) => {
      if (start < 0) {
        start = now;
        if (arg.jumpTo !== undefined) {
          // To the end: past it, for the browser to stop at its own end (clientHeight is
          // rounded, so scrollHeight - clientHeight can fall a fraction of a px short).
          grid.scrollTop =
            arg.jumpTo >= 1
              ? grid.scrollHeight
              : arg.jumpTo * (grid.scrollHeight - grid.clientHeight);
        }
      } else {
        log.deltas.push(now - last);
      }
      last = now;
      setTimeout(() => log.workMs.push(g.performance.now() - now), 0);
      const inView = rowsInView();
      log.rowsInDom.push(grid.querySelectorAll('[role=row][aria-rowindex]').length - 1);
      // An empty view counts as blank: the grid has not caught up with the scroll yet.
      const blank =
        inView.length === 0 || inView.some((row) => row.querySelector('.loading') !== null);
      if (blank) log.framesWithBlankRows++;
      else if (log.readyMs === null && log.deltas.length > 0) log.readyMs = now - start;
      const first = inView[0]?.getAttribute('aria-rowindex');
      log.firstVisibleRow = first ? Number(first) - 2 : null;
      const jumpDone = arg.jumpTo !== undefined && log.readyMs !== null && log.deltas.length >= 30;
      if (now - start >= arg.durationMs || jumpDone) {
        // After the last frame's work has been logged.
        setTimeout(() => {
          const lists = g.performance
            .getEntriesByType('resource')
            .filter((e) => e.name.includes('/api/call/queue.list'));
          log.listRequests = {
            count: lists.length,
            medianMs: middle(lists.map((e) => e.responseEnd - e.startTime)),
            medianBytes: middle(lists.map((e) => e.encodedBodySize)),
          };
          resolve(log);
        }, 0);
        return;
      }
      if (arg.jumpTo === undefined) grid.scrollTop += arg.pxPerFrame;
      g.requestAnimationFrame(frame);
    };
    g.requestAnimationFrame(frame);
  });
}

/** What a tour of far jumps cost: each jump's time until its rows showed, and the requests. */
export interface TourLog {
  /** Per jump, ms from the scroll until every row in view held data (null: not within time). */
  readyMs: (number | null)[];
  /** Per jump, the first row in view once it showed (0-based). */
  firstRows: (number | null)[];
  /** queue.list requests made during the whole tour. */
  requests: number;
}

/**
 * Jumps the grid to each place in turn (0-1 of the scroll range), as when the scroll bar is let
 * go there, and moves on once the rows in view hold data (or after `timeoutMs`).
 */
export function jumpTour(arg: {
  grid: string;
  places: number[];
  timeoutMs: number;
}): Promise<TourLog> {
  const g = globalThis as unknown as ProbeGlobals;
  const grid = g.document.querySelector(arg.grid);
  if (!grid) return Promise.reject(new Error(`no element matches ${arg.grid}`));
  g.performance.setResourceTimingBufferSize(10_000);
  g.performance.clearResourceTimings();
  const log: TourLog = { readyMs: [], firstRows: [], requests: 0 };
  // As in scrollAndLog (each page function runs in the browser on its own, so it cannot share
  // a helper with another): rows overlapping the grid's box below the header row.
  const rowsInView = () => {
    const box = grid.getBoundingClientRect();
    const header = grid.querySelector('[role=rowgroup]')?.getBoundingClientRect();
    const top = header ? header.bottom : box.top;
    return Array.from(grid.querySelectorAll('[role=row][aria-rowindex]')).filter((row) => {
      const r = row.getBoundingClientRect();
      return row.getAttribute('aria-rowindex') !== '1' && r.bottom > top && r.top < box.bottom;
    });
  };
  return new Promise((resolve) => {
    let index = 0;
    let start = -1;
    let frames = 0;
    const frame = (now: number) => {
      const place = arg.places[index];
      if (place === undefined) {
        log.requests = g.performance
          .getEntriesByType('resource')
          .filter((e) => e.name.includes('/api/call/queue.list')).length;
        resolve(log);
        return;
      }
      if (start < 0) {
        start = now;
        frames = 0;
        grid.scrollTop = place * (grid.scrollHeight - grid.clientHeight);
      } else {
        frames++;
        const inView = rowsInView();
        const filled =
          inView.length > 0 && inView.every((row) => row.querySelector('.loading') === null);
        if ((filled && frames > 1) || now - start >= arg.timeoutMs) {
          log.readyMs.push(filled ? now - start : null);
          const first = inView[0]?.getAttribute('aria-rowindex');
          log.firstRows.push(first ? Number(first) - 2 : null);
          index++;
          start = -1;
        }
      }
      g.requestAnimationFrame(frame);
    };
    g.requestAnimationFrame(frame);
  });
}

/** Where a row of the grid is, and what it shows. */
export interface RowShown {
  /** 0-based (aria-rowindex less the header row and 1). */
  index: number;
  /** How far the row sticks out of the grid's view (below the header row), in px; 0 inside. */
  overhang: number;
  /**
   * Whole in view, to 1 px: Chromium holds positions past 16,777,216 px (the end of a scaled
   * list) as 32-bit floats, 2 px apart.
   */
  whole: boolean;
  loading: boolean;
  text: string;
}

/**
 * The grid's active row (the one the keyboard moved to), or with `index` that row; null while
 * it is not rendered.
 */
export function rowShown(arg: { grid: string; index?: number }): RowShown | null {
  const g = globalThis as unknown as ProbeGlobals & {
    document: { getElementById(id: string): (ProbeElement & { textContent: string }) | null };
  };
  const grid = g.document.querySelector(arg.grid);
  if (!grid) return null;
  let row: (ProbeElement & { textContent?: string }) | null;
  if (arg.index === undefined) {
    const id = grid.getAttribute('aria-activedescendant');
    row = id ? g.document.getElementById(id) : null;
  } else {
    row = grid.querySelector(`[role=row][aria-rowindex="${arg.index + 2}"]`);
  }
  if (!row) return null;
  const box = grid.getBoundingClientRect();
  const header = grid.querySelector('[role=rowgroup]')?.getBoundingClientRect();
  const r = row.getBoundingClientRect();
  const top = header ? header.bottom : box.top;
  // The borders are as wide at the bottom as at the top.
  const overhang = Math.max(0, top - r.top, r.bottom - (box.bottom - grid.clientTop));
  return {
    index: Number(row.getAttribute('aria-rowindex')) - 2,
    overhang,
    whole: overhang <= 1,
    loading: row.querySelector('.loading') !== null,
    text: row.textContent ?? '',
  };
}
