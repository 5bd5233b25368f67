import { useEffect, useRef, useState } from 'preact/hooks';
import type { StoredScrobble } from '../../shared/queue-types.js';
import type { ScrobbleState } from '../../shared/scrobble-state.js';
import { EDITABLE_STATES } from '../../shared/scrobble-state.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';
import { useNow } from '../hooks/use-now.js';
import type { QueueStatus } from '../hooks/use-queue-status.js';
import { plural, rowDetail, STATE_LABELS } from '../lib/describe.js';
import { formatPlayed } from '../lib/format.js';
import { formatRelative } from '../lib/relative-time.js';
import { applySelectionClick, pruneSelection, selectAllState } from '../lib/selection.js';
import { EditDialog } from './edit-dialog.js';

// What is waiting or needs attention: queued, retrying (with when and why), failed and
// ignored (with the reason). Select rows to retry or remove them; edit one to fix it.

const PAGE = 200;

interface QueueFilter {
  id: string;
  label: string;
  states: ScrobbleState[];
}

const FILTERS: readonly QueueFilter[] = [
  { id: 'all', label: 'All', states: ['queued', 'sending', 'retrying', 'failed', 'ignored'] },
  { id: 'queued', label: 'Queued', states: ['queued', 'sending'] },
  { id: 'retrying', label: 'Retrying', states: ['retrying'] },
  { id: 'failed', label: 'Failed', states: ['failed'] },
  { id: 'ignored', label: 'Ignored', states: ['ignored'] },
];

const RETRYABLE: readonly ScrobbleState[] = ['retrying', 'failed', 'ignored'];

/** Sending it again as it is would only be ignored again: a play too old must be re-timed. */
function canRetry(row: StoredScrobble): boolean {
  return RETRYABLE.includes(row.state) && !(row.state === 'ignored' && row.ignoredCode === 3);
}

function describeTrack(row: StoredScrobble): string {
  return `“${row.track}” by ${row.artist}`;
}

