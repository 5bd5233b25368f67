import { useState } from 'preact/hooks';
import type { StoredScrobble } from '../../shared/queue-types.js';
import { QueueFilters } from '../components/queue-filters.js';
import { QueueTable } from '../components/queue-table.js';
import { useNow } from '../hooks/use-now.js';
import { useQueueActions } from '../hooks/use-queue-actions.js';
import { useQueuePage } from '../hooks/use-queue-page.js';
import type { QueueStatus } from '../hooks/use-queue-status.js';
import { useRowSelection } from '../hooks/use-row-selection.js';
import { QUEUE_FILTERS, type QueueFilter } from '../lib/queue-rows.js';
import { EditDialog } from './edit-dialog.js';

// What is waiting or needs attention: queued, retrying (with when and why), failed and
// ignored (with the reason). Select rows to retry or remove them; edit one to fix it.
// The rows are useQueuePage, the selection useRowSelection, what the buttons do
// useQueueActions; this view lays them out.

export function QueueView({ status }: { status: QueueStatus }) {
  const now = useNow();
  const [filter, setFilter] = useState<QueueFilter>(QUEUE_FILTERS[0] as QueueFilter);
  const [editing, setEditing] = useState<StoredScrobble | null>(null);
  const selection = useRowSelection();
  const page = useQueuePage(filter.states, (present) => selection.prune(present));
  const items = page.items;
  const actions = useQueueActions(() => selection.clear());
  const chosen = (items ?? []).filter((r) => selection.selected.has(r.id));
  const counts = status.stats?.counts;

  return (
    <section class="view queue-view" aria-labelledby="queue-title">
      <div class="view-head">
        <h1 id="queue-title">Queue</h1>
        {counts?.failed ? (
          <button type="button" onClick={() => void actions.retryAllFailed()}>
            Retry all failed
          </button>
        ) : null}
      </div>
      <QueueFilters
        current={filter.id}
        counts={counts}
        onPick={(next) => {
          setFilter(next);
          selection.clear();
        }}
      />

      {page.error ? (
        <p class="banner error" role="alert">
          Could not load the queue: {page.error}
        </p>
      ) : null}

      {items === null ? (
        <p class="muted">Loading…</p>
      ) : items.length === 0 ? (
        <div class="empty">
          {filter.id === 'all' ? (
            <p>
              Nothing waiting. Scrobble a track with <strong>Scrobble…</strong> or from the command
              line.
            </p>
          ) : (
            <p>No {filter.label.toLowerCase()} scrobbles.</p>
          )}
        </div>
      ) : (
        <>
          <div class="toolbar" role="group" aria-label="Selected scrobbles">
            <span class="muted" aria-live="polite">
              {chosen.length
                ? `${chosen.length} selected`
                : 'Select scrobbles to act on several at once.'}
            </span>
            <button
              type="button"
              disabled={!chosen.length}
              onClick={() => void actions.retry(chosen)}
            >
              Retry selected
            </button>
            <button
              type="button"
              class="danger-outline"
              disabled={!chosen.length}
              onClick={() => void actions.remove(chosen)}
            >
              Remove selected
            </button>
          </div>
          <QueueTable
            items={items}
            selection={selection}
            now={now}
            actions={{
              retry: (row) => void actions.retry([row]),
              edit: setEditing,
              remove: (row) => void actions.remove([row]),
            }}
          />
          {page.cursor ? (
            <div class="button-row center">
              <button type="button" onClick={() => void page.showMore()}>
                Show more ({(page.total - items.length).toLocaleString()} not shown)
              </button>
            </div>
          ) : null}
        </>
      )}
      <EditDialog row={editing} onClose={() => setEditing(null)} />
    </section>
  );
}
