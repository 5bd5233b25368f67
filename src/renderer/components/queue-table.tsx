import type { StoredScrobble } from '../../shared/queue-types.js';
import { EDITABLE_STATES } from '../../shared/scrobble-state.js';
import type { RowSelection } from '../hooks/use-row-selection.js';
import { rowDetail, STATE_LABELS } from '../lib/describe.js';
import { formatPlayed } from '../lib/format.js';
import { canRetry, describeTrack } from '../lib/queue-rows.js';
import { formatRelative } from '../lib/relative-time.js';

// The Queue view's table: a checkbox per row (shift-click selects a range) and one to select
// all, each row's track, play time, state with its reason, and its Retry / Edit / Remove.

export interface RowActions {
  retry(row: StoredScrobble): void;
  edit(row: StoredScrobble): void;
  remove(row: StoredScrobble): void;
}

interface QueueTableProps {
  items: readonly StoredScrobble[];
  selection: RowSelection;
  actions: RowActions;
  now: number;
}

export function QueueTable({ items, selection, actions, now }: QueueTableProps) {
  const order = items.map((r) => r.id);
  const all = selection.allState(order);
  return (
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
                onChange={(e) => selection.setAll(e.currentTarget.checked, order)}
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
        {items.map((row) => (
          <QueueRow
            key={row.id}
            row={row}
            selected={selection.selected.has(row.id)}
            onSelect={(checked, shift) => selection.click(row.id, checked, shift, order)}
            actions={actions}
            now={now}
          />
        ))}
      </tbody>
    </table>
  );
}

interface QueueRowProps {
  row: StoredScrobble;
  selected: boolean;
  onSelect: (checked: boolean, shift: boolean) => void;
  actions: RowActions;
  now: number;
}

function QueueRow({ row, selected, onSelect, actions, now }: QueueRowProps) {
  const detail = rowDetail(row, now);
  return (
    <tr class={selected ? 'selected' : ''} data-state={row.state}>
      <td class="col-check">
        <input
          type="checkbox"
          aria-label={`Select ${describeTrack(row)}`}
          checked={selected}
          onClick={(e) => onSelect(e.currentTarget.checked, e.shiftKey)}
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
            onClick={() => actions.retry(row)}
          >
            Retry
          </button>
        ) : null}
        {EDITABLE_STATES.includes(row.state) ? (
          <button
            type="button"
            aria-label={`Edit ${describeTrack(row)}`}
            onClick={() => actions.edit(row)}
          >
            Edit
          </button>
        ) : null}
        <button
          type="button"
          class="danger-outline"
          aria-label={`Remove ${describeTrack(row)}`}
          onClick={() => actions.remove(row)}
          disabled={row.state === 'sending'}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}
