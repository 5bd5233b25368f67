import { useMemo, useState } from 'preact/hooks';
import type { TargetState } from '../../shared/queue-types.js';
import type { ScrobbleState } from '../../shared/scrobble-state.js';
import { useApp } from '../app-context.js';
import { VirtualGrid, type GridColumn } from '../components/virtual-grid.js';
import { useDebounced } from '../hooks/use-debounced.js';
import { usePagedList } from '../hooks/use-paged-list.js';
import { PlayDetails } from '../components/play-details.js';
import { ServiceFilter } from '../components/service-filter.js';
import { UndoBar } from '../components/undo-bar.js';
import { useQueueStatus } from '../hooks/use-queue-status.js';
import { useUndoRemove } from '../hooks/use-undo-remove.js';
import { corrections, correctionText, plainWords, serviceStatus } from '../lib/describe.js';
import { playOfRow, type ListedRow, type Play } from '../lib/plays.js';
import { describeTrack } from '../lib/queue-rows.js';
import { serviceName } from '../lib/service-name.js';
import { formatPlayed } from '../lib/format.js';
import { dateRangeToUnix } from '../lib/local-time.js';

// Everything sent, newest first, one line per play with each service's status (a play sent to
// three services is one line): what they recorded and corrected, with search, a filter on
// every state, one on the service, and a date range. Details opens what each service answered,
// with Scrobble again, Love and Remove (with Undo). Virtualised and paged where the view is, so 100,000 rows
// open at once and a jump anywhere loads only the page there (rows on their way say Loading…).

const FILTERS: readonly { id: string; label: string; states?: ScrobbleState[] }[] = [
  { id: 'accepted', label: 'Accepted', states: ['accepted'] },
  { id: 'ignored', label: 'Ignored', states: ['ignored'] },
  { id: 'failed', label: 'Failed', states: ['failed'] },
  { id: 'waiting', label: 'Waiting to be sent', states: ['queued', 'sending'] },
  { id: 'retrying', label: 'Retrying', states: ['retrying'] },
  { id: 'done', label: 'Accepted, ignored or failed', states: ['accepted', 'ignored', 'failed'] },
  { id: 'all', label: 'Everything, including waiting' },
];

const COLUMNS: readonly GridColumn[] = [
  { id: 'when', label: 'Played' },
  { id: 'artist', label: 'Artist' },
  { id: 'track', label: 'Track' },
  { id: 'album', label: 'Album' },
  { id: 'result', label: 'Result' },
  { id: 'actions', label: 'Actions' },
];

/** The result in words: each service's status; a correction says what changed. */
function resultText(
  play: Play,
  nameOf: (id: string) => string,
  now: number,
  holds: Readonly<Record<string, TargetState>>,
): string {
  const one = play.rows.length === 1;
  return play.rows
    .map((row) => {
      const status = serviceStatus(row, nameOf(row.target), now, holds[row.target]);
      const fixes = corrections(row);
      if (fixes.length)
        return `${one ? 'Corrected' : status.text}: ${fixes.map(correctionText).join('; ')}`;
      if (one && row.state === 'accepted') return 'Accepted';
      return status.text;
    })
    .join(' · ');
}

function HistoryCells({
  row,
  nameOf,
  onDetails,
  holds,
}: {
  row: ListedRow;
  nameOf: (id: string) => string;
  onDetails: (play: Play) => void;
  holds: Readonly<Record<string, TargetState>>;
}) {
  const play = playOfRow(row);
  const accepted = play.rows.find((r) => r.state === 'accepted' && r.recorded);
  const shown = accepted?.recorded ?? row;
  const result = resultText(play, nameOf, Date.now(), holds);
  const fixed = play.rows.some((r) => corrections(r).length > 0);
  return (
    <>
      <div role="gridcell" class="vcell col-when">
        {formatPlayed(row.timestamp)}
      </div>
      <div role="gridcell" class="vcell col-artist" title={shown.artist}>
        {shown.artist}
      </div>
      <div role="gridcell" class="vcell col-track" title={shown.track}>
        {shown.track}
      </div>
      <div role="gridcell" class="vcell col-album" title={shown.album ?? ''}>
        {shown.album ?? ''}
      </div>
      <div
        role="gridcell"
        class={`vcell col-result state-${row.state} ${fixed ? 'corrected' : ''}`}
        title={result}
      >
        {result}
      </div>
      <div role="gridcell" class="vcell col-actions">
        <button
          type="button"
          class="link-button"
          aria-label={`Details of ${describeTrack(row)}`}
          onClick={() => onDetails(play)}
        >
          Details
        </button>
      </div>
    </>
  );
}

