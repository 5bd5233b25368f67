import type Database from 'better-sqlite3';

// The text search index of schema 2: every distinct artist, track and album text once, in a
// small FTS5 trigram index, and per name the search keys of the scrobbles that use it. Part of
// a released schema step (see migrations.ts): change it only through a new migration.
//
// A search finds the matching names in the small index, then walks their key lists. The
// total is counted from per-name counts, less the scrobbles that two of their fields make
// match twice ("overlaps", below), so a common search does not visit every match.
// docs/QUEUE.md ("Lists and text search") explains the design; list.ts and text-query.ts
// query it.

/**
 * A scrobble's key in the search index: (accepted ? 2^62 : 0) + timestamp * 2^30 + id. Keys
 * sort like (timestamp, id) within each half (accepted, other), so a page walks each half in
 * play-time order and stops after a page. Schema 1 used it as its FTS5 rowid.
 */
export const searchKeySql = (row: string) =>
  `(CASE WHEN ${row}.state = 'accepted' THEN 4611686018427387904 ELSE 0 END` +
  ` + ${row}.timestamp * 1073741824 + ${row}.id)`;

const ACCEPTED_KEY = '4611686018427387904';

/** Texts longer than this are not checked trigram by trigram (see plainTextSql). */
export const MAX_PLAIN_TEXT = 514;

/**
 * SQL: true when the text `x` is "plain": ASCII without NUL and at most MAX_PLAIN_TEXT long.
 * For plain text the trigram index's folding is exactly lower(), so plain SQL (lower, substr,
 * instr) can tell which trigrams two names share. Other texts are treated conservatively.
 */
export const plainTextSql = (x: string) =>
  `(length(CAST(${x} AS BLOB)) = length(${x}) AND length(${x}) <= ${MAX_PLAIN_TEXT})`;

/** SQL: the lower-cased trigram at position `i` (1-based) of `x`. */
const gramAt = (x: string, i: string) => `lower(substr(${x}, ${i}, 3))`;

/** SQL: every trigram of `x`, as a one-column SELECT over search_positions. */
const gramsOf = (x: string) =>
  `SELECT ${gramAt(x, 'i')} FROM search_positions WHERE i <= length(${x}) - 2`;

const TABLES = `
-- Each distinct artist, track or album text, with how many accepted scrobbles use it (in any
-- field, once per scrobble): the history's match count is a sum over matching names.
CREATE TABLE search_names (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  accepted INTEGER NOT NULL DEFAULT 0 CHECK (accepted >= 0)
) STRICT;

-- Substring search over the names: a few tens of thousands of short documents instead of
-- three fields of every scrobble.
CREATE VIRTUAL TABLE search_names_fts USING fts5 (
  name,
  content = '', contentless_delete = 1,
  tokenize = 'trigram remove_diacritics 1'
);

-- Per name, the search keys of the scrobbles that use it, in play-time order: one entry per
-- distinct name of a scrobble (artist, track and album all "Air" make one entry).
CREATE TABLE search_terms (
  name_id INTEGER NOT NULL,
  key INTEGER NOT NULL,
  PRIMARY KEY (name_id, key)
) STRICT, WITHOUT ROWID;

-- Overlaps of accepted scrobbles: a track entry whose name shares a trigram with the artist,
-- or an album entry sharing one with the artist or track (prior1: artist, prior2: track). Such
-- a scrobble can match a search through two names; the count takes those out once. Keyed by
-- each shared (lower-cased) trigram, so a search reads only the overlaps on one of its own
-- trigrams. Plain texts only (plainTextSql).
CREATE TABLE search_overlaps (
  gram TEXT NOT NULL,
  key INTEGER NOT NULL,
  name_id INTEGER NOT NULL,
  prior1 INTEGER,
  prior2 INTEGER,
  PRIMARY KEY (gram, key, name_id)
) STRICT, WITHOUT ROWID;

-- The same for entries where a text is not plain: kept whenever an overlap is possible,
-- looked up by name.
CREATE TABLE search_overlaps_wide (
  name_id INTEGER NOT NULL,
  key INTEGER NOT NULL,
  prior1 INTEGER,
  prior2 INTEGER,
  PRIMARY KEY (name_id, key)
) STRICT, WITHOUT ROWID;

-- 1..512: the trigram positions of a plain text, for SQL that walks a text without a CTE
-- (triggers cannot use one).
CREATE TABLE search_positions (i INTEGER PRIMARY KEY) STRICT;
INSERT INTO search_positions (i)
  WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MAX_PLAIN_TEXT - 2})
  SELECT i FROM n;
`;

