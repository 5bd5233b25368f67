import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { sqliteNativeBinding } from '../../native/sqlite-binding.js';
import { NotFoundError } from '../../../shared/errors.js';

// Remove with undo, for the window: the removed rows are kept, exactly as stored, for a short
// while under a one-time token; undoing puts them back with their ids, states, answers and
// corrections, so the History and the queue read as if nothing happened. A row is read and
// written back through a connection of its own to the queue's file (SQLite in WAL mode lets
// the app, the CLI and this share it), so the store's own statements stay untouched.

/** How long a removal can be undone. The window offers it for a few seconds; this is slack. */
export const UNDO_WINDOW_MS = 60_000;

type RawRow = Record<string, unknown> & { id: number; state: string; target: string };

interface Kept {
  rows: RawRow[];
  until: number;
}

export interface RemovalUndoDeps {
  /** The queue's SQLite file. */
  file: string;
  /** Removes through the queue (its checks and its events); returns how many. */
  remove: (ids: readonly number[]) => number;
  /** Tells every front that these services' lists changed, and lets their senders look. */
  changed: (targets: readonly string[]) => void;
  now?: () => number;
}

export interface UndoableRemoval {
  removed: number;
  /** Pass to `restore` within UNDO_WINDOW_MS. */
  undo: string;
}

export class RemovalUndo {
  readonly #deps: RemovalUndoDeps;
  readonly #now: () => number;
  readonly #kept = new Map<string, Kept>();
  #db: Database.Database | null = null;

  constructor(deps: RemovalUndoDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** Removes the scrobbles (as queue.remove does) and keeps them for an undo. */
  remove(ids: readonly number[]): UndoableRemoval {
    this.#forgetExpired();
    const unique = [...new Set(ids)];
    const rows = this.#read(unique);
    const removed = this.#deps.remove(unique);
    const undo = randomUUID();
    this.#kept.set(undo, { rows, until: this.#now() + UNDO_WINDOW_MS });
    return { removed, undo };
  }

  /** Puts back what the removal `undo` took away; refused once it is too late. */
  restore(undo: string): number {
    this.#forgetExpired();
    const kept = this.#kept.get(undo);
    if (!kept) {
      throw new NotFoundError(
        'This removal can no longer be undone (it was undone already, or too long ago).',
      );
    }
    this.#kept.delete(undo);
    const db = this.#connection();
    const restored = db
      .transaction(() => {
        let n = 0;
        for (const row of kept.rows) n += restoreRow(db, row);
        return n;
      })
      .immediate();
    this.#deps.changed([...new Set(kept.rows.map((r) => r.target))]);
    return restored;
  }

  close(): void {
    this.#db?.close();
    this.#db = null;
    this.#kept.clear();
  }

  #read(ids: readonly number[]): RawRow[] {
    if (ids.length === 0) return [];
    return this.#connection()
      .prepare(`SELECT * FROM scrobbles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
      .all(JSON.stringify(ids)) as RawRow[];
  }

  #forgetExpired(): void {
    const now = this.#now();
    for (const [token, kept] of this.#kept) if (kept.until <= now) this.#kept.delete(token);
  }

  #connection(): Database.Database {
    if (!this.#db) {
      const db = new Database(this.#deps.file, {
        timeout: 5000,
        nativeBinding: sqliteNativeBinding(),
      });
      // As durable as the store's own writes (docs/QUEUE.md, "Crash safety").
      db.pragma('synchronous = FULL');
      this.#db = db;
    }
    return this.#db;
  }
}

/**
 * Inserts the row as queued, then sets its real state: the search index's triggers then do
 * what they do when a play is accepted (key moves, counts, overlaps), as for any other row.
 * Ids are reused (no AUTOINCREMENT): if a new scrobble took the id meanwhile, the row comes
 * back under a new one.
 */
function restoreRow(db: Database.Database, row: RawRow): number {
  const insert = (columns: string[]) =>
    db
      .prepare(
        `INSERT OR IGNORE INTO scrobbles (${columns.map((c) => `"${c}"`).join(', ')})
         VALUES (${columns.map(() => '?').join(', ')})`,
      )
      .run(...columns.map((c) => (c === 'state' ? 'queued' : row[c])));
  let result = insert(Object.keys(row));
  if (result.changes === 0) result = insert(Object.keys(row).filter((c) => c !== 'id'));
  if (result.changes === 0) return 0;
  if (row.state !== 'queued') {
    db.prepare('UPDATE scrobbles SET state = ? WHERE id = ?').run(
      row.state,
      Number(result.lastInsertRowid),
    );
  }
  return 1;
}
