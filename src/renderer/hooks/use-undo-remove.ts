import { useEffect, useRef, useState } from 'preact/hooks';
import type { StoredScrobble } from '../../shared/queue-types.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';
import { plural } from '../lib/describe.js';

// Remove without a confirmation, with an Undo offered for a few seconds instead: the core
// keeps the removed rows as they were (queue.removeUndoable) and puts them back on Undo.

/** How long Undo is offered; the core keeps the rows a while longer. */
export const UNDO_SHOWN_MS = 10_000;

export interface PendingUndo {
  id: number;
  text: string;
  undo: string;
}

export function useUndoRemove() {
  const { api, notify } = useApp();
  const [pending, setPending] = useState<PendingUndo | null>(null);
  const next = useRef(0);

  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setPending(null), UNDO_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [pending?.id]);

  const remove = async (rows: readonly StoredScrobble[], what: string): Promise<boolean> => {
    if (rows.length === 0) return false;
    try {
      const { removed, undo } = await api.queue.removeUndoable(rows.map((r) => r.id));
      setPending({ id: ++next.current, text: `Removed ${what}.`, undo });
      return removed > 0;
    } catch (e) {
      notify(`Could not remove: ${errorMessage(e)}`, 'error');
      return false;
    }
  };

  const undo = async () => {
    if (!pending) return;
    const { undo: token } = pending;
    setPending(null);
    try {
      const n = await api.queue.undoRemove(token);
      notify(`Put back ${plural(n, 'scrobble')}.`, 'success');
    } catch (e) {
      notify(`Could not undo: ${errorMessage(e)}`, 'error');
    }
  };

  return { pending, remove, undo, dismiss: () => setPending(null) };
}