export function QueueView({ status }: { status: QueueStatus }) {
  const { api, notify, confirm, queueVersion } = useApp();
  const now = useNow();
  const [filterId, setFilterId] = useState('all');
  const filter = FILTERS.find((f) => f.id === filterId) ?? (FILTERS[0] as QueueFilter);
  const [items, setItems] = useState<StoredScrobble[] | null>(null);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const anchor = useRef<number | null>(null);
  const [editing, setEditing] = useState<StoredScrobble | null>(null);
  const shown = useRef(PAGE);

  // Re-fetch on every queue change, keeping as many rows as were shown.
  useEffect(() => {
    let live = true;
    api.queue
      .list({ states: filter.states, order: 'oldest', limit: Math.min(1000, shown.current) })
      .then(
        (page) => {
          if (!live) return;
          setItems(page.items);
          setTotal(page.total);
          setCursor(page.nextCursor);
          setError(null);
          setSelected((s) =>
            pruneSelection(
              s,
              page.items.map((r) => r.id),
            ),
          );
        },
        (e: unknown) => live && setError(errorMessage(e)),
      );
    return () => {
      live = false;
    };
  }, [api, queueVersion, filter]);

  const showMore = async () => {
    if (!cursor || !items) return;
    try {
      const page = await api.queue.list({
        states: filter.states,
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

  const ids = (items ?? []).map((r) => r.id);
  const all = selectAllState(selected, ids);
  const chosen = (items ?? []).filter((r) => selected.has(r.id));

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
      setSelected(new Set());
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
      setSelected(new Set());
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

  const counts = status.stats?.counts;
  const countFor = (f: QueueFilter) =>
    counts ? f.states.reduce((sum, s) => sum + counts[s], 0) : null;

  return (
    <section class="view queue-view" aria-labelledby="queue-title">
      <div class="view-head">
        <h1 id="queue-title">Queue</h1>
        {counts?.failed ? (
          <button type="button" onClick={retryAllFailed}>
            Retry all failed
          </button>
        ) : null}
      </div>
      <div class="segmented" role="group" aria-label="Show">
        {FILTERS.map((f) => {
          const n = countFor(f);
          return (
            <button
              key={f.id}
              type="button"
              aria-pressed={f.id === filterId}
              onClick={() => {
                setFilterId(f.id);
                setSelected(new Set());
                anchor.current = null;
                shown.current = PAGE;
              }}
            >
              {f.label}
              {n !== null ? <span class="pill">{n.toLocaleString()}</span> : null}
            </button>
          );
        })}
      </div>

      {error ? (
        <p class="banner error" role="alert">
          Could not load the queue: {error}
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
            <button type="button" disabled={!chosen.length} onClick={() => void retry(chosen)}>
              Retry selected
            </button>
            <button
              type="button"
              class="danger-outline"
              disabled={!chosen.length}
              onClick={() => void remove(chosen)}
            >
              Remove selected
            </button>
          </div>
          <table class="queue-table">
            <caption class="sr-only">
              Scrobbles waiting to be sent or needing attention, oldest first
            </caption>
            <thead>
              <tr>
                <th scope="col" class="col-check">
                  <label class="select-all">
                    <input
                      type="checkbox"
                      aria-label="Select all"
                      checked={all === 'all'}
                      indeterminate={all === 'some'}
                      onChange={(e) => {
                        setSelected(e.currentTarget.checked ? new Set(ids) : new Set());
                        anchor.current = null;
                      }}
                    />
                    {/* Shown only when the table stacks into cards and the headers are gone. */}
                    <span class="select-all-text" aria-hidden="true">
                      Select all
                    </span>
                  </label>
                </th>
                <th scope="col">Track</th>
                <th scope="col">Played</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((row) => {
                const detail = rowDetail(row, now);
                return (
                  <tr
                    key={row.id}
                    class={selected.has(row.id) ? 'selected' : ''}
                    data-state={row.state}
                  >
                    <td class="col-check">
                      <input
                        type="checkbox"
                        aria-label={`Select ${describeTrack(row)}`}
                        checked={selected.has(row.id)}
                        onClick={(e) => {
                          const box = e.currentTarget;
                          setSelected((s) =>
                            applySelectionClick(s, {
                              order: ids,
                              id: row.id,
                              checked: box.checked,
                              shift: e.shiftKey,
                              anchor: anchor.current,
                            }),
                          );
                          anchor.current = row.id;
                        }}
                      />
                    </td>
                    <td class="col-track">
                      <span class="title">{row.track}</span>
                      <span class="sub">
                        {row.artist}
                        {row.album ? ` — ${row.album}` : ''}
                      </span>
                    </td>
                    <td class="col-played">
                      <span>{formatPlayed(row.timestamp)}</span>
                      <span class="sub">{formatRelative(row.timestamp * 1000, now)}</span>
                    </td>
                    <td class="col-status">
                      <span class={`badge state-${row.state}`}>{STATE_LABELS[row.state]}</span>
                      {detail ? <span class="detail">{detail}</span> : null}
                    </td>
                    <td class="col-actions">
                      {canRetry(row) ? (
                        <button
                          type="button"
                          aria-label={`Retry ${describeTrack(row)}`}
                          onClick={() => void retry([row])}
                        >
                          Retry
                        </button>
                      ) : null}
                      {EDITABLE_STATES.includes(row.state) ? (
                        <button
                          type="button"
                          aria-label={`Edit ${describeTrack(row)}`}
                          onClick={() => setEditing(row)}
                        >
                          Edit
                        </button>
                      ) : null}
                      <button
                        type="button"
                        class="danger-outline"
                        aria-label={`Remove ${describeTrack(row)}`}
                        onClick={() => void remove([row])}
                        disabled={row.state === 'sending'}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {cursor ? (
            <div class="button-row center">
              <button type="button" onClick={() => void showMore()}>
                Show more ({(total - items.length).toLocaleString()} not shown)
              </button>
            </div>
          ) : null}
        </>
      )}
      <EditDialog row={editing} onClose={() => setEditing(null)} />
    </section>
  );
}
