import type Database from 'better-sqlite3';
import { SCROBBLE_STATES, type ScrobbleState } from '../../../shared/scrobble-state.js';
import { decodeCursor, encodeCursor, fingerprint, type Keyset } from './cursor.js';
import {
  compareKeys,
  indexKeySql,
  mergedSql,
  normalizeListQuery,
  queryKey,
  usesTextIndex,
  whereClause,
  type NormalizedQuery,
  type Sql,
} from './list-query.js';
import { rowToStored, type ScrobbleRow } from '../storage/rows.js';
import { countsByState, type Statements } from '../storage/statements.js';
import {
  CLEAR_MATCH_SQL,
  ftsPhrase,
  GRAM_MISSES_SQL,
  MATCH_NAMES_SQL,
  MATCH_TABLE_SQL,
  NAME_COUNT_SQL,
  OVERLAP_COUNT_SQL,
  overlapGrams,
  PLAIN_MATCHES_SQL,
  ROWS_BY_ID_SQL,
  rowsPassingSql,
  searchKeyRange,
  TEXT_DISTINCT_COUNT_SQL,
  TEXT_ENTRY_COUNT_SQL,
  textFilteredCountSql,
  textHalves,
  textKeySql,
  textPageSql,
  type SearchHalf,
} from './text-query.js';
import type { ListPage, ListQuery, StoredScrobble } from '../types.js';

/** Where a page starts: after a row's key, at the start, or past the end (no rows). */
type Start = Keyset | null | 'end';

/** One half of the search key space as a text query reads it. */
interface TextPart {
  half: SearchHalf;
  /** The row filters left for this half (`TRUE`: none). */
  where: Sql;
  keys: Keyset[];
  /** Matches in the half when the page already holds them all, else null. */
  counted: number | null;
}

const FIRST_OF_PLAY_MARK = 'scrobbles AS sib';
const DATA_VERSION_SQL = `SELECT total_changes() AS mine, data_version AS others
  FROM pragma_data_version`;
const SEVERAL_TARGETS_SQL = `SELECT count(*) > 1 AS n FROM
  (SELECT target FROM scrobble_counts WHERE n > 0 GROUP BY target LIMIT 2)`;
const PLAY_ROWS_SQL = `SELECT * FROM scrobbles WHERE timestamp = ? AND artist = ? AND track = ?
  ORDER BY id LIMIT 32`;

/** Extra keys asked for a text page: a scrobble matching through two names comes twice. */
const PAGE_SLACK = 32;

/** Runs list queries: picks the index for the filters and keeps each SQL shape prepared. */
export class Lister {
  /** Play counts by query, with the data version they were read at. */
  private readonly playCounts = new Map<string, { version: string; n: number }>();
  /** Rows this connection changed in its temp table, which are no change to the data. */
  private tempChanges = 0;
  /** List statements vary with the filters; each shape is prepared once. */
  private readonly statements = new Map<string, Database.Statement<unknown[], unknown>>();

  constructor(
    private readonly db: Database.Database,
    private readonly stmt: Statements,
  ) {
    db.exec(MATCH_TABLE_SQL);
  }

  list(query: ListQuery): ListPage {
    const asked = normalizeListQuery(query);
    // Grouping by play costs a look-up per row: only when plays can have several rows.
    const q = asked.byPlay && !this.severalTargets() ? { ...asked, byPlay: false } : asked;
    const print = fingerprint(queryKey(q));
    let after: Start = query.cursor ? decodeCursor(query.cursor, print) : null;
    const text = usesTextIndex(q);
    // No name contains the text: nothing to page through or count.
    if (text && !this.matchNames(q.text ?? '')) return { items: [], nextCursor: null, total: 0 };
    // An offset page is the keyset page after the row just before it.
    if (q.offset > 0) after = this.keyAt(q, q.offset - 1) ?? 'end';
    const { rows, total } = text ? this.listByText(q, after) : this.listByIndex(q, after);
    const items = rows.slice(0, q.limit).map(rowToStored);
    const last = items.at(-1);
    const nextCursor = rows.length > q.limit && last ? encodeCursor(last, print) : null;
    if (!asked.byPlay) return { items, nextCursor, total };
    const plays = q.byPlay ? items.map((item) => this.playOf(item)) : items.map((item) => [item]);
    return { items, plays, nextCursor, total };
  }

