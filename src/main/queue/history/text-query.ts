import { SCROBBLE_STATES, type ScrobbleState } from '../../../shared/scrobble-state.js';
import type { Keyset } from './cursor.js';
import type { NormalizedQuery, Sql, SqlValue } from './list-query.js';
import { plainTextSql } from './search-schema.js';

// Text search SQL over the names index (schema 2, search-schema.ts). Pure, like list-query.ts:
// the lister prepares (and caches) what this builds. The names matching the text go into a
// per-connection temp table first; every statement here then reads their key lists.

/** An FTS5 phrase: the trigram tokenizer turns it into "this exact substring". */
export function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

// The search key (searchKeySql in search-schema.ts): an "accepted" bit above the play time and
// id. ids stay below 2^30 and timestamps below 2^32 (CHECKs in the schema), so keys fit 64 bits
// and, within each half, sort exactly like (timestamp, id). BigInt, because the keys are far
// past Number's 2^53.
const ACCEPTED_BIT = 2n ** 62n;
const TIME_SHIFT = 2n ** 30n;
const MAX_TIME = 2 ** 32 - 1;
const MAX_ID = 2 ** 30 - 1;

export type SearchHalf = 'accepted' | 'other';

export function searchKey(half: SearchHalf, timestamp: number, id: number): bigint {
  return (half === 'accepted' ? ACCEPTED_BIT : 0n) + BigInt(timestamp) * TIME_SHIFT + BigInt(id);
}

/** The keys a text query may return in one half: low inclusive, high exclusive. */
export function searchKeyRange(
  half: SearchHalf,
  q: NormalizedQuery,
  after: Keyset | null,
): { low: bigint; high: bigint } {
  const first = searchKey(half, 0, 0);
  // 2^63, the end of the accepted half, does not fit SQLite's integers; the key 2^63 - 1
  // left out instead would need the largest timestamp and id at once.
  const end = half === 'accepted' ? 2n ** 63n - 1n : ACCEPTED_BIT;
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

// The names containing the text, found once per list call; the statements below read them.
export const MATCH_TABLE_SQL =
  'CREATE TEMP TABLE IF NOT EXISTS search_match (id INTEGER PRIMARY KEY)';
export const CLEAR_MATCH_SQL = 'DELETE FROM temp.search_match';
export const MATCH_NAMES_SQL = `INSERT INTO temp.search_match (id)
  SELECT rowid FROM search_names_fts WHERE search_names_fts MATCH ?`;

/** A term's key as (timestamp, id), the list's keyset. */
const KEYSET_COLUMNS = (key: string) =>
  `(${key} >> 30) & ${MAX_TIME} AS timestamp, ${key} & ${MAX_ID} AS id`;

/** Matching entries in a key range (params: low, high, then the row filters' params). */
function termsFrom(where: string): string {
  const rows = where === 'TRUE' ? '' : `CROSS JOIN scrobbles s ON s.id = t.key & ${MAX_ID}`;
  return `FROM search_terms t ${rows}
    WHERE t.name_id IN temp.search_match AND t.key >= ? AND t.key < ? AND ${where}`;
}

/**
 * A page of matches as keysets, in key order (params: low, high, limit); no row is read. A
 * scrobble that matches through two names comes twice, side by side: the caller keeps one.
 * SQLite walks each name's keys from the page's end and drops a name once it cannot reach the
 * page.
 */
export function textPageSql(order: 'oldest' | 'newest'): string {
  return `SELECT ${KEYSET_COLUMNS('t.key')} ${termsFrom('TRUE')}
    ORDER BY t.key ${order === 'newest' ? 'DESC' : 'ASC'} LIMIT ?`;
}

/** Rows by id, in the order of the JSON array of ids given. */
export const ROWS_BY_ID_SQL = `SELECT s.* FROM json_each(?) AS j
  CROSS JOIN scrobbles s ON s.id = j.value ORDER BY j.key`;

/** Which of the ids (a JSON array) pass the row filters `where`, in the array's order. */
export function rowsPassingSql(where: string): string {
  return `SELECT s.id FROM json_each(?) AS j CROSS JOIN scrobbles s ON s.id = j.value
    WHERE ${where} ORDER BY j.key`;
}

/**
 * Matches in a key range that pass row filters (params: low, high, filters). The set of ids
 * counts each scrobble once, and SQLite reads the rows in id order (close together on disk),
 * not name by name.
 */
export function textFilteredCountSql(where: string): string {
  return `SELECT count(*) AS n FROM scrobbles s WHERE s.id IN (
    SELECT t.key & ${MAX_ID} FROM search_terms t
    WHERE t.name_id IN temp.search_match AND t.key >= ? AND t.key < ?) AND ${where}`;
}

/** Matches in a key range, each scrobble once (params: low, high). */
export const TEXT_DISTINCT_COUNT_SQL = `SELECT count(DISTINCT t.key) AS n ${termsFrom('TRUE')}`;

/** Matching entries in a key range: a scrobble matching through two names counts twice. */
export const TEXT_ENTRY_COUNT_SQL = `SELECT count(*) AS n ${termsFrom('TRUE')}`;

/** An overlap entry in a key range (params: low, high) whose name and a prior name match. */
function overlapMatches(alias: string): string {
  return (
    `${alias}.name_id IN temp.search_match AND ${alias}.key >= ? AND ${alias}.key < ?` +
    ` AND (${alias}.prior1 IN temp.search_match OR ${alias}.prior2 IN temp.search_match)`
  );
}

/** Accepted scrobbles using a matching name, counted twice where two names match. */
export const NAME_COUNT_SQL = `SELECT coalesce(sum(accepted), 0) AS n FROM search_names
  WHERE id IN temp.search_match`;

/**
 * How many entries in a key range of the accepted half are a scrobble's second or third
 * matching name (params: gram, low, high, low, high): overlap entries whose own name and an
 * earlier field's name both match. Plain overlaps are read under one trigram that every
 * matching plain name contains (overlapGrams), the others by name.
 */
export const OVERLAP_COUNT_SQL = `SELECT
  (SELECT count(*) FROM search_overlaps o WHERE o.gram = ? AND ${overlapMatches('o')})
  + (SELECT count(*) FROM search_overlaps_wide w WHERE ${overlapMatches('w')}) AS n`;

/** How many matching plain names do not contain the trigram `?` (0: it can key overlaps). */
export const GRAM_MISSES_SQL = `SELECT count(*) AS n FROM search_names
  WHERE id IN temp.search_match AND ${plainTextSql('name')} AND instr(lower(name), ?) = 0`;

/** Whether any matching name is plain (has plain overlaps at all). */
export const PLAIN_MATCHES_SQL = `SELECT EXISTS (SELECT 1 FROM search_names
  WHERE id IN temp.search_match AND ${plainTextSql('name')}) AS n`;

/** ASCII without NUL: what plainTextSql calls plain, as far as the characters go. */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0 || code > 0x7f) return false;
  }
  return true;
}