/** The scrobbles whose overlaps a statement writes, with their texts, key and name ids. */
interface OverlapSource {
  /** FROM clause: one row per scrobble. */
  from: string;
  /** Which of those rows (accepted scrobbles only). */
  where: string;
  key: string;
  artist: string;
  track: string;
  album: string;
  artistId: string;
  trackId: string;
  albumId: string;
}

/**
 * SQL statements that write the overlaps of the source's scrobbles (see search_overlaps).
 * The artist/track pair walks the shorter text's trigrams and looks for each in the longer.
 */
function overlapInserts(s: OverlapSource, sorted = false): string[] {
  const plainPair = `${plainTextSql(s.artist)} AND ${plainTextSql(s.track)}`;
  const plainAll = `${plainPair} AND ${plainTextSql(s.album)}`;
  const trackEntry = `${s.trackId} <> ${s.artistId}`;
  const albumEntry =
    `${s.albumId} IS NOT NULL AND ${s.albumId} <> ${s.artistId}` +
    ` AND ${s.albumId} <> ${s.trackId}`;
  const artistFirst = `length(${s.artist}) <= length(${s.track})`;
  const short = `CASE WHEN ${artistFirst} THEN ${s.artist} ELSE ${s.track} END`;
  const long = `CASE WHEN ${artistFirst} THEN ${s.track} ELSE ${s.artist} END`;
  const albumGram = gramAt(s.album, 'p.i');
  const inArtist = `instr(lower(${s.artist}), ${albumGram})`;
  const inTrack = `${trackEntry} AND instr(lower(${s.track}), ${albumGram})`;
  const insert = 'INSERT OR IGNORE INTO search_overlaps (gram, key, name_id, prior1, prior2)';
  const insertWide = 'INSERT INTO search_overlaps_wide (name_id, key, prior1, prior2)';
  return [
    `${insert}
      SELECT ${gramAt(short, 'p.i')}, ${s.key}, ${s.trackId}, ${s.artistId}, NULL
      FROM ${s.from} CROSS JOIN search_positions p
      WHERE ${s.where} AND ${trackEntry} AND ${plainPair}
        AND p.i <= length(${short}) - 2 AND instr(lower(${long}), ${gramAt(short, 'p.i')})
      ${sorted ? 'ORDER BY 1, 2, 3' : ''}`,
    `${insert}
      SELECT ${albumGram}, ${s.key}, ${s.albumId},
        CASE WHEN ${inArtist} THEN ${s.artistId} END, CASE WHEN ${inTrack} THEN ${s.trackId} END
      FROM ${s.from} CROSS JOIN search_positions p
      WHERE ${s.where} AND ${albumEntry} AND ${plainAll}
        AND p.i <= length(${s.album}) - 2 AND (${inArtist} OR (${inTrack}))
      ${sorted ? 'ORDER BY 1, 2, 3' : ''}`,
    `${insertWide}
      SELECT ${s.trackId}, ${s.key}, ${s.artistId}, NULL FROM ${s.from}
      WHERE ${s.where} AND ${trackEntry} AND NOT (${plainPair})
        AND length(${s.artist}) >= 3 AND length(${s.track}) >= 3
      ${sorted ? 'ORDER BY 1, 2' : ''}`,
    `${insertWide}
      SELECT ${s.albumId}, ${s.key}, ${s.artistId}, nullif(${s.trackId}, ${s.artistId})
      FROM ${s.from}
      WHERE ${s.where} AND ${albumEntry} AND NOT (${plainAll}) AND length(${s.album}) >= 3
      ${sorted ? 'ORDER BY 1, 2' : ''}`,
  ];
}

/** The ids of the row's names among `fields`, as a subquery. */
const nameIds = (row: string, fields: readonly string[]) =>
  `SELECT id FROM search_names WHERE name IN (${fields.map((f) => `${row}.${f}`).join(', ')})`;

const ALL_FIELDS = ['artist', 'track', 'album'] as const;

const statements = (sqls: readonly string[]) => sqls.map((sql) => `  ${sql};\n`).join('');

