import type { QueueStats } from '../../shared/queue-types.js';
import { QUEUE_FILTERS, type QueueFilter } from '../lib/queue-rows.js';

// The Queue view's "Show" buttons, each with how many scrobbles it would list.

interface QueueFiltersProps {
  current: string;
  counts: QueueStats['counts'] | undefined;
  onPick: (filter: QueueFilter) => void;
}

export function QueueFilters({ current, counts, onPick }: QueueFiltersProps) {
  return (
    <div class="segmented" role="group" aria-label="Show">
      {QUEUE_FILTERS.map((f) => {
        const n = counts ? f.states.reduce((sum, s) => sum + counts[s], 0) : null;
        return (
          <button
            key={f.id}
            type="button"
            aria-pressed={f.id === current}
            onClick={() => onPick(f)}
          >
            {f.label}
            {n !== null ? <span class="pill">{n.toLocaleString()}</span> : null}
          </button>
        );
      })}
    </div>
  );
}
