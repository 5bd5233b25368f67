import { useEffect, useRef, useState } from 'preact/hooks';
import type { StoredScrobble } from '../../shared/queue-types.js';
import { playsOf, type Play } from '../lib/plays.js';
import type { ScrobbleState } from '../../shared/scrobble-state.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';

// The Queue view's plays for one filter (and service): re-read on every queue change (keeping
// as many as were shown), with "show more" continuing from the last page's cursor. A play sent
// to several services is one item, with each service's row (queue.list byPlay).

const PAGE = 200;

export interface QueuePage {
  items: StoredScrobble[] | null;
  /** The plays the items stand for, in the same order. */
  plays: Play[] | null;
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
  target: string | null = null,
): QueuePage {
  const { api, notify, queueVersion } = useApp();
  const [plays, setPlays] = useState<Play[] | null>(null);
  const items = plays ? plays.map((p) => p.lead) : null;
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = useRef(PAGE);
  const lastFilter = useRef({ states, target });
  if (lastFilter.current.states !== states || lastFilter.current.target !== target) {
    // Another filter starts again at one page.
    lastFilter.current = { states, target };
    shown.current = PAGE;
  }
  const filter = {
    states: [...states],
    order: 'oldest' as const,
    byPlay: true,
    ...(target ? { target } : {}),
  };

  useEffect(() => {
    let live = true;
    api.queue.list({ ...filter, limit: Math.min(1000, shown.current) }).then(
      (page) => {
        if (!live) return;
        setPlays(playsOf(page));
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
  }, [api, queueVersion, states, target]);

  const showMore = async () => {
    if (!cursor || !plays) return;
    try {
      const page = await api.queue.list({ ...filter, limit: PAGE, cursor });
      setPlays([...plays, ...playsOf(page)]);
      shown.current = plays.length + page.items.length;
      setCursor(page.nextCursor);
      setTotal(page.total);
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  };

  return { items, plays, total, cursor, error, showMore };
}
