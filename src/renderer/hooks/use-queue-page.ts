import { useEffect, useRef, useState } from 'preact/hooks';
import type { StoredScrobble } from '../../shared/queue-types.js';
import type { ScrobbleState } from '../../shared/scrobble-state.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';

// The Queue view's rows for one filter: re-read on every queue change (keeping as many rows
// as were shown), with "show more" continuing from the last page's cursor.

const PAGE = 200;

export interface QueuePage {
  items: StoredScrobble[] | null;
  total: number;
  /** Set while more rows exist past those shown. */
  cursor: string | null;
  error: string | null;
  showMore(): Promise<void>;
}

/** `onRows` hears the ids of each full re-read (the selection drops rows that went away). */
export function useQueuePage(
  states: readonly ScrobbleState[],
  onRows: (ids: number[]) => void,
): QueuePage {
  const { api, notify, queueVersion } = useApp();
  const [items, setItems] = useState<StoredScrobble[] | null>(null);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = useRef(PAGE);
  const lastStates = useRef(states);
  if (lastStates.current !== states) {
    // Another filter starts again at one page.
    lastStates.current = states;
    shown.current = PAGE;
  }

  useEffect(() => {
    let live = true;
    api.queue
      .list({ states: [...states], order: 'oldest', limit: Math.min(1000, shown.current) })
      .then(
        (page) => {
          if (!live) return;
          setItems(page.items);
          setTotal(page.total);
          setCursor(page.nextCursor);
          setError(null);
          onRows(page.items.map((r) => r.id));
        },
        (e: unknown) => live && setError(errorMessage(e)),
      );
    return () => {
      live = false;
    };
  }, [api, queueVersion, states]);

  const showMore = async () => {
    if (!cursor || !items) return;
    try {
      const page = await api.queue.list({
        states: [...states],
        order: 'oldest',
        limit: PAGE,
        cursor,
      });
      setItems([...items, ...page.items]);
      shown.current = items.length + page.items.length;
      setCursor(page.nextCursor);
      setTotal(page.total);
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  };

  return { items, total, cursor, error, showMore };
}
