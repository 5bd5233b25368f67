import type { ImportFormat, ImportSummary } from '../../../shared/import-types.js';
import type { ScrobbleState } from '../../../shared/scrobble-state.js';
import type { ImportRow } from './rows.js';

// The imports table's rows as the fronts see them, with what became of each import's plays.

/** States "remove import" deletes (see UNSENT in statements.ts). */
export const UNSENT_STATES: readonly ScrobbleState[] = ['queued', 'retrying', 'failed'];

export function importSummaryOf(
  row: ImportRow,
  rows: readonly { target: string; state: ScrobbleState; n: number }[],
): ImportSummary {
  let unsent = 0;
  let sent = 0;
  for (const r of rows) {
    if (UNSENT_STATES.includes(r.state)) unsent += r.n;
    else sent += r.n;
  }
  return {
    id: row.id,
    fileName: row.file_name,
    format: row.format as ImportFormat,
    utcOffsetMinutes: row.utc_offset_minutes,
    createdAt: row.created_at,
    lastRunAt: row.last_run_at,
    counts: parseCounts(row.counts),
    rows: rows.map((r) => ({ target: r.target, state: r.state, count: r.n })),
    unsent,
    sent,
    removedAt: row.removed_at,
  };
}

function parseCounts(text: string): ImportSummary['counts'] {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as ImportSummary['counts']) : {};
  } catch {
    // Counts are a report, not data: a damaged one reads as "not known".
    return {};
  }
}
