import type Database from 'better-sqlite3';
import { SCROBBLE_STATES, type ScrobbleState } from '../../shared/scrobble-state.js';
import { decodeCursor, encodeCursor, fingerprint, type Keyset } from './cursor.js';
import {
  ALL_SEARCH_KEYS,
  compareKeys,
  ftsPhrase,
  indexKeySql,
  mergedSql,
  normalizeListQuery,
  queryKey,
  searchKeyRange,
  TEXT_COUNT_SQL,
  textHalves,
  textKeySql,
  textMatchSql,
  usesTextIndex,
  whereClause,
  type NormalizedQuery,
  type SearchHalf,
  type Sql,
} from './list-query.js';
import { rowToStored, type ScrobbleRow } from './rows.js';
import { countsByState, type Statements } from './statements.js';
import type { ListPage, ListQuery } from './types.js';

/** Where a page starts: after a row's key, at the start, or past the end (no rows). */
type Start = Keyset | null | 'end';

/** Runs list queries: picks the index for the filters and keeps each SQL shape prepared. */
export class Lister {
  /** List statements vary with the filters; each shape is prepared once. */
  private readonly statements = new Map<string, Database.Statement<unknown[], unknown>>();

  constructor(
    private readonly db: Database.Database,
    private readonly stmt: Statements,
  ) {}

  list(query: ListQuery): ListPage {
    const q = normalizeListQuery(query);
    const print = fingerprint(queryKey(q));
    let after: Start = query.cursor ? decodeCursor(query.cursor, print) : null;
    // An offset page is the keyset page after the row just before it.
    if (q.offset > 0) after = this.keyAt(q, q.offset - 1) ?? 'end';
    const { rows, total } = usesTextIndex(q)
      ? this.listByText(q, after)
      : this.listByIndex(q, after);
    const items = rows.slice(0, q.limit).map(rowToStored);
    const last = items.at(-1);
    const nextCursor = rows.length > q.limit && last ? encodeCursor(last, print) : null;
    return { items, nextCursor, total };
  }

  private prepared(sql: string): Database.Statement<unknown[], unknown> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** With one target only (most users), filtering on it cannot exclude anything. */
  private targetFilter(q: NormalizedQuery): string | null {
    return q.target !== null && this.stmt.otherTargets.get(q.target)?.found ? q.target : null;
  }

  /** The key of the row `index` rows into the list (0-based), or undefined past the end. */
  private keyAt(q: NormalizedQuery, index: number): Keyset | undefined {
    const filtered = { ...q, target: this.targetFilter(q) };
    let sql: Sql;
    if (usesTextIndex(q)) {
      const halves = textHalves(q).map(({ half, states }) => ({
        half,
        where: whereClause(filtered, { alias: 's', noRange: true, ...(states ? { states } : {}) }),
      }));
      sql = textKeySql(q, ftsPhrase(q.text ?? ''), halves);
    } else {
      const like = q.text !== null;
      const states: (ScrobbleState | undefined)[] = q.states ?? [undefined];
      sql = indexKeySql(
        q,
        states.map((state) => whereClause(filtered, { state, like })),
      );
    }
    return this.prepared(sql.sql).get(...sql.params, index) as Keyset | undefined;
  }

  /** States and dates use the (state, timestamp) or (timestamp) index; short text scans. */
  private listByIndex(q: NormalizedQuery, after: Start): { rows: ScrobbleRow[]; total: number } {
    const like = q.text !== null;
    // An index range per state, merged in order (one range would hold every state).
    const states: (ScrobbleState | undefined)[] = q.states ?? [undefined];
    let rows: ScrobbleRow[] = [];
    // Past the end there are no rows to read, only matches to count.
    if (after !== 'end') {
      const page = mergedSql(
        '*',
        q,
        states.map((state) => whereClause(q, { state, after, like })),
        'LIMIT ?',
      );
      rows = this.prepared(page.sql).all(...page.params, q.limit + 1) as ScrobbleRow[];
    }

    let total = 0;
    if (!like && q.from === null && q.to === null) {
      const counts = countsByState(this.stmt, q.target ?? undefined);
      for (const state of q.states ?? SCROBBLE_STATES) total += counts[state];
    } else {
      for (const state of states) {
        const where = whereClause(q, { state, like });
        const sql = `SELECT count(*) AS n FROM scrobbles WHERE ${where.sql}`;
        total += (this.prepared(sql).get(...where.params) as { n: number }).n;
      }
    }
    return { rows, total };
  }

  /**
   * Text of 3+ characters. FTS5 walks the matches in search-key order, so a page reads about
   * `limit` rows, from each half of the key space (accepted, other) that the states ask for.
   * Counting visits every match: FTS5 alone when no row filter is left (the whole history),
   * otherwise each match's row is read, which is cheap in the small non-accepted half.
   */
  private listByText(q: NormalizedQuery, after: Start): { rows: ScrobbleRow[]; total: number } {
    const phrase = ftsPhrase(q.text ?? '');
    const target = this.targetFilter(q);
    const dir = q.order === 'newest' ? 'DESC' : 'ASC';
    const parts = textHalves(q).map(({ half, states }) => {
      const where = whereClause(
        { ...q, target },
        { alias: 's', noRange: true, ...(states ? { states } : {}) },
      );
      if (after === 'end') return { half, where, rows: [] as ScrobbleRow[], counted: null };
      const page = searchKeyRange(half, q, after);
      const pageSql = `${textMatchSql('s.*', where.sql)}
        ORDER BY scrobbles_fts.rowid ${dir} LIMIT ?`;
      const rows = this.prepared(pageSql).all(
        phrase,
        page.low,
        page.high,
        ...where.params,
        q.limit + 1,
      ) as ScrobbleRow[];
      // A first page that did not fill up holds every match: nothing left to count.
      const counted = !after && rows.length <= q.limit ? rows.length : null;
      return { half, where, rows, counted };
    });
    const rows = parts
      .flatMap((part) => part.rows)
      .sort(compareKeys(q.order))
      .slice(0, q.limit + 1);

    return { rows, total: this.countText(q, phrase, parts) };
  }

  /** Counts text matches, running as few FTS5 queries as the halves' filters allow. */
  private countText(
    q: NormalizedQuery,
    phrase: string,
    parts: { half: SearchHalf; where: Sql; counted: number | null }[],
  ): number {
    if (parts.every((part) => part.counted !== null)) {
      return parts.reduce((sum, part) => sum + (part.counted ?? 0), 0);
    }
    const count = (sql: string, low: bigint, high: bigint, params: Sql['params'] = []) =>
      (this.prepared(sql).get(phrase, low, high, ...params) as { n: number }).n;
    const unfiltered = parts.every((part) => part.where.sql === 'TRUE');
    if (unfiltered && parts.length === 2 && q.from === null && q.to === null) {
      return count(TEXT_COUNT_SQL, ALL_SEARCH_KEYS.low, ALL_SEARCH_KEYS.high);
    }
    let total = 0;
    for (const { half, where, counted } of parts) {
      const all = searchKeyRange(half, q, null);
      total +=
        counted ??
        (where.sql === 'TRUE'
          ? count(TEXT_COUNT_SQL, all.low, all.high)
          : count(textMatchSql('count(*) AS n', where.sql), all.low, all.high, where.params));
    }
    return total;
  }
}