/**
 * Trigrams that may key the overlap count for `text` (see OVERLAP_COUNT_SQL): for ASCII text its
 * first trigram, lower-cased, which every matching plain name contains (the index folds ASCII
 * exactly like lower()); `proven` says no check is needed. Other text is folded here only
 * approximately, so its ASCII trigrams are candidates to check with GRAM_MISSES_SQL.
 */
export function overlapGrams(text: string): { grams: string[]; proven: boolean } {
  if (isAscii(text)) return { grams: [text.toLowerCase().slice(0, 3)], proven: true };
  const folded = [...text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= folded.length; i++) {
    const gram = folded.slice(i, i + 3).join('');
    if (isAscii(gram)) grams.add(gram);
  }
  return { grams: [...grams].slice(0, 4), proven: false };
}

/**
 * The halves of the search key space (see searchKey) a text query reads, with the states to
 * filter on in each: none when the half holds only states the query wants.
 */
export function textHalves(q: NormalizedQuery): { half: SearchHalf; states?: ScrobbleState[] }[] {
  const others = (q.states ?? SCROBBLE_STATES).filter((state) => state !== 'accepted');
  const halves: { half: SearchHalf; states?: ScrobbleState[] }[] = [];
  if (q.states === null || q.states.includes('accepted')) halves.push({ half: 'accepted' });
  if (others.length === SCROBBLE_STATES.length - 1) halves.push({ half: 'other' });
  else if (others.length > 0) halves.push({ half: 'other', states: others });
  return halves;
}

/**
 * The key of the row `?` matches into a text search, as (timestamp, id). With both halves, the
 * other half's keys get the accepted bit added so both halves share one key space. Each
 * scrobble counts once (DISTINCT), however many of its names match.
 */
export function textKeySql(
  q: NormalizedQuery,
  halves: readonly { half: SearchHalf; where: Sql }[],
): Sql {
  const dir = q.order === 'newest' ? 'DESC' : 'ASC';
  const params: SqlValue[] = [];
  const arms = halves.map(({ half, where }) => {
    const shift = half === 'other' && halves.length > 1 ? ` + ${ACCEPTED_BIT}` : '';
    const range = searchKeyRange(half, q, null);
    params.push(range.low, range.high, ...where.params);
    return `SELECT t.key${shift} AS k ${termsFrom(where.sql)}`;
  });
  const sql = `SELECT ${KEYSET_COLUMNS('k')} FROM (
    SELECT DISTINCT k FROM (${arms.join(' UNION ALL ')}) ORDER BY k ${dir} LIMIT 1 OFFSET ?)`;
  return { sql, params };
}