  /** More than one service has rows (a fan-out may have given a play several rows). */
  private severalTargets(): boolean {
    return this.count(SEVERAL_TARGETS_SQL) > 0;
  }

  /** Every row of the play `item` stands for, one per service, oldest id first. */
  private playOf(item: StoredScrobble): StoredScrobble[] {
    const rows = this.prepared(PLAY_ROWS_SQL).all(
      item.timestamp,
      item.artist,
      item.track,
    ) as ScrobbleRow[];
    return rows.length ? rows.map(rowToStored) : [item];
  }

  private prepared(sql: string): Database.Statement<unknown[], unknown> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private count(sql: string, ...params: unknown[]): number {
    // Counting plays reads every matching row: keep the answer while nothing was written.
    if (!sql.includes(FIRST_OF_PLAY_MARK)) return this.countNow(sql, params);
    const version = this.dataVersion();
    const key = JSON.stringify([sql, params.map(String)]);
    const known = this.playCounts.get(key);
    if (known && known.version === version) return known.n;
    if (this.playCounts.size >= 64) this.playCounts.clear();
    const n = this.countNow(sql, params);
    this.playCounts.set(key, { version, n });
    return n;
  }

  private countNow(sql: string, params: readonly unknown[]): number {
    return (this.prepared(sql).get(...params) as { n: number }).n;
  }

  /** Changes when this connection or another process (the CLI, the app) writes. */
  private dataVersion(): string {
    const v = this.prepared(DATA_VERSION_SQL).get() as { mine: number; others: number };
    return `${v.mine - this.tempChanges}:${v.others}`;
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
      sql = textKeySql(q, halves);
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
    if (!like && !q.byPlay && q.from === null && q.to === null) {
      const counts = countsByState(this.stmt, q.target ?? undefined);
      for (const state of q.states ?? SCROBBLE_STATES) total += counts[state];
    } else {
      for (const state of states) {
        const where = whereClause(q, { state, like });
        const sql = `SELECT count(*) AS n FROM scrobbles WHERE ${where.sql}`;
        total += this.count(sql, ...where.params);
      }
    }
    return { rows, total };
  }

  /** Puts the names containing `text` in temp.search_match; false when there are none. */
  private matchNames(text: string): boolean {
    this.tempChanges += this.prepared(CLEAR_MATCH_SQL).run().changes;
    const found = this.prepared(MATCH_NAMES_SQL).run(ftsPhrase(text)).changes;
    this.tempChanges += found;
    return found > 0;
  }

  /**
   * Text of 3+ characters, after matchNames. Each half of the key space (accepted, other) that
   * the states ask for gives its first `limit + 1` matches, in key order; the rows of the
   * merged page are read last, so only the page's own rows are read.
   */
  private listByText(q: NormalizedQuery, after: Start): { rows: ScrobbleRow[]; total: number } {
    const target = this.targetFilter(q);
    const parts = textHalves(q).map(({ half, states }): TextPart => {
      const where = whereClause(
        { ...q, target },
        { alias: 's', noRange: true, ...(states ? { states } : {}) },
      );
      if (after === 'end') return { half, where, keys: [], counted: null };
      const keys = this.textKeys(q, half, where, after, q.limit + 1);
      // A first page that did not fill up holds every match: nothing left to count.
      const counted = !after && keys.length <= q.limit ? keys.length : null;
      return { half, where, keys, counted };
    });
    const keys = parts
      .flatMap((part) => part.keys)
      .sort(compareKeys(q.order))
      .slice(0, q.limit + 1);
    const rows =
      keys.length === 0
        ? []
        : (this.prepared(ROWS_BY_ID_SQL).all(
            JSON.stringify(keys.map((key) => key.id)),
          ) as ScrobbleRow[]);
    return { rows, total: this.countText(q, parts) };
  }

