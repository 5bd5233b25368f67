import type Database from 'better-sqlite3';
import { migrateToNameSearch, searchKeySql } from '../history/search-schema.js';

export { searchKeySql } from '../history/search-schema.js';

// The database schema, one numbered step at a time. PRAGMA user_version records the last step
// applied. A released step is frozen: never edit one, add the next. That is also why the SQL
// spells out the states instead of building the list from SCROBBLE_STATES.

export interface Migration {
  version: number;
  description: string;
  up: (db: Database.Database) => void;
  /** VACUUM after the step (outside its transaction) when it freed much of the file. */
  vacuum?: boolean;
}

const V1_SCROBBLES = `
CREATE TABLE scrobbles (
  -- Below 2^30: it goes into the 64-bit search key (see V1_SEARCH), with the timestamp.
  id INTEGER PRIMARY KEY CHECK (id < 1073741824),
  target TEXT NOT NULL,
  artist TEXT NOT NULL,
  track TEXT NOT NULL,
  album TEXT,
  album_artist TEXT,
  duration INTEGER,
  track_number INTEGER,
  mbid TEXT,
  -- Unix seconds when the play started; below 2^32 for the search key too.
  timestamp INTEGER NOT NULL CHECK (timestamp BETWEEN 0 AND 4294967295),
  chosen_by_user INTEGER CHECK (chosen_by_user IN (0, 1)),
  source TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued', 'sending', 'retrying', 'accepted', 'ignored', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at INTEGER,
  last_error TEXT,
  last_error_class TEXT
    CHECK (last_error_class IN ('transient', 'rate-limited', 'reauth', 'permanent')),
  sending_since INTEGER,
  resolved_at INTEGER,
  ignored_code INTEGER,
  reason TEXT,
  recorded_artist TEXT,
  recorded_track TEXT,
  recorded_album TEXT,
  recorded_album_artist TEXT,
  corrected INTEGER CHECK (corrected BETWEEN 0 AND 15),
  edited_at INTEGER,
  -- 1 when the last send failed after the request may have reached the service (its answer
  -- was lost): checked with the service before being sent again (docs/QUEUE.md).
  unconfirmed INTEGER NOT NULL DEFAULT 0 CHECK (unconfirmed IN (0, 1))
) STRICT;

-- Lists filtered by state in play-time order, and the history (accepted, newest first).
-- Every index ends with the rowid (id), so (timestamp, id) keyset paging stays in the index.
CREATE INDEX scrobbles_by_state_time ON scrobbles (state, timestamp);
-- Lists across all states.
CREATE INDEX scrobbles_by_time ON scrobbles (timestamp);
-- The sender's due query (oldest play first, then id), with next_attempt_at to filter in the
-- index. Small: it holds only rows still waiting to be sent.
CREATE INDEX scrobbles_due ON scrobbles (target, timestamp, id, next_attempt_at)
  WHERE state IN ('queued', 'retrying');

CREATE TABLE targets (
  target TEXT PRIMARY KEY,
  paused_until INTEGER,
  pause_reason TEXT,
  user_paused INTEGER NOT NULL DEFAULT 0 CHECK (user_paused IN (0, 1)),
  needs_auth INTEGER NOT NULL DEFAULT 0 CHECK (needs_auth IN (0, 1)),
  -- One flush per target across processes: who holds the lease, until when, for how long.
  flush_owner TEXT,
  flush_lease_until INTEGER,
  flush_lease_ms INTEGER
) STRICT;
`;

// COUNT(*) over ~1M accepted rows takes ~30 ms; the tray and the list totals need counts far
// more often than rows change state, so triggers keep them per target and state.
const V1_COUNTS = `
CREATE TABLE scrobble_counts (
  target TEXT NOT NULL,
  state TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (target, state)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER scrobble_counts_insert AFTER INSERT ON scrobbles BEGIN
  INSERT INTO scrobble_counts (target, state, n) VALUES (new.target, new.state, 1)
    ON CONFLICT (target, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER scrobble_counts_delete AFTER DELETE ON scrobbles BEGIN
  UPDATE scrobble_counts SET n = n - 1 WHERE target = old.target AND state = old.state;
END;
CREATE TRIGGER scrobble_counts_update AFTER UPDATE OF target, state ON scrobbles
  WHEN old.target IS NOT new.target OR old.state IS NOT new.state BEGIN
  UPDATE scrobble_counts SET n = n - 1 WHERE target = old.target AND state = old.state;
  INSERT INTO scrobble_counts (target, state, n) VALUES (new.target, new.state, 1)
    ON CONFLICT (target, state) DO UPDATE SET n = n + 1;
END;
`;

