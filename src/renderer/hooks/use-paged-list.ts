import { useEffect, useRef, useState } from 'preact/hooks';
import type { ContractInput } from '../../shared/contract.js';
import type { StoredScrobble } from '../../shared/queue-types.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';

// A long list (History) loaded page by page as the user scrolls, with the core's keyset
// cursor. Rows live in a ref, not in state, so adding a page of 500 to 100,000 loaded rows
// copies nothing; a version number tells the view to re-render.

export const PAGE_SIZE = 500;
/** Up to this many loaded rows, a queue change reloads them in place; beyond, the user decides. */
const SOFT_RELOAD_LIMIT = 2000;

type Query = Omit<ContractInput<'queue.list'>, 'cursor' | 'limit'>;

export interface PagedList {
  rowAt: (index: number) => StoredScrobble | undefined;
  /** null until the first page arrives. */
  total: number | null;
  error: string | null;
  /** The list changed while the user was far down it; `reload()` shows the new state. */
  stale: boolean;
  /** Make sure rows up to `end` (exclusive) are loaded. */
  need: (end: number) => void;
  reload: () => void;
}

export function usePagedList(query: Query, queueVersion: number): PagedList {
  const { api } = useApp();
  const rows = useRef<StoredScrobble[]>([]);
  const cursor = useRef<string | null>(null);
  const finished = useRef(false);
  const wanted = useRef(PAGE_SIZE);
  const generation = useRef(0);
  const loading = useRef(false);
  const [view, setView] = useState({
    total: null as number | null,
    error: null as string | null,
    stale: false,
    version: 0,
  });
  const key = JSON.stringify(query);

  // Timers and loops started by an older render must still ask for the current query.
  const latestQuery = useRef(query);
  latestQuery.current = query;
  const fetchPage = (after: string | null) =>
    api.queue.list({
      ...latestQuery.current,
      limit: PAGE_SIZE,
      ...(after ? { cursor: after } : {}),
    });

  /** Load pages until `wanted` rows are there or the list ends. */
  const pump = async () => {
    if (loading.current) return;
    const gen = generation.current;
    loading.current = true;
    try {
      while (!finished.current && rows.current.length < wanted.current) {
        const page = await fetchPage(cursor.current);
        if (gen !== generation.current) return;
        for (const item of page.items) rows.current.push(item);
        cursor.current = page.nextCursor;
        finished.current = page.nextCursor === null || page.items.length === 0;
        setView((v) => ({
          total: page.total,
          error: null,
          stale: v.stale,
          version: v.version + 1,
        }));
      }
    } catch (error) {
      if (gen === generation.current) setView((v) => ({ ...v, error: errorMessage(error) }));
    } finally {
      if (gen === generation.current) loading.current = false;
    }
  };

  /** Start over: a new query, or an explicit reload. */
  const restart = () => {
    generation.current++;
    loading.current = false;
    rows.current = [];
    cursor.current = null;
    finished.current = false;
    wanted.current = Math.max(PAGE_SIZE, wanted.current);
    setView((v) => ({ total: v.total, error: null, stale: false, version: v.version + 1 }));
    void pump();
  };

  /**
   * Reload what is loaded without blanking the screen: fetch into a new buffer and swap it in
   * once it covers as many rows as were shown.
   */
  const refreshInPlace = async () => {
    const gen = ++generation.current;
    loading.current = true;
    const target = Math.max(PAGE_SIZE, rows.current.length);
    const buffer: StoredScrobble[] = [];
    let after: string | null = null;
    let total = 0;
    let done = false;
    try {
      while (!done && buffer.length < target) {
        const page = await fetchPage(after);
        if (gen !== generation.current) return;
        buffer.push(...page.items);
        after = page.nextCursor;
        total = page.total;
        done = page.nextCursor === null || page.items.length === 0;
      }
      rows.current = buffer;
      cursor.current = after;
      finished.current = done;
      setView((v) => ({ total, error: null, stale: false, version: v.version + 1 }));
    } catch (error) {
      if (gen === generation.current) setView((v) => ({ ...v, error: errorMessage(error) }));
    } finally {
      if (gen === generation.current) {
        loading.current = false;
        void pump();
      }
    }
  };

  useEffect(() => {
    wanted.current = PAGE_SIZE;
    restart();
  }, [key]);

  // History moves a lot during a big flush; catch up once things settle for a second.
  const firstVersion = useRef(queueVersion);
  useEffect(() => {
    if (queueVersion === firstVersion.current) return;
    const timer = setTimeout(() => {
      if (rows.current.length <= SOFT_RELOAD_LIMIT) void refreshInPlace();
      else setView((v) => ({ ...v, stale: true }));
    }, 1000);
    return () => clearTimeout(timer);
  }, [queueVersion]);

  return {
    rowAt: (i) => rows.current[i],
    total: view.total,
    error: view.error,
    stale: view.stale,
    need: (end) => {
      if (end <= wanted.current && (rows.current.length >= end || loading.current)) return;
      // Ask for whole pages, one ahead, so a steady scroll never waits.
      wanted.current = Math.max(wanted.current, Math.ceil(end / PAGE_SIZE) * PAGE_SIZE + PAGE_SIZE);
      void pump();
    },
    reload: restart,
  };
}