  /**
   * The first `want` matches of a half after `after`, each scrobble once. With row filters
   * left (states, target), matches are taken in key order in growing batches and their rows
   * checked, so a page reads rows near its own, not every match of every name.
   */
  private textKeys(
    q: NormalizedQuery,
    half: SearchHalf,
    where: Sql,
    after: Keyset | null,
    want: number,
  ): Keyset[] {
    if (where.sql === 'TRUE') return this.distinctKeys(q, searchKeyRange(half, q, after), want);
    const passing = this.prepared(rowsPassingSql(where.sql));
    const keys: Keyset[] = [];
    let from = after;
    for (let batch = Math.max(4 * want, 256); keys.length < want; batch *= 2) {
      const candidates = this.distinctKeys(q, searchKeyRange(half, q, from), batch);
      const ids = candidates.map((key) => key.id);
      const ok = new Set(
        (passing.all(JSON.stringify(ids), ...where.params) as { id: number }[]).map((r) => r.id),
      );
      keys.push(...candidates.filter((key) => ok.has(key.id)));
      if (candidates.length < batch) break;
      from = candidates.at(-1) ?? from;
    }
    return keys.slice(0, want);
  }

  /** The first `want` distinct matches in a key range, asking for more while duplicates fill it. */
  private distinctKeys(
    q: NormalizedQuery,
    range: { low: bigint; high: bigint },
    want: number,
  ): Keyset[] {
    const statement = this.prepared(textPageSql(q.order));
    for (let limit = want + PAGE_SLACK; ; limit *= 4) {
      const got = statement.all(range.low, range.high, limit) as Keyset[];
      const keys = got.filter((key, i) => i === 0 || got[i - 1]?.id !== key.id);
      if (keys.length >= want || got.length < limit) return keys.slice(0, want);
    }
  }

  /**
   * Counts the matches of the halves not counted by their page. With row filters left, the
   * matches' ids as a set, filtered by row. Else the other half (rarely more than a few percent
   * of a history) counts each match once with DISTINCT, and the accepted half adds up its
   * names' counts and takes out the scrobbles two of whose names match.
   */
  private countText(q: NormalizedQuery, parts: readonly TextPart[]): number {
    let total = 0;
    for (const { half, where, counted } of parts) {
      const { low, high } = searchKeyRange(half, q, null);
      if (counted !== null) total += counted;
      else if (where.sql !== 'TRUE') {
        total += this.count(textFilteredCountSql(where.sql), low, high, ...where.params);
      } else if (half === 'other') total += this.count(TEXT_DISTINCT_COUNT_SQL, low, high);
      else total += this.countAccepted(q, low, high);
    }
    return total;
  }

  /** Accepted matches in a key range: entries of matching names, less the second ones. */
  private countAccepted(q: NormalizedQuery, low: bigint, high: bigint): number {
    const gram = this.overlapGram(q);
    if (gram === null) return this.count(TEXT_DISTINCT_COUNT_SQL, low, high);
    const entries =
      q.from === null && q.to === null
        ? this.count(NAME_COUNT_SQL)
        : this.count(TEXT_ENTRY_COUNT_SQL, low, high);
    return entries - this.count(OVERLAP_COUNT_SQL, gram, low, high, low, high);
  }

  /**
   * A trigram that every matching plain name contains, to read the overlaps under (see
   * OVERLAP_COUNT_SQL); null when none is known, and then the accepted half is counted with
   * DISTINCT instead.
   */
  private overlapGram(q: NormalizedQuery): string | null {
    const { grams, proven } = overlapGrams(q.text ?? '');
    if (proven) return grams[0] ?? null;
    for (const gram of grams) if (this.count(GRAM_MISSES_SQL, gram) === 0) return gram;
    // No plain name matches: there are no plain overlaps to take out, under any trigram.
    return this.count(PLAIN_MATCHES_SQL) === 0 ? '' : null;
  }
}