/** Trigger statements: the overlaps of the row `row` (new), if it is accepted. */
function addOverlaps(row: string): string {
  return statements(
    overlapInserts({
      from:
        `search_names an CROSS JOIN search_names tn` +
        ` LEFT JOIN search_names ln ON ln.name = ${row}.album`,
      where: `${row}.state = 'accepted' AND an.name = ${row}.artist AND tn.name = ${row}.track`,
      key: searchKeySql(row),
      artist: `${row}.artist`,
      track: `${row}.track`,
      album: `${row}.album`,
      artistId: 'an.id',
      trackId: 'tn.id',
      albumId: 'ln.id',
    }),
  );
}

/** Trigger statements: index the row `row` (new) under its key. */
function addRow(row: string): string {
  return (
    statements([
      `INSERT OR IGNORE INTO search_names (name) VALUES (${row}.artist), (${row}.track)`,
      `INSERT OR IGNORE INTO search_names (name) SELECT ${row}.album WHERE ${row}.album IS NOT NULL`,
      `INSERT INTO search_terms (name_id, key) SELECT id, ${searchKeySql(row)} FROM search_names
        WHERE name IN (${row}.artist, ${row}.track, ${row}.album)`,
    ]) + addOverlaps(row)
  );
}

/** Trigger statements: the overlaps of the row `row` (old), if it was accepted. */
function removeOverlaps(row: string): string {
  const key = searchKeySql(row);
  const grams = ALL_FIELDS.map((f) => gramsOf(`${row}.${f}`)).join(' UNION ALL ');
  return (
    `  DELETE FROM search_overlaps WHERE ${row}.state = 'accepted' AND key = ${key}` +
    ` AND gram IN (${grams});\n` +
    `  DELETE FROM search_overlaps_wide WHERE ${row}.state = 'accepted' AND key = ${key}` +
    ` AND name_id IN (${nameIds(row, ['track', 'album'])});\n`
  );
}

/** Trigger statements: take the row `row` (old) out of the index. */
function removeRow(row: string): string {
  return (
    `  DELETE FROM search_terms WHERE key = ${searchKeySql(row)}` +
    ` AND name_id IN (${nameIds(row, ALL_FIELDS)});\n` +
    removeOverlaps(row)
  );
}

/** Trigger statement: forget the row's names that no scrobble uses any more. */
const dropUnusedNames = (row: string) =>
  `  DELETE FROM search_names WHERE name IN (${row}.artist, ${row}.track, ${row}.album)
    AND NOT EXISTS (SELECT 1 FROM search_terms WHERE name_id = search_names.id);\n`;

const SAME_NAMES = 'old.artist IS new.artist AND old.track IS new.track AND old.album IS new.album';

const TRIGGERS = `
CREATE TRIGGER search_names_insert AFTER INSERT ON search_names BEGIN
  INSERT INTO search_names_fts (rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER search_names_delete AFTER DELETE ON search_names BEGIN
  DELETE FROM search_names_fts WHERE rowid = old.id;
END;
CREATE TRIGGER search_terms_insert AFTER INSERT ON search_terms
  WHEN new.key >= ${ACCEPTED_KEY} BEGIN
  UPDATE search_names SET accepted = accepted + 1 WHERE id = new.name_id;
END;
CREATE TRIGGER search_terms_delete AFTER DELETE ON search_terms
  WHEN old.key >= ${ACCEPTED_KEY} BEGIN
  UPDATE search_names SET accepted = accepted - 1 WHERE id = old.name_id;
END;
CREATE TRIGGER search_terms_update AFTER UPDATE OF key ON search_terms
  WHEN (old.key >= ${ACCEPTED_KEY}) <> (new.key >= ${ACCEPTED_KEY}) BEGIN
  UPDATE search_names SET accepted = accepted + (new.key >= ${ACCEPTED_KEY})
    - (old.key >= ${ACCEPTED_KEY}) WHERE id = new.name_id;
END;

CREATE TRIGGER scrobbles_search_insert AFTER INSERT ON scrobbles BEGIN
${addRow('new')}END;
CREATE TRIGGER scrobbles_search_delete AFTER DELETE ON scrobbles BEGIN
${removeRow('old')}${dropUnusedNames('old')}END;
-- Same names, new key (accepted, or re-timed): move the entries; overlaps exist only while
-- accepted. The key changes only then, not on every state change.
CREATE TRIGGER scrobbles_search_rekey AFTER UPDATE OF timestamp, state ON scrobbles
  WHEN ${SAME_NAMES} AND ${searchKeySql('old')} <> ${searchKeySql('new')} BEGIN
  UPDATE search_terms SET key = ${searchKeySql('new')}
    WHERE key = ${searchKeySql('old')} AND name_id IN (${nameIds('new', ALL_FIELDS)});
${removeOverlaps('old')}${addOverlaps('new')}END;
CREATE TRIGGER scrobbles_search_rename AFTER UPDATE OF artist, track, album ON scrobbles
  WHEN NOT (${SAME_NAMES}) BEGIN
${removeRow('old')}${addRow('new')}${dropUnusedNames('old')}END;
`;

