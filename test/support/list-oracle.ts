// The store's list queries worked out the plain way, for tests to compare against: every
// page by cursor, and the ids a query should return from the rows with ordinary filters.
import type {
  ListQuery,
  ScrobbleStore,
  StoredScrobble,
} from '../../src/main/queue/storage/store.js';

/** Every page of `query`, following cursors: the ids in order, and each page's total. */
export function allPages(
  store: ScrobbleStore,
  query: ListQuery,
  maxPages = 500,
): { ids: number[]; totals: number[] } {
  const ids: number[] = [];
  const totals: number[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const result = store.list({ ...query, ...(cursor ? { cursor } : {}) });
    ids.push(...result.items.map((r) => r.id));
    totals.push(result.total);
    if (!result.nextCursor) return { ids, totals };
    cursor = result.nextCursor;
  }
  throw new Error('paging did not end');
}

/** Case-insensitive substring, the simplest reading of a search. */
export const lowerCaseMatch = (field: string, text: string): boolean =>
  field.toLowerCase().includes(text.toLowerCase());

/**
 * The ids `query` should list from `rows` (states, target, date range, text over artist,
 * track and album), in its order. `textMatches` says when one field matches the text.
 */
export function expectedIds(
  rows: readonly StoredScrobble[],
  query: ListQuery,
  textMatches: (field: string, text: string) => boolean = lowerCaseMatch,
): number[] {
  const { states, target, from, to, text } = query;
  const ids = rows
    .filter((r) => !states || states.includes(r.state))
    .filter((r) => !target || r.target === target)
    .filter((r) => r.timestamp >= (from ?? 0) && r.timestamp <= (to ?? Infinity))
    .filter(
      (r) => !text || [r.artist, r.track, r.album].some((f) => f != null && textMatches(f, text)),
    )
    .sort((a, b) => a.timestamp - b.timestamp || a.id - b.id)
    .map((r) => r.id);
  return query.order === 'newest' || query.order === undefined ? ids.reverse() : ids;
}