// A LIKE '%…%' scan of 1M rows takes 100–300 ms; a trigram index finds any substring of 3 or
// more characters, case- and accent-insensitively. Contentless: the text lives once, in
// scrobbles; the index only finds rows. Its rowid is the search key (searchKeySql in
// search-schema.ts), so FTS5 walks matches in play-time order. Replaced by schema 2.
const V1_SEARCH = `
CREATE VIRTUAL TABLE scrobbles_fts USING fts5 (
  artist, track, album,
  content = '', contentless_delete = 1,
  tokenize = 'trigram remove_diacritics 1'
);

CREATE TRIGGER scrobbles_fts_insert AFTER INSERT ON scrobbles BEGIN
  INSERT INTO scrobbles_fts (rowid, artist, track, album)
    VALUES (${searchKeySql('new')}, new.artist, new.track, new.album);
END;
CREATE TRIGGER scrobbles_fts_delete AFTER DELETE ON scrobbles BEGIN
  DELETE FROM scrobbles_fts WHERE rowid = ${searchKeySql('old')};
END;
CREATE TRIGGER scrobbles_fts_update AFTER UPDATE OF artist, track, album, timestamp, state
  ON scrobbles
  WHEN old.artist IS NOT new.artist OR old.track IS NOT new.track
    OR old.album IS NOT new.album OR ${searchKeySql('old')} <> ${searchKeySql('new')}
BEGIN
  DELETE FROM scrobbles_fts WHERE rowid = ${searchKeySql('old')};
  INSERT INTO scrobbles_fts (rowid, artist, track, album)
    VALUES (${searchKeySql('new')}, new.artist, new.track, new.album);
END;
`;

// Imports (docs/IMPORT.md): a play read from a file carries its identity (play_id, over artist,
// track, album and start time) and the import it came from. UNIQUE (target, play_id) makes a
// second import of the same plays, whole or overlapping, add nothing: the insert is
// ON CONFLICT DO NOTHING. Rows of other sources have no play_id and are never compared. The
// imports table lets the user review an import and remove what of it is not sent yet. Adding
// nullable columns keeps every existing row as it was.
const V3_IMPORTS = `
ALTER TABLE scrobbles ADD COLUMN play_id TEXT;
ALTER TABLE scrobbles ADD COLUMN import_id TEXT;
CREATE UNIQUE INDEX scrobbles_play_identity ON scrobbles (target, play_id)
  WHERE play_id IS NOT NULL;
CREATE INDEX scrobbles_by_import ON scrobbles (import_id, state) WHERE import_id IS NOT NULL;

CREATE TABLE imports (
  -- importId(): over the file's SHA-256, the format and the UTC offset.
  id TEXT PRIMARY KEY,
  file_name TEXT NOT NULL,
  format TEXT NOT NULL,
  utc_offset_minutes INTEGER,
  created_at INTEGER NOT NULL,
  -- The last run: when, and what it did (JSON: rows, plays, queued, already there, refused,
  -- per service).
  last_run_at INTEGER NOT NULL,
  counts TEXT NOT NULL DEFAULT '{}',
  -- Set when the user removed the import: its unsent rows are gone, its sent ones stayed.
  removed_at INTEGER
) STRICT;
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'scrobbles, targets, per-state counts and text search',
    up: (db) => db.exec(V1_SCROBBLES + V1_COUNTS + V1_SEARCH),
  },
  {
    version: 2,
    description: 'text search over distinct names instead of every scrobble',
    up: migrateToNameSearch,
    // Schema 1's index was ~70% of the file; give that space back once.
    vacuum: true,
  },
  {
    version: 3,
    description: 'imports: play identity, import id, the imports table',
    up: (db) => db.exec(V3_IMPORTS),
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

/** The file was written by a newer app: opening it could corrupt what that version wrote. */
export class DatabaseTooNewError extends Error {
  override readonly name = 'DatabaseTooNewError';
  readonly kind = 'unavailable';

  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The scrobble database ${file} was written by a newer Scrobbletray (schema ${found}); ` +
        `update the app. This version understands schema ${supported} and older.`,
    );
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Bring the database up to the latest schema, one migration per transaction, so a crash or a
 * failing step leaves the last good version. IMMEDIATE transactions and re-reading the version
 * inside them let the app and the CLI open a new file at the same moment.
 */
export function migrate(
  db: Database.Database,
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  const latest = migrations.length;
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${i + 1} is numbered ${m.version}.`);
  });
  const from = schemaVersion(db);
  if (from > latest) throw new DatabaseTooNewError(file, from, latest);
  let vacuum = false;
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      const current = schemaVersion(db);
      if (current > latest) throw new DatabaseTooNewError(file, current, latest);
      if (current >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
      // A new file has nothing to give back.
      if (migration.vacuum && current > 0) vacuum = true;
    }).immediate();
  }
  if (vacuum) {
    try {
      db.exec('VACUUM');
    } catch {
      // Only space is at stake (another connection holds the file, or the disk is full): the
      // freed pages are reused as the history grows.
    }
  }
  return { from, to: schemaVersion(db) };
}
