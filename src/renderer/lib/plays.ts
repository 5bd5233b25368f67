import type { StoredScrobble, TargetState } from '../../shared/queue-types.js';
import type { ScrobbleState } from '../../shared/scrobble-state.js';
import { findBuiltinService } from '../../shared/services.js';
import { serviceStatus, type ServiceStatus } from './describe.js';

// A play is what the user scrobbled once: one queue row per service it went to (fan-out).
// queue.list with byPlay gives one item per play and every row of it; these helpers turn
// that into what the Queue and History show and act on.

export interface Play {
  /** The row that stands for the play in the list (the first matching the filters). */
  lead: StoredScrobble;
  /** Every row of the play, one per service, oldest id first. */
  rows: StoredScrobble[];
}

/** Pairs a page's items with their plays (a page without `plays` has one row per play). */
export function playsOf(page: { items: StoredScrobble[]; plays?: StoredScrobble[][] }): Play[] {
  return page.items.map((lead, i) => {
    const rows = page.plays?.[i];
    return { lead, rows: rows && rows.length ? rows : [lead] };
  });
}

/** The rows of the play in one of `states`: what Retry, Edit and Remove act on in the Queue. */
export function rowsIn(play: Play, states: readonly ScrobbleState[]): StoredScrobble[] {
  const rows = play.rows.filter((r) => states.includes(r.state));
  return rows.length ? rows : [play.lead];
}

/** Each service's status, in the play's order. */
export function playStatuses(
  play: Play,
  nameOf: (service: string) => string,
  now: number,
  holds: Readonly<Record<string, TargetState>> = {},
): ServiceStatus[] {
  return play.rows.map((row) => serviceStatus(row, nameOf(row.target), now, holds[row.target]));
}

/** Services a track can be loved on from here: the Last.fm 2.0 protocol (and servers added). */
export function canLoveOn(service: string, custom = false): boolean {
  return custom || findBuiltinService(service)?.protocol === 'lastfm2';
}

/** A listed row carrying its play's rows (so a paged list keeps them with the row). */
export type ListedRow = StoredScrobble & { playRows?: StoredScrobble[] };

export function withPlayRows(page: {
  items: StoredScrobble[];
  plays?: StoredScrobble[][];
}): ListedRow[] {
  return page.items.map((item, i) => ({ ...item, playRows: page.plays?.[i] ?? [item] }));
}

export function playOfRow(row: ListedRow): Play {
  return { lead: row, rows: row.playRows?.length ? row.playRows : [row] };
}
