import type { StoredScrobble } from '../../shared/queue-types.js';
import type { ScrobbleState } from '../../shared/scrobble-state.js';

// The Queue view's filters and what may be done to a row, as plain data and functions.

export interface QueueFilter {
  id: string;
  label: string;
  states: ScrobbleState[];
}

export const QUEUE_FILTERS: readonly QueueFilter[] = [
  { id: 'all', label: 'All', states: ['queued', 'sending', 'retrying', 'failed', 'ignored'] },
  { id: 'queued', label: 'Queued', states: ['queued', 'sending'] },
  { id: 'retrying', label: 'Retrying', states: ['retrying'] },
  { id: 'failed', label: 'Failed', states: ['failed'] },
  { id: 'ignored', label: 'Ignored', states: ['ignored'] },
];

const RETRYABLE: readonly ScrobbleState[] = ['retrying', 'failed', 'ignored'];

/** Sending it again as it is would only be ignored again: a play too old must be re-timed. */
export function canRetry(row: StoredScrobble): boolean {
  return (
    RETRYABLE.includes(row.state) && !(row.state === 'ignored' && row.ignoredKind === 'too-old')
  );
}

export function describeTrack(row: StoredScrobble): string {
  return `“${row.track}” by ${row.artist}`;
}
