import type { StoredScrobble } from '../../shared/queue-types.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';
import { plural } from '../lib/describe.js';
import { canRetry, describeTrack } from '../lib/queue-rows.js';
import { useUndoRemove } from './use-undo-remove.js';

// Retry and remove, for one row or the selection, and "retry all failed": each says what it
// did, or why it did nothing, in a toast; a removal offers Undo. `done` clears the selection after a change.

export function useQueueActions(done: () => void) {
  const { api, notify } = useApp();

  const retry = async (rows: StoredScrobble[]) => {
    const todo = rows.filter(canRetry).map((r) => r.id);
    if (todo.length === 0) {
      notify(
        'Nothing to retry: queued scrobbles are sent as soon as possible, and a play that is too old must be edited (re-timed) first.',
      );
      return;
    }
    try {
      const n = await api.queue.retry(todo);
      notify(`${plural(n, 'scrobble')} queued again.`, 'success');
      done();
    } catch (e) {
      notify(`Could not retry: ${errorMessage(e)}`, 'error');
    }
  };

  // Remove asks nothing: an Undo is offered for a few seconds instead (useUndoRemove).
  const undoable = useUndoRemove();
  const remove = async (rows: StoredScrobble[]) => {
    const first = rows[0];
    if (!first) return;
    const what = rows.length === 1 ? describeTrack(first) : plural(rows.length, 'scrobble');
    if (await undoable.remove(rows, what)) done();
  };

  const retryAllFailed = async () => {
    try {
      const n = await api.queue.retry('all-failed');
      notify(`${plural(n, 'failed scrobble')} queued again.`, 'success');
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  };

  return { retry, remove, retryAllFailed, undoable };
}