const SEARCH_TRIGGER_NAMES = [
  'search_names_insert',
  'search_names_delete',
  'search_terms_insert',
  'search_terms_delete',
  'search_terms_update',
  'scrobbles_search_insert',
  'scrobbles_search_delete',
  'scrobbles_search_rekey',
  'scrobbles_search_rename',
] as const;

/** Drops the search index's triggers, e.g. before a bulk insert (then rebuildSearchIndex). */
export function dropSearchTriggers(db: Database.Database): void {
  for (const name of SEARCH_TRIGGER_NAMES) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
}

/**
 * Fills the search index from the scrobbles table, set by set (far faster than row triggers),
 * then (re)creates its triggers. Run inside a transaction.
 */
export function rebuildSearchIndex(db: Database.Database): void {
  dropSearchTriggers(db);
  db.exec(`
    DELETE FROM search_terms;
    DELETE FROM search_overlaps;
    DELETE FROM search_overlaps_wide;
    DELETE FROM search_names;
    INSERT INTO search_names_fts (search_names_fts) VALUES ('delete-all');

    INSERT INTO search_names (name)
      SELECT artist FROM scrobbles UNION SELECT track FROM scrobbles
      UNION SELECT album FROM scrobbles WHERE album IS NOT NULL;
    INSERT INTO search_names_fts (rowid, name) SELECT id, name FROM search_names;

    CREATE TEMP TABLE search_fill AS
      SELECT ${searchKeySql('s')} AS key, s.state, s.artist, s.track, s.album,
        an.id AS artist_id, tn.id AS track_id, ln.id AS album_id
      FROM scrobbles s
        JOIN search_names an ON an.name = s.artist
        JOIN search_names tn ON tn.name = s.track
        LEFT JOIN search_names ln ON ln.name = s.album;

    INSERT INTO search_terms (name_id, key)
      SELECT name_id, key FROM (
        SELECT artist_id AS name_id, key FROM temp.search_fill
        UNION ALL SELECT track_id, key FROM temp.search_fill WHERE track_id <> artist_id
        UNION ALL SELECT album_id, key FROM temp.search_fill
          WHERE album_id <> artist_id AND album_id <> track_id)
      ORDER BY name_id, key;
    UPDATE search_names SET accepted = c.n
      FROM (SELECT name_id, count(*) AS n FROM search_terms
        WHERE key >= ${ACCEPTED_KEY} GROUP BY name_id) AS c
      WHERE c.name_id = search_names.id;
  `);
  for (const sql of overlapInserts(
    {
      from: 'temp.search_fill f',
      where: `f.state = 'accepted'`,
      key: 'f.key',
      artist: 'f.artist',
      track: 'f.track',
      album: 'f.album',
      artistId: 'f.artist_id',
      trackId: 'f.track_id',
      albumId: 'f.album_id',
    },
    true,
  )) {
    db.exec(sql);
  }
  db.exec(`DROP TABLE temp.search_fill; ${TRIGGERS}`);
}

/** Schema 2's step: the names index replaces schema 1's FTS5 table over every scrobble. */
export function migrateToNameSearch(db: Database.Database): void {
  db.exec(`
    DROP TRIGGER scrobbles_fts_insert;
    DROP TRIGGER scrobbles_fts_delete;
    DROP TRIGGER scrobbles_fts_update;
    DROP TABLE scrobbles_fts;
    ${TABLES}
  `);
  rebuildSearchIndex(db);
}
