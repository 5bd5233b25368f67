import { useMemo, useState } from 'preact/hooks';
import type { StoredScrobble } from '../../shared/queue-types.js';
import type { ScrobbleState } from '../../shared/scrobble-state.js';
import { useApp } from '../app-context.js';
import { VirtualGrid, type GridColumn } from '../components/virtual-grid.js';
import { useDebounced } from '../hooks/use-debounced.js';
import { usePagedList } from '../hooks/use-paged-list.js';
import { corrections, correctionText, STATE_LABELS } from '../lib/describe.js';
import { formatPlayed } from '../lib/format.js';
import { dateRangeToUnix } from '../lib/local-time.js';

// Everything sent, newest first: what the service recorded and what it corrected, with search,
// a state filter and a date range. Virtualised and paged where the view is, so 100,000 rows
// open at once and a jump anywhere loads only the page there (rows on their way say Loading…).

const FILTERS: readonly { id: string; label: string; states?: ScrobbleState[] }[] = [
  { id: 'accepted', label: 'Accepted', states: ['accepted'] },
  { id: 'ignored', label: 'Ignored', states: ['ignored'] },
  { id: 'failed', label: 'Failed', states: ['failed'] },
  { id: 'done', label: 'Accepted, ignored or failed', states: ['accepted', 'ignored', 'failed'] },
  { id: 'all', label: 'Everything, including waiting' },
];

const COLUMNS: readonly GridColumn[] = [
  { id: 'when', label: 'Played' },
  { id: 'artist', label: 'Artist' },
  { id: 'track', label: 'Track' },
  { id: 'album', label: 'Album' },
  { id: 'result', label: 'Result' },
];

function resultText(row: StoredScrobble): string {
  if (row.state === 'accepted') {
    const fixes = corrections(row);
    return fixes.length ? fixes.map(correctionText).join('; ') : 'Accepted';
  }
  const reason = row.reason ?? row.lastError;
  return reason ? `${STATE_LABELS[row.state]}: ${reason}` : STATE_LABELS[row.state];
}

function HistoryCells({ row }: { row: StoredScrobble }) {
  const shown = row.state === 'accepted' && row.recorded ? row.recorded : row;
  const result = resultText(row);
  const fixed = row.state === 'accepted' && result !== 'Accepted';
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
        title={fixed ? `Corrected by the service: ${result}` : result}
      >
        {fixed ? <span class="sr-only">Corrected: </span> : null}
        {result}
      </div>
    </>
  );
}

export function HistoryView() {
  const { queueVersion } = useApp();
  const [text, setText] = useState('');
  const [filter, setFilter] = useState('accepted');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const search = useDebounced(text.trim(), 250);
  const query = useMemo(() => {
    const states = FILTERS.find((f) => f.id === filter)?.states;
    return {
      order: 'newest' as const,
      ...(states ? { states } : {}),
      ...(search ? { text: search.slice(0, 200) } : {}),
      ...dateRangeToUnix(from, to),
    };
  }, [filter, search, from, to]);
  const list = usePagedList(query, queueVersion);
  const filtered = search !== '' || from !== '' || to !== '' || filter !== 'accepted';
  const clear = () => {
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
            : `${list.total.toLocaleString()} ${list.total === 1 ? 'scrobble' : 'scrobbles'}`}
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
          Could not load the history: {list.error}{' '}
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
          renderCells={(row) => <HistoryCells row={row} />}
          onNeedRows={list.need}
        />
      )}
    </section>
  );
}
