import type { StoredScrobble, TargetState } from '../../shared/queue-types.js';
import { EDITABLE_STATES, type ScrobbleState } from '../../shared/scrobble-state.js';
import type { RowSelection } from '../hooks/use-row-selection.js';
import { rawError, rowDetail, STATE_LABELS } from '../lib/describe.js';
import { formatPlayed } from '../lib/format.js';
import { playStatuses, rowsIn, type Play } from '../lib/plays.js';
import { canRetry, describeTrack } from '../lib/queue-rows.js';
import { formatRelative } from '../lib/relative-time.js';
import { PlayStatuses } from './play-statuses.js';

// The Queue view's table: a checkbox per play (shift-click selects a range) and one to select
// all, each play's track, play time, its state with why in plain words (and, for a play sent
// to several services, each service's status), the server's own text under Details, and
// Retry / Edit / Remove, which act on the play's rows this filter lists.

export interface RowActions {
  retry(rows: StoredScrobble[]): void;
  edit(rows: StoredScrobble[]): void;
  remove(rows: StoredScrobble[]): void;
}

interface QueueTableProps {
  plays: readonly Play[];
  /** The filter's states: which rows of a play the actions act on. */
  states: readonly ScrobbleState[];
  selection: RowSelection;
  actions: RowActions;
  now: number;
  holds: Readonly<Record<string, TargetState>>;
  nameOf: (service: string) => string;
}

export function QueueTable({
  plays,
  states,
  selection,
  actions,
  now,
  holds,
  nameOf,
}: QueueTableProps) {
  const order = plays.map((p) => p.lead.id);
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
        {plays.map((play) => (
          <QueueRow
            key={play.lead.id}
            play={play}
            rows={rowsIn(play, states)}
            selected={selection.selected.has(play.lead.id)}
            onSelect={(checked, shift) => selection.click(play.lead.id, checked, shift, order)}
            actions={actions}
            now={now}
            holds={holds}
            nameOf={nameOf}
          />
        ))}
      </tbody>
    </table>
  );
}

interface QueueRowProps {
  play: Play;
  /** The play's rows in this filter's states. */
  rows: StoredScrobble[];
  selected: boolean;
  onSelect: (checked: boolean, shift: boolean) => void;
  actions: RowActions;
  now: number;
  holds: Readonly<Record<string, TargetState>>;
  nameOf: (service: string) => string;
}

function QueueRow({ play, rows, selected, onSelect, actions, now, holds, nameOf }: QueueRowProps) {
  const row = play.lead;
  const detail = rowDetail(row, now, holds[row.target], nameOf(row.target));
  const raw = rows.map(rawError).filter((r): r is string => r !== null);
  const several = play.rows.length > 1;
  const retryable = rows.filter(canRetry);
  const editable = rows.filter((r) => EDITABLE_STATES.includes(r.state));
  const removable = rows.filter((r) => r.state !== 'sending');
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
        {several ? <PlayStatuses statuses={playStatuses(play, nameOf, now, holds)} /> : null}
        {detail ? <span class="detail">{detail}</span> : null}
        {raw.length ? (
          <details class="raw-details">
            <summary>Details</summary>
            <pre>{raw.join('\n')}</pre>
          </details>
        ) : null}
      </td>
      <td class="col-actions">
        {retryable.length ? (
          <button
            type="button"
            aria-label={`Retry ${describeTrack(row)}`}
            onClick={() => actions.retry(retryable)}
          >
            Retry
          </button>
        ) : null}
        {editable.length ? (
          <button
            type="button"
            aria-label={`Edit ${describeTrack(row)}`}
            onClick={() => actions.edit(editable)}
          >
            Edit
          </button>
        ) : null}
        <button
          type="button"
          class="danger-outline"
          aria-label={`Remove ${describeTrack(row)}`}
          onClick={() => actions.remove(removable)}
          disabled={removable.length === 0}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}
