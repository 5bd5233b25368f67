import type { StoredScrobble } from '../../shared/queue-types.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';
import { plural } from '../lib/describe.js';
import { canRetry, describeTrack } from '../lib/queue-rows.js';

// Retry and remove, for one row or the selection, and "retry all failed": each says what it
// did, or why it did nothing, in a toast. `done` clears the selection after a change.

export function useQueueActions(done: () => void) {
  const { api, notify, confirm } = useApp();

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

  const remove = async (rows: StoredScrobble[]) => {
    const first = rows[0];
    if (!first) return;
    const what = rows.length === 1 ? describeTrack(first) : plural(rows.length, 'scrobble');
    const ok = await confirm({
      title:
        rows.length === 1 ? 'Remove this scrobble?' : `Remove ${plural(rows.length, 'scrobble')}?`,
      message: `${what} will be deleted from the queue and never sent. This cannot be undone.`,
      confirmLabel: 'Remove',
      danger: true,
    });
    if (!ok) return;
    try {
      const n = await api.queue.remove(rows.map((r) => r.id));
      notify(`Removed ${plural(n, 'scrobble')}.`);
      done();
    } catch (e) {
      notify(`Could not remove: ${errorMessage(e)}`, 'error');
    }
  };

  const retryAllFailed = async () => {
    try {
      const n = await api.queue.retry('all-failed');
      notify(`${plural(n, 'failed scrobble')} queued again.`, 'success');
    } catch (e) {
      notify(errorMessage(e), 'error');
    }
  };

  return { retry, remove, retryAllFailed };
}
