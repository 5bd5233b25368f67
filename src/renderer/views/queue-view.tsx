import { useState } from 'preact/hooks';
import type { StoredScrobble } from '../../shared/queue-types.js';
import { useApp } from '../app-context.js';
import { QueueFilters } from '../components/queue-filters.js';
import { QueueTable } from '../components/queue-table.js';
import { ServiceFilter } from '../components/service-filter.js';
import { UndoBar } from '../components/undo-bar.js';
import { useClock } from '../hooks/use-clock.js';
import { useQueueActions } from '../hooks/use-queue-actions.js';
import { useQueuePage } from '../hooks/use-queue-page.js';
import type { QueueStatus } from '../hooks/use-queue-status.js';
import { useRowSelection } from '../hooks/use-row-selection.js';
import { QUEUE_FILTERS, type QueueFilter } from '../lib/queue-rows.js';
import { serviceName } from '../lib/service-name.js';
import { EditDialog } from './edit-dialog.js';

// What is waiting or needs attention: queued, retrying (with when and why), failed and
// ignored (with the reason), one line per play with each service's status. Select plays to
// retry or remove them; edit one to fix it; a removal can be undone for a few seconds.
// The plays are useQueuePage, the selection useRowSelection, what the buttons do
// useQueueActions; this view lays them out.

export function QueueView({ status }: { status: QueueStatus }) {
  const { accounts } = useApp();
  const now = useClock(status.states.map((s) => s.pausedUntil));
  const [filter, setFilter] = useState<QueueFilter>(QUEUE_FILTERS[0] as QueueFilter);
  const [service, setService] = useState<string | null>(null);
  const [editing, setEditing] = useState<StoredScrobble[] | null>(null);
  const selection = useRowSelection();
  const page = useQueuePage(filter.states, (present) => selection.prune(present), service);
  const plays = page.plays;
  const actions = useQueueActions(() => selection.clear());
  const chosenPlays = (plays ?? []).filter((p) => selection.selected.has(p.lead.id));
  const chosen = chosenPlays.flatMap((p) => p.rows.filter((r) => filter.states.includes(r.state)));
  const counts = status.stats?.counts;
  const nameOf = (id: string) => serviceName(id, accounts);

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
      <div class="queue-filter-row">
        <QueueFilters
          current={filter.id}
          counts={service === null ? counts : undefined}
          onPick={(next) => {
            setFilter(next);
            selection.clear();
          }}
        />
        <ServiceFilter
          id="queue-service"
          value={service}
          onChange={(next) => {
            setService(next);
            selection.clear();
          }}
        />
      </div>

      {page.error ? (
        <p class="banner error" role="alert">
          Could not load the queue: {page.error}
        </p>
      ) : null}

      {plays === null ? (
        <p class="muted">Loading…</p>
      ) : plays.length === 0 ? (
        <div class="empty">
          {filter.id === 'all' && service === null ? (
            <p>
              Nothing waiting. Scrobble a track with <strong>Scrobble…</strong> or from the command
              line.
            </p>
          ) : filter.id === 'all' && service ? (
            <p>Nothing waiting for {nameOf(service)}.</p>
          ) : (
            <p>
              No {filter.label.toLowerCase()} scrobbles
              {service ? ` for ${nameOf(service)}` : ''}.
            </p>
          )}
        </div>
      ) : (
        <>
          <div class="toolbar" role="group" aria-label="Selected scrobbles">
            <span class="muted" aria-live="polite">
              {chosenPlays.length
                ? `${chosenPlays.length} selected`
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
            plays={plays}
            states={filter.states}
            selection={selection}
            now={now}
            holds={status.holds}
            nameOf={nameOf}
            actions={{
              retry: (rows) => void actions.retry(rows),
              edit: setEditing,
              remove: (rows) => void actions.remove(rows),
            }}
          />
          {page.cursor ? (
            <div class="button-row center">
              <button type="button" onClick={() => void page.showMore()}>
                Show more ({(page.total - plays.length).toLocaleString()} not shown)
              </button>
            </div>
          ) : null}
        </>
      )}
      <EditDialog rows={editing} onClose={() => setEditing(null)} />
      <UndoBar
        pending={actions.undoable.pending}
        onUndo={() => void actions.undoable.undo()}
        onDismiss={actions.undoable.dismiss}
      />
    </section>
  );
}
