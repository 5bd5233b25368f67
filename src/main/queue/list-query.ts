import { SCROBBLE_STATES, type ScrobbleState } from '../../shared/scrobble-state.js';
import type { Keyset } from './cursor.js';
import type { ListQuery } from './types.js';

// Turns a ListQuery into SQL. Pure: the store prepares (and caches) what this builds.

export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 1000;
/** Trigram search needs 3 characters; shorter text falls back to a LIKE scan. */
export const MIN_INDEXED_TEXT = 3;

export interface NormalizedQuery {
  /** null: every state. */
  states: ScrobbleState[] | null;
  target: string | null;
  text: string | null;
  from: number | null;
  to: number | null;
  order: 'oldest' | 'newest';
  limit: number;
}

export function normalizeListQuery(q: ListQuery): NormalizedQuery {
  const limit = q.limit ?? DEFAULT_LIST_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw new RangeError(
      `The list limit must be a whole number from 1 to ${MAX_LIST_LIMIT} (got ${limit}).`,
    );
  }
  for (const state of q.states ?? []) {
    if (!SCROBBLE_STATES.includes(state)) {
      throw new RangeError(`Unknown state "${state}": use one of ${SCROBBLE_STATES.join(', ')}.`);
    }
  }
  for (const [name, value] of [
    ['from', q.from],
    ['to', q.to],
  ] as const) {
    if (value !== undefined && !Number.isFinite(value)) {
      throw new RangeError(`"${name}" must be a unix time in seconds (got ${value}).`);
    }
  }
  const states = [...new Set(q.states ?? [])].sort();
  const text = q.text?.trim() ?? '';
  return {
    // An empty list and "all six" both mean no state filter.
    states: states.length === 0 || states.length === SCROBBLE_STATES.length ? null : states,
    target: q.target ?? null,
    text: text === '' ? null : text,
    // Play times are whole seconds: 1.5 as a lower bound means 2.
    from: q.from === undefined ? null : Math.ceil(q.from),
    to: q.to === undefined ? null : Math.floor(q.to),
    order: q.order ?? 'newest',
    limit,
  };
}

/** Identifies the query a cursor belongs to (everything but the limit and the cursor). */
export function queryKey(q: NormalizedQuery): string {
  return JSON.stringify([q.states, q.target, q.text, q.from, q.to, q.order]);
}

export function usesTextIndex(q: NormalizedQuery): boolean {
  return q.text !== null && [...q.text].length >= MIN_INDEXED_TEXT;
}

/** An FTS5 phrase: the trigram tokenizer turns it into "this exact substring". */
export function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface Sql {
  sql: string;
  params: (string | number)[];
}

interface WhereOptions {
  /** One state to filter on, or none. */
  state?: ScrobbleState;
  /** Several states, as an IN list. */
  states?: readonly ScrobbleState[];
  after?: Keyset | null;
  /** Filter by LIKE on the row (short text only). */
  like?: boolean;
  /** Table alias, for the FTS join. */
  alias?: string;
  /** Leave out from/to (the text search puts them in its key range instead). */
  noRange?: boolean;
}

/** The conditions of `q`, joined with AND (`TRUE` when there are none). */
export function whereClause(q: NormalizedQuery, opts: WhereOptions): Sql {
  const col = (name: string) => (opts.alias ? `${opts.alias}.${name}` : name);
  const terms: string[] = [];
  const params: (string | number)[] = [];
  if (opts.state !== undefined) {
    terms.push(`${col('state')} = ?`);
    params.push(opts.state);
  }
  if (opts.states !== undefined) {
    terms.push(`${col('state')} IN (${opts.states.map(() => '?').join(', ')})`);
    params.push(...opts.states);
  }
  if (q.target !== null) {
    terms.push(`${col('target')} = ?`);
    params.push(q.target);
  }
  if (q.from !== null && !opts.noRange) {
    terms.push(`${col('timestamp')} >= ?`);
    params.push(q.from);
  }
  if (q.to !== null && !opts.noRange) {
    terms.push(`${col('timestamp')} <= ?`);
    params.push(q.to);
  }
  if (opts.like && q.text !== null) {
    const pattern = likePattern(q.text);
    const like = ['artist', 'track', 'album'].map((c) => `${col(c)} LIKE ? ESCAPE '\\'`);
    terms.push(`(${like.join(' OR ')})`);
    params.push(pattern, pattern, pattern);
  }
  if (opts.after) {
    // A row value comparison keeps keyset paging inside the (…, timestamp, id) index.
    terms.push(`(${col('timestamp')}, ${col('id')}) ${q.order === 'newest' ? '<' : '>'} (?, ?)`);
    params.push(opts.after.timestamp, opts.after.id);
  }
  return { sql: terms.length ? terms.join(' AND ') : 'TRUE', params };
}