export function HistoryView() {
  const { queueVersion, accounts } = useApp();
  const [service, setService] = useState<string | null>(null);
  const [details, setDetails] = useState<Play | null>(null);
  const undoable = useUndoRemove();
  // Why a service's plays wait (paused, sign-in), as the Queue and the status bar say it.
  const status = useQueueStatus();
  const nameOf = (id: string) => serviceName(id, accounts);
  const [text, setText] = useState('');
  const [filter, setFilter] = useState('accepted');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const search = useDebounced(text.trim(), 250);
  const query = useMemo(() => {
    const states = FILTERS.find((f) => f.id === filter)?.states;
    return {
      order: 'newest' as const,
      byPlay: true,
      ...(service ? { target: service } : {}),
      ...(states ? { states } : {}),
      ...(search ? { text: search.slice(0, 200) } : {}),
      ...dateRangeToUnix(from, to),
    };
  }, [filter, search, from, to, service]);
  const list = usePagedList(query, queueVersion);
  const filtered =
    search !== '' || from !== '' || to !== '' || filter !== 'accepted' || service !== null;
  const clear = () => {
    setService(null);
    setText('');
    setFilter('accepted');
    setFrom('');
    setTo('');
  };

  return (
    <section class="view history-view" aria-labelledby="history-title">
      <div class="view-head">
        <h1 id="history-title">History</h1>
        <p class="count" aria-live="polite" data-testid="history-total">
          {list.total === null
            ? 'Loading…'
            : `${list.total.toLocaleString()} ${list.total === 1 ? 'play' : 'plays'}`}
        </p>
      </div>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="field grow">
          <label for="history-search">Search</label>
          <input
            id="history-search"
            type="search"
            value={text}
            placeholder="Artist, track or album"
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="history-state">Show</label>
          <select
            id="history-state"
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
          >
            {FILTERS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <ServiceFilter id="history-service" value={service} onChange={setService} />
        <div class="field">
          <label for="history-from">From</label>
          <input
            id="history-from"
            type="date"
            value={from}
            max={to || undefined}
            onInput={(e) => setFrom(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="history-to">To</label>
          <input
            id="history-to"
            type="date"
            value={to}
            min={from || undefined}
            onInput={(e) => setTo(e.currentTarget.value)}
          />
        </div>
        {filtered ? (
          <button type="button" class="filters-clear" onClick={clear}>
            Clear filters
          </button>
        ) : null}
      </form>
      {list.error ? (
        <p class="banner error" role="alert">
          Could not load the history: {plainWords(list.error)}{' '}
          <button type="button" onClick={list.reload}>
            Try again
          </button>
        </p>
      ) : null}
      {list.stale ? (
        <p class="banner info">
          New scrobbles arrived.{' '}
          <button type="button" onClick={list.reload}>
            Show them
          </button>
        </p>
      ) : null}
      {list.total === 0 ? (
        <div class="empty">
          {filtered ? (
            <>
              <p>Nothing matches these filters.</p>
              <button type="button" onClick={clear}>
                Clear filters
              </button>
            </>
          ) : (
            <p>
              No history yet. Scrobbles show up here once the service has accepted them: scrobble a
              track with <strong>Scrobble…</strong>, or play music in a connected player.
            </p>
          )}
        </div>
      ) : (
        <VirtualGrid
          label="Scrobble history"
          columns={COLUMNS}
          total={list.total ?? 0}
          rowAt={list.rowAt}
          renderCells={(row) => (
            <HistoryCells row={row} nameOf={nameOf} onDetails={setDetails} holds={status.holds} />
          )}
          onNeedRows={list.need}
        />
      )}
      <PlayDetails
        play={details}
        onClose={() => setDetails(null)}
        onRemove={(rows) => {
          const first = rows[0];
          if (first) void undoable.remove(rows, describeTrack(first));
        }}
      />
      <UndoBar
        pending={undoable.pending}
        onUndo={() => void undoable.undo()}
        onDismiss={undoable.dismiss}
      />
    </section>
  );
}
