import { SCROBBLE_STATES, type ScrobbleState } from '../../../shared/scrobble-state.js';
import type { Keyset } from './cursor.js';
import type { ListQuery } from '../types.js';

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
  /** Rows to skip (0: none); never together with a cursor. */
  offset: number;
  /**
   * One item per play (see ListQuery.byPlay): only the first row of a play that matches the
   * filters is listed. The Lister turns it off when a single service has rows.
   */
  byPlay: boolean;
}

export function normalizeListQuery(q: ListQuery): NormalizedQuery {
  const limit = q.limit ?? DEFAULT_LIST_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw new RangeError(
      `The list limit must be a whole number from 1 to ${MAX_LIST_LIMIT} (got ${limit}).`,
    );
  }
  const offset = q.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new RangeError(`The list offset must be a whole number, 0 or more (got ${offset}).`);
  }
  if (q.offset !== undefined && q.cursor !== undefined) {
    throw new RangeError('Give either an offset or a cursor, not both.');
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
    offset,
    // With a service filter each play has one row there: nothing to group.
    byPlay: q.byPlay === true && q.target === undefined,
  };
}

/** Identifies the query a cursor belongs to (everything but the limit, cursor and offset). */
export function queryKey(q: NormalizedQuery): string {
  return JSON.stringify([q.states, q.target, q.text, q.from, q.to, q.order, q.byPlay]);
}

export function usesTextIndex(q: NormalizedQuery): boolean {
  return q.text !== null && [...q.text].length >= MIN_INDEXED_TEXT;
}

export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type SqlValue = string | number | bigint;

export interface Sql {
  sql: string;
  params: SqlValue[];
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
  const params: SqlValue[] = [];
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
  if (q.byPlay) terms.push(firstOfPlaySql(opts.alias ?? 'scrobbles', q.states, params));
  if (opts.after) {
    // A row value comparison keeps keyset paging inside the (…, timestamp, id) index.
    terms.push(`(${col('timestamp')}, ${col('id')}) ${q.order === 'newest' ? '<' : '>'} (?, ?)`);
    params.push(opts.after.timestamp, opts.after.id);
  }
  return { sql: terms.length ? terms.join(' AND ') : 'TRUE', params };
}

/**
 * "No earlier row of the same play matches the filters": the first matching row stands for
 * its play, so a play sent to three services is one row of the list, and keyset paging,
 * offsets and counts work on plays unchanged. A fan-out's rows are written together, so the
 * first row has the lowest id. Siblings are found through the (timestamp) index. The text
 * filter is left out: a play's rows share artist and track, so they match together.
 */
export function firstOfPlaySql(
  outer: string,
  states: readonly ScrobbleState[] | null,
  params: SqlValue[],
): string {
  let sql =
    `NOT EXISTS (SELECT 1 FROM scrobbles AS sib WHERE sib.timestamp = ${outer}.timestamp` +
    ` AND sib.id < ${outer}.id AND sib.artist = ${outer}.artist AND sib.track = ${outer}.track`;
  if (states) {
    sql += ` AND sib.state IN (${states.map(() => '?').join(', ')})`;
    params.push(...states);
  }
  return `${sql})`;
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

// Offsets: the (timestamp, id) of the row just before the wanted page, found by an OFFSET
// query that reads only index entries (text: text-query.ts); the page itself is then the
// usual keyset page after it. SQLite still steps over the skipped entries one by one, but without
// reading their rows: tens of thousands take a few ms.

/**
 * Rows of several streams (one per state, each ordered by its (state, timestamp) index) in the
 * query's order. As a compound SELECT, SQLite merges the streams side by side instead of
 * sorting them, so a page reads only its own rows. `tail` is the LIMIT (and OFFSET) clause.
 */
export function mergedSql(
  columns: string,
  q: NormalizedQuery,
  streams: readonly Sql[],
  tail: string,
): Sql {
  const arms = streams.map((where) => `SELECT ${columns} FROM scrobbles WHERE ${where.sql}`);
  return {
    sql: `${arms.join(' UNION ALL ')} ${orderBy(q)} ${tail}`,
    params: streams.flatMap((where) => where.params),
  };
}

/** The key of the row `?` rows into the list, for the index path: no row is read for it. */
export function indexKeySql(q: NormalizedQuery, streams: readonly Sql[]): Sql {
  return mergedSql('timestamp, id', q, streams, 'LIMIT 1 OFFSET ?');
}