export function orderBy(q: NormalizedQuery, alias?: string): string {
  const dir = q.order === 'newest' ? 'DESC' : 'ASC';
  const p = alias ? `${alias}.` : '';
  return `ORDER BY ${p}timestamp ${dir}, ${p}id ${dir}`;
}

/** Sorts rows in the query's order (for merging per-state pages and text matches). */
export function compareKeys(order: 'oldest' | 'newest'): (a: Keyset, b: Keyset) => number {
  const sign = order === 'newest' ? -1 : 1;
  return (a, b) => sign * (a.timestamp - b.timestamp || a.id - b.id);
}

// The text index's rowid (see V1_SEARCH in migrations.ts): an "accepted" bit above the play
// time and id. ids stay below 2^30 and timestamps below 2^32 (CHECKs in the schema), so keys
// fit 64 bits and, within each half, sort exactly like (timestamp, id). BigInt, because the
// keys are far past Number's 2^53.
const ACCEPTED_BIT = 2n ** 62n;
const TIME_SHIFT = 2n ** 30n;
const MAX_TIME = 2 ** 32 - 1;

export type SearchHalf = 'accepted' | 'other';

export function searchKey(half: SearchHalf, timestamp: number, id: number): bigint {
  return (half === 'accepted' ? ACCEPTED_BIT : 0n) + BigInt(timestamp) * TIME_SHIFT + BigInt(id);
}

/** Every key both halves can hold (2^63 - 1 itself would need the largest time and id). */
export const ALL_SEARCH_KEYS = { low: 0n, high: 2n ** 63n - 1n } as const;

/** The keys a text query may return in one half: low inclusive, high exclusive. */
export function searchKeyRange(
  half: SearchHalf,
  q: NormalizedQuery,
  after: Keyset | null,
): { low: bigint; high: bigint } {
  const first = searchKey(half, 0, 0);
  // 2^63, the end of the accepted half, does not fit SQLite's integers; the key 2^63 - 1
  // left out instead would need the largest timestamp and id at once.
  const end = half === 'accepted' ? ALL_SEARCH_KEYS.high : ACCEPTED_BIT;
  const at = (t: number) => {
    const key = searchKey(half, Math.min(Math.max(t, 0), MAX_TIME + 1), 0);
    return key < end ? key : end;
  };
  let low = q.from === null ? first : at(q.from);
  let high = q.to === null ? end : at(q.to + 1);
  if (after) {
    const key = searchKey(half, after.timestamp, after.id);
    if (q.order === 'newest') high = key < high ? key : high;
    else low = key + 1n > low ? key + 1n : low;
  }
  return { low, high };
}

/** Text matches in a key range joined to their rows; `rest` adds the row filters. */
export function textMatchSql(select: string, rest: string): string {
  return `SELECT ${select} FROM scrobbles_fts
    CROSS JOIN scrobbles s ON s.id = (scrobbles_fts.rowid & 1073741823)
    WHERE scrobbles_fts MATCH ? AND scrobbles_fts.rowid >= ? AND scrobbles_fts.rowid < ?
      AND ${rest}`;
}

/** Counting matches in a key range needs no row at all. */
export const TEXT_COUNT_SQL = `SELECT count(*) AS n FROM scrobbles_fts
  WHERE scrobbles_fts MATCH ? AND rowid >= ? AND rowid < ?`;
