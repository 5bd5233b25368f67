import { useEffect, useRef, useState } from 'preact/hooks';
import type { ContractInput } from '../../shared/contract.js';
import type { StoredScrobble } from '../../shared/queue-types.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';
import { holdOffsets, pageOf, planPages, type PageFetch } from '../lib/page-plan.js';
import { withPlayRows } from '../lib/plays.js';
import { SparsePages } from '../lib/sparse-pages.js';

// A long list (History) loaded a page at a time where the view is. Pages are blocks of 500
// rows by index; the pages under the rows in view are fetched, plus one ahead. A page right
// after a loaded one continues it by keyset cursor; a page in an unloaded region is fetched
// by offset, so dragging the scroll bar to row 50,000 costs a request or two, not the hundred
// pages in between. Pages live in a ref, not in state, so adding one copies nothing; a
// version number tells the view to re-render. At most MAX_PAGES are held: past that, the
// least recently seen pages away from the view are dropped, and fetched again if the view
// comes back to them.

export const PAGE_SIZE = 500;
/** With the view this near the top, a queue change reloads in place; further down, the user decides. */
const SOFT_RELOAD_LIMIT = 2000;
/**
 * A scroll-bar drag moves the view to another page every frame. Only the latest view gets new
 * requests, at most this many are in flight, and jumps by offset start at most once per
 * OFFSET_GAP_MS; answers for views already left behind are kept (they cost nothing to hold).
 */
const MAX_PENDING = 2;
const OFFSET_GAP_MS = 100;
/** 20,000 rows (about 8 MB): the view and its neighbours, plus the pages seen most recently. */
const MAX_PAGES = 40;

type Query = Omit<ContractInput<'queue.list'>, 'cursor' | 'limit' | 'offset'>;

export interface PagedList {
  rowAt: (index: number) => StoredScrobble | undefined;
  /** null until the first page arrives. */
  total: number | null;
  error: string | null;
  /**
   * The list changed while the user was far down it; `reload()` shows the new state. Until
   * then, pages fetched by offset (after a jump, or dropped and fetched again) may be shifted
   * by the rows that arrived.
   */
  stale: boolean;
  /** The rows in view (start inclusive, end exclusive): load the pages they are on. */
  need: (start: number, end: number) => void;
  reload: () => void;
}

export function usePagedList(query: Query, queueVersion: number): PagedList {
  const { api } = useApp();
  const pages = useRef(new SparsePages<StoredScrobble>(PAGE_SIZE));
  const pending = useRef(new Set<number>());
  const inView = useRef({ start: 0, end: 0 });
  /** Rows in the list by the last answer; null after a restart until the first page says. */
  const total = useRef<number | null>(null);
  const generation = useRef(0);
  const refreshing = useRef(false);
  const lastOffsetAt = useRef(-Infinity);
  const heldTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [view, setView] = useState({
    total: null as number | null,
    error: null as string | null,
    stale: false,
    version: 0,
  });
  const key = JSON.stringify(query);

  // Timers and requests started by an older render must still ask for the current query.
  const latestQuery = useRef(query);
  latestQuery.current = query;
  const fetchPage = (at: { cursor?: string; offset?: number }) =>
    api.queue
      .list({ ...latestQuery.current, limit: PAGE_SIZE, ...at })
      // Each row keeps its play's rows (byPlay), so the view can show every service.
      .then((page) => ({ ...page, items: withPlayRows(page) }));

  /** The pages the rows in view are on, first and last. */
  const viewPages = () => ({
    first: pageOf(inView.current.start, PAGE_SIZE),
    last: pageOf(Math.max(inView.current.end, inView.current.start + 1) - 1, PAGE_SIZE),
  });

  /** Drop the pages seen least recently, beyond MAX_PAGES; never those in view or on their way. */
  const trim = () =>
    pages.current.evict({ maxPages: MAX_PAGES, view: viewPages(), pending: pending.current });

  /** Ask for the pages the rows in view still lack. */
  const pump = () => {
    if (refreshing.current) return;
    const plan = planPages({
      ...inView.current,
      pageSize: PAGE_SIZE,
      total: total.current,
      loaded: pages.current,
      pending: pending.current,
      maxPending: MAX_PENDING,
    });
    const now = performance.now();
    const { now: go, retryInMs } = holdOffsets(plan, now - lastOffsetAt.current, OFFSET_GAP_MS);
    if (retryInMs !== null && heldTimer.current === undefined) {
      heldTimer.current = setTimeout(() => {
        heldTimer.current = undefined;
        pump();
      }, retryInMs);
    }
    if (go.some((step) => step.by === 'offset')) lastOffsetAt.current = now;
    for (const step of go) void load(step);
  };

  const load = async ({ page, by }: PageFetch) => {
    const gen = generation.current;
    const cursor = by === 'cursor' ? pages.current.nextCursor(page - 1) : null;
    pending.current.add(page);
    let loaded = false;
    try {
      const result = await fetchPage(
        cursor ? { cursor } : page > 0 ? { offset: page * PAGE_SIZE } : {},
      );
      if (gen !== generation.current) return;
      pages.current.set(page, result.items, result.nextCursor);
      trim();
      total.current = result.total;
      loaded = true;
      setView((v) => ({
        total: result.total,
        error: null,
        stale: v.stale,
        version: v.version + 1,
      }));
    } catch (error) {
      if (gen === generation.current) setView((v) => ({ ...v, error: errorMessage(error) }));
    } finally {
      if (gen === generation.current) {
        pending.current.delete(page);
        // Next, the page ahead or a view that moved meanwhile: after the grid has drawn this
        // page, so the next answer is not parsed before the rows are painted. After a
        // failure, wait for the view to move or for "Try again": no retry loop.
        if (loaded) setTimeout(pump, 0);
      }
    }
  };

  /** Start over: a new query, or an explicit reload. Answers still on their way are dropped. */
  const restart = () => {
    generation.current++;
    refreshing.current = false;
    lastOffsetAt.current = -Infinity;
    pages.current = new SparsePages(PAGE_SIZE);
    pending.current = new Set();
    total.current = null;
    setView((v) => ({ total: v.total, error: null, stale: false, version: v.version + 1 }));
    pump();
  };

  /**
   * Reload the top of the list without blanking the screen: fetch the pages up to the view
   * (and one ahead) into new pages, each continuing the one before, and swap them in at once.
   */
  const refreshInPlace = async () => {
    const gen = ++generation.current;
    pending.current = new Set();
    refreshing.current = true;
    const fresh = new SparsePages<StoredScrobble>(PAGE_SIZE);
    const last = pageOf(inView.current.end - 1, PAGE_SIZE) + 1;
    let cursor: string | null = null;
    let count = 0;
    try {
      for (let page = 0; page <= last; page++) {
        const result = await fetchPage(cursor ? { cursor } : {});
        if (gen !== generation.current) return;
        fresh.set(page, result.items, result.nextCursor);
        count = result.total;
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      pages.current = fresh;
      trim();
      total.current = count;
      setView((v) => ({ total: count, error: null, stale: false, version: v.version + 1 }));
    } catch (error) {
      if (gen === generation.current) setView((v) => ({ ...v, error: errorMessage(error) }));
    } finally {
      if (gen === generation.current) {
        refreshing.current = false;
        pump();
      }
    }
  };

  // The pages belong to one query. The grid's first request can beat this effect (children's
  // effects run first): the query is still the same then, and that request is kept.
  const pagesKey = useRef(key);
  useEffect(() => {
    if (pagesKey.current === key) return pump();
    pagesKey.current = key;
    restart();
  }, [key]);
  useEffect(() => () => clearTimeout(heldTimer.current), []);

  // History moves a lot during a big flush; catch up once things settle for a second.
  const firstVersion = useRef(queueVersion);
  useEffect(() => {
    if (queueVersion === firstVersion.current) return;
    const timer = setTimeout(() => {
      if (inView.current.end <= SOFT_RELOAD_LIMIT) void refreshInPlace();
      else setView((v) => ({ ...v, stale: true }));
    }, 1000);
    return () => clearTimeout(timer);
  }, [queueVersion]);

  return {
    rowAt: (i) => pages.current.rowAt(i),
    total: view.total,
    error: view.error,
    stale: view.stale,
    need: (start, end) => {
      inView.current = { start, end };
      const { first, last } = viewPages();
      pages.current.touch(first, last);
      pump();
    },
    reload: restart,
  };
}
