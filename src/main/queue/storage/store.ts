import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { sqliteNativeBinding } from '../../native/sqlite-binding.js';
import type { ErrorClass } from '../../../shared/queue-types.js';
import { ConflictError, CoreError, NotFoundError } from '../../../shared/errors.js';
import { EDITABLE_STATES } from '../../../shared/scrobble-state.js';
import type { ScrobbleItem } from '../../../shared/track.js';
import { compareKeys } from '../history/list-query.js';
import { mergeForEdit } from './edit.js';
import { Lister } from '../history/list.js';
import { DatabaseTooNewError, migrate } from './migrations.js';
import { correctionMask, itemColumns, rowToStored, rowToTargetState } from './rows.js';
import { importSummaryOf } from './imports.js';
import type { ImportRemoval, ImportSummary } from '../../../shared/import-types.js';
import { countsByState, prepareStatements, type Statements } from './statements.js';
import type {
  ItemResult,
  ListPage,
  ListQuery,
  QueueStats,
  StoredScrobble,
  TargetState,
} from '../types.js';

export { mergeForEdit, asReplacement } from './edit.js';
export { DatabaseTooNewError } from './migrations.js';
export type * from '../types.js';

/** One play to queue for its own services (QueueService.enqueueEach). */
export interface PlayToQueue {
  item: ScrobbleItem;
  targets: readonly string[];
  /** The play's identity (playIdentity): a target that already has it gets nothing. */
  playId?: string;
}

/** What enqueuePlays did with one play. */
export interface PlayRows {
  /** The new rows, one per target that took the play. */
  rows: { target: string; id: number }[];
  /** Targets that already had this play (same identity): nothing was added for them. */
  alreadyThere: string[];
}

export interface ImportRecord {
  id: string;
  fileName: string;
  format: string;
  utcOffsetMinutes?: number;
}

function notFound(id: number): Error {
  return new NotFoundError(`No scrobble with id ${id}.`);
}

function inFlight(id: number): Error {
  return new ConflictError(`Scrobble ${id} is being sent right now; try again in a moment.`);
}

function uniqueIds(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}

/**
 * The durable queue and history: one row per scrobble per target, in one SQLite file that the
 * app and the CLI can use at the same time. Every method is synchronous and every write is one
 * transaction, so a crash leaves each change either done or not done.
 */
export class ScrobbleStore {
  private readonly stmt: Statements;
  /** Runs a callback in one IMMEDIATE transaction (see `write`). */
  private readonly transaction: Database.Transaction<(fn: () => unknown) => unknown>;
  private readonly lister: Lister;
  private readonly suggestStatements = new Map<string, Database.Statement>();

  private constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
    /** The database file. */
    readonly file: string,
  ) {
    this.stmt = prepareStatements(db);
    this.lister = new Lister(db, this.stmt);
    this.transaction = db.transaction((fn: () => unknown) => fn());
  }

  /** Opens (creating if needed) the database at `file` and brings its schema up to date. */
  static open(file: string, opts: { now?: () => number } = {}): ScrobbleStore {
    mkdirSync(dirname(file), { recursive: true });
    let db: Database.Database;
    try {
      // timeout = busy_timeout: wait up to 5 s for the other process (app or CLI) to commit.
      db = new Database(file, { timeout: 5000, nativeBinding: sqliteNativeBinding() });
    } catch (error) {
      throw new Error(`Cannot open the scrobble database ${file}: ${String(error)}`, {
        cause: error,
      });
    }
    try {
      db.pragma('journal_mode = WAL');
      // FULL: every commit is synced to the WAL file before it returns, so a scrobble the user
      // was told is queued survives a power cut or an OS crash, not only a killed process
      // (NORMAL syncs only at checkpoints and can lose the last commits). It costs an fsync
      // per commit, so bulk work (imports, the sender's results) is one transaction per batch
      // (docs/QUEUE.md, "Crash safety"; the enqueue goal is p99 < 5 ms, durable).
      db.pragma('synchronous = FULL');
      // A commit writes ~10 pages (row, indexes, counts, search index), so SQLite's default
      // checkpoint every 1000 pages lands on ~1 commit in 100 and costs it 3-4 ms: the p99.
      // Every 4000 pages (a WAL of up to ~16 MB) it is ~1 in 400, for the same total work.
      db.pragma('wal_autocheckpoint = 4000');
      db.pragma('foreign_keys = ON');
      migrate(db, file);
      return new ScrobbleStore(db, opts.now ?? Date.now, file);
    } catch (error) {
      db.close();
      if (error instanceof DatabaseTooNewError) throw error;
      throw new Error(`Cannot open the scrobble database ${file}: ${String(error)}`, {
        cause: error,
      });
    }
  }

  /** Adds items for `target` in one transaction, all `queued`; returns them as stored. */
  enqueue(target: string, items: readonly ScrobbleItem[], source: string): StoredScrobble[] {
    if (!target) throw new Error('A scrobble needs a target service (e.g. "lastfm").');
    if (!source) throw new Error('A scrobble needs a source (e.g. "manual").');
    const createdAt = this.now();
    return this.write(() =>
      items.map((item) => {
        const columns = itemColumns(item);
        const { lastInsertRowid } = this.stmt.insert.run({
          ...columns,
          target,
          source,
          created_at: createdAt,
        });
        return rowToStored({
          ...columns,
          id: Number(lastInsertRowid),
          target,
          source,
          created_at: createdAt,
          state: 'queued',
          attempts: 0,
          next_attempt_at: null,
          last_error: null,
          last_error_class: null,
          sending_since: null,
          resolved_at: null,
          ignored_code: null,
          reason: null,
          recorded_artist: null,
          recorded_track: null,
          recorded_album: null,
          recorded_album_artist: null,
          corrected: null,
          edited_at: null,
        });
      }),
    );
  }

  /**
   * The same items for each target, all in one transaction: a play is queued for every service
   * it goes to, or for none. Returns the stored rows per target, in the order of `targets`.
   */
  enqueueForTargets(
    targets: readonly string[],
    items: readonly ScrobbleItem[],
    source: string,
  ): StoredScrobble[][] {
    return this.write(() => targets.map((target) => this.enqueue(target, items, source)));
  }

  /**
   * Queues each play for its own targets, all in one transaction (one fsync for the batch). A
   * play with a `playId` is added at most once per target, across every import ever made:
   * a target that already has it is reported in `alreadyThere`.
   */
  enqueuePlays(plays: readonly PlayToQueue[], source: string, importId?: string): PlayRows[] {
    if (!source) throw new Error('A scrobble needs a source (e.g. "manual").');
    const createdAt = this.now();
    return this.write(() =>
      plays.map(({ item, targets, playId }) => {
        const result: PlayRows = { rows: [], alreadyThere: [] };
        const columns = itemColumns(item);
        for (const target of targets) {
          const params = { ...columns, target, source, created_at: createdAt };
          const { changes, lastInsertRowid } =
            playId === undefined
              ? this.stmt.insert.run(params)
              : this.stmt.insertPlay.run({
                  ...params,
                  play_id: playId,
                  import_id: importId ?? null,
                });
          if (changes === 0) result.alreadyThere.push(target);
          else result.rows.push({ target, id: Number(lastInsertRowid) });
        }
        return result;
      }),
    );
  }

  /**
   * Records that an import runs now (the same file and options again: the same record, its
   * "removed" mark cleared). Its plays are then queued with its id.
   */
  beginImport(record: ImportRecord): void {
    this.stmt.importPut.run({
      id: record.id,
      file_name: record.fileName,
      format: record.format,
      utc_offset_minutes: record.utcOffsetMinutes ?? null,
      now: this.now(),
    });
  }

  /** What the import's last run did, kept for the list of imports. */
  setImportCounts(id: string, counts: object): void {
    this.stmt.importCounts.run({ id, counts: JSON.stringify(counts) });
  }

  /** One import with what became of its rows, or undefined. */
  importSummary(id: string): ImportSummary | undefined {
    const row = this.stmt.importGet.get(id);
    return row && importSummaryOf(row, this.stmt.importRows.all(id));
  }

  /** Every import, the last run first. */
  listImports(): ImportSummary[] {
    return this.stmt.importList
      .all()
      .map((row) => importSummaryOf(row, this.stmt.importRows.all(row.id)));
  }

  /**
   * Removes an import as one unit: its rows not sent yet (queued, retrying, failed) are
   * deleted in one transaction; rows sent, being sent or answered stay, and are counted. The
   * record goes too once none of its rows is left; otherwise it is marked removed.
   */
  removeImport(id: string): ImportRemoval {
    return this.write(() => {
      if (!this.stmt.importGet.get(id)) {
        throw new NotFoundError(`No import with id ${id}: see the list of imports.`);
      }
      const removed = this.stmt.importRemoveUnsent.run(id).changes;
      const keptByState: ImportRemoval['keptByState'] = {};
      let kept = 0;
      for (const { state, n } of this.stmt.importRows.all(id)) {
        keptByState[state] = (keptByState[state] ?? 0) + n;
        kept += n;
      }
      if (kept === 0) this.stmt.importDelete.run(id);
      else this.stmt.importMarkRemoved.run({ id, now: this.now() });
      return { id, removed, kept, keptByState };
    });
  }

  /** One scrobble by id, or undefined. */
  get(id: number): StoredScrobble | undefined {
    const row = this.stmt.get.get(id);
    return row && rowToStored(row);
  }

  /** A page of scrobbles matching `q`, ordered by play time (keyset pagination on timestamp, id). */
  list(query: ListQuery): ListPage {
    return this.lister.list(query);
  }

  /**
   * Atomically takes up to `limit` due scrobbles of `target` (queued, or retrying with
   * next_attempt_at <= now), oldest play first, and marks them `sending`. A second claim never
   * returns the same rows. Target pauses are the caller's policy: check targetState() first.
   */
  claimDue(target: string, nowMs: number, limit: number): StoredScrobble[] {
    if (limit < 1) return [];
    const rows = this.stmt.claim.all({ target, now: nowMs, limit });
    return rows.sort(compareKeys('oldest')).map(rowToStored);
  }

  /**
   * Writes what the service said, in one transaction: accepted and ignored rows keep what it
   * recorded; a daily cap (not the scrobble's fault) goes back to `queued` with the reason as last error.
   * Ids that no longer exist, and rows already accepted, are left as they are.
   */
  applyOutcomes(results: readonly ItemResult[], nowMs: number): void {
    this.write(() => {
      for (const { id, outcome } of results) {
        if (outcome.status === 'ignored' && outcome.kind === 'daily-cap') {
          this.stmt.dailyCap.run({ id, reason: outcome.reason });
          continue;
        }
        const ignored = outcome.status === 'ignored';
        this.stmt.resolve.run({
          id,
          now: nowMs,
          state: outcome.status,
          ignored_code: ignored ? outcome.code : null,
          reason: ignored ? outcome.reason : null,
          recorded_artist: outcome.recorded.artist,
          recorded_track: outcome.recorded.track,
          recorded_album: outcome.recorded.album,
          recorded_album_artist: outcome.recorded.albumArtist,
          corrected: correctionMask(outcome.corrected),
        });
      }
    });
  }

  /**
   * A send failed for a reason that may pass: `retrying` at `nextAttemptAt`, attempts + 1.
   * `unconfirmed`: the service may have recorded them anyway (the answer was lost), so they
   * are looked up before being sent again (see listUnconfirmedDue).
   */
  markRetrying(
    ids: readonly number[],
    error: { message: string; errorClass: ErrorClass },
    nextAttemptAt: number,
    unconfirmed = false,
  ): void {
    this.write(() => {
      for (const id of uniqueIds(ids)) {
        this.stmt.retrying.run({
          id,
          message: error.message,
          error_class: error.errorClass,
          next: nextAttemptAt,
          unconfirmed: Number(unconfirmed),
        });
      }
    });
  }

  /** The scrobbles cannot be sent (permanent error or too many attempts): `failed`, with why. */
  markFailed(ids: readonly number[], reason: string, nowMs: number): void {
    this.write(() => {
      for (const id of uniqueIds(ids)) this.stmt.failed.run({ id, reason, now: nowMs });
    });
  }

  /** Back to `queued` with attempts unchanged (rate limit, re-auth, daily cap: not their fault). */
  requeue(ids: readonly number[]): void {
    this.write(() => {
      for (const id of uniqueIds(ids)) this.stmt.requeue.run(id);
    });
  }

  /** "Send now": `target`'s retrying scrobbles are due at once, attempts kept; returns how many. */
  makeRetryingDue(target: string): number {
    return this.stmt.retryingDue.run(target).changes;
  }

  /**
   * Rows of `target` in `sending`: after a crash, sends that were interrupted. The app and the
   * CLI may both be sending, so treat only rows whose sendingSince is older than a request
   * timeout as interrupted.
   */
  listSending(target: string): StoredScrobble[] {
    return this.stmt.sending.all(target).map(rowToStored);
  }

  /** Due rows whose last send may have been recorded by the service: look them up first. */
  listUnconfirmedDue(target: string, nowMs: number): StoredScrobble[] {
    return this.stmt.unconfirmedDue.all({ target, now: nowMs }).map(rowToStored);
  }

  /** Who holds the target's flush lease, if anyone (`host:pid:nonce`). */
  flushLeaseOwner(target: string): string | null {
    return this.stmt.leaseOwner.get(target)?.flush_owner ?? null;
  }

  /** Take the lease from `previous` (a process known to be dead); false if it changed hands. */
  takeOverFlushLease(
    target: string,
    previous: string,
    owner: string,
    nowMs: number,
    leaseMs: number,
  ): boolean {
    return (
      this.stmt.leaseTakeOver.run({ target, previous, owner, now: nowMs, lease_ms: leaseMs })
        .changes > 0
    );
  }

  /**
   * Applies `patch` (see mergeForEdit: `undefined` clears an optional field) and queues the
   * scrobble again with attempts and errors reset. Only in EDITABLE_STATES. The caller validates
   * mergeForEdit(stored, patch) first.
   */
  edit(id: number, patch: Partial<ScrobbleItem>): StoredScrobble {
    return this.write(() => {
      const row = this.stmt.get.get(id);
      if (!row) throw notFound(id);
      if (row.state === 'sending') throw inFlight(id);
      if (!EDITABLE_STATES.includes(row.state)) {
        throw new ConflictError(
          `Scrobble ${id} was already ${row.state}, so it cannot be edited; only ` +
            `${EDITABLE_STATES.join(', ')} scrobbles can.`,
        );
      }
      const merged = mergeForEdit(rowToStored(row), patch);
      this.stmt.edit.run({ ...itemColumns(merged), id, edited_at: this.now() });
      return this.require(id);
    });
  }

  /** Deletes the scrobbles; refuses (and deletes none) if one is missing or being sent. */
  remove(ids: readonly number[]): number {
    return this.write(() => {
      const unique = uniqueIds(ids);
      for (const id of unique) {
        const row = this.stmt.get.get(id);
        if (!row) throw notFound(id);
        if (row.state === 'sending') throw inFlight(id);
      }
      for (const id of unique) this.stmt.remove.run(id);
      return unique.length;
    });
  }

  /** Every failed scrobble back to queued, except those of the `except` targets. */
  retryAllFailed(except: readonly string[] = []): number {
    if (except.length === 0) return this.stmt.retryAllFailed.run().changes;
    return this.write(() => {
      let changed = 0;
      for (const target of this.targets()) {
        if (!except.includes(target)) changed += this.stmt.retryFailedOf.run(target).changes;
      }
      return changed;
    });
  }

  /**
   * Queues failed, ignored or retrying scrobbles to be sent now, with attempts and errors reset;
   * 'all-failed' takes every failed one. Already queued ones are left alone. Returns how many
   * were queued again; refuses (and changes none) if an id is missing, sending or accepted.
   */
  retry(ids: readonly number[] | 'all-failed'): number {
    if (ids === 'all-failed') return this.retryAllFailed();
    return this.write(() => {
      const todo: number[] = [];
      for (const id of uniqueIds(ids)) {
        const row = this.stmt.get.get(id);
        if (!row) throw notFound(id);
        if (row.state === 'sending') throw inFlight(id);
        if (row.state === 'accepted') {
          throw new ConflictError(
            `Scrobble ${id} was already accepted; there is nothing to retry.`,
          );
        }
        if (row.state !== 'queued') todo.push(id);
      }
      for (const id of todo) this.stmt.retryOne.run(id);
      return todo.length;
    });
  }

  /** Counts per state, how many are due now, and when the next send is due (ignores pauses). */
  stats(target?: string): QueueStats {
    const counts = countsByState(this.stmt, target);
    const now = this.now();
    const due =
      target === undefined ? this.stmt.dueAll.get(now) : this.stmt.dueFor.get(target, now);
    let nextDueAt: number | null = null;
    if (counts.queued > 0) nextDueAt = now;
    else if (counts.retrying > 0) {
      const row =
        target === undefined
          ? this.stmt.nextRetryAll.get(now)
          : this.stmt.nextRetryFor.get(now, target);
      nextDueAt = row?.due ?? null;
    }
    return { counts, dueNow: due?.n ?? 0, nextDueAt };
  }

  /**
   * Autocomplete from the user's own history: values of `field` starting with `prefix`
   * (case-insensitive), most played first; for tracks and albums, optionally by one artist.
   */
  suggest(
    field: 'artist' | 'track' | 'album' | 'albumArtist',
    prefix: string,
    limit: number,
    artist?: string,
  ): string[] {
    const column = {
      artist: 'artist',
      track: 'track',
      album: 'album',
      albumArtist: 'album_artist',
    }[field];
    const like = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const byArtist = artist !== undefined && field !== 'artist';
    const sql = `SELECT ${column} AS value, COUNT(*) AS plays FROM scrobbles
      WHERE ${column} LIKE ? ESCAPE '\\' ${byArtist ? 'AND artist = ? COLLATE NOCASE' : ''}
      GROUP BY ${column} COLLATE NOCASE ORDER BY plays DESC, value LIMIT ?`;
    const params = byArtist ? [like, artist, limit] : [like, limit];
    let statement = this.suggestStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.suggestStatements.set(sql, statement);
    }
    return (statement.all(...params) as { value: string }[]).map((r) => r.value);
  }

  /** Every target that has scrobbles or saved state, sorted. */
  targets(): string[] {
    return this.stmt.targets.all().map((row) => row.target);
  }

  /**
   * Takes the target's flush lease for `leaseMs` if it is free, expired or already ours: one
   * process sends a target's queue at a time (the app and the CLI share the file). Returns
   * whether `owner` now holds it.
   */
  acquireFlushLease(target: string, owner: string, nowMs: number, leaseMs: number): boolean {
    return this.write(
      () => this.stmt.leaseTake.run({ target, owner, now: nowMs, lease_ms: leaseMs }).changes > 0,
    );
  }

  /** Extends a held lease by its length from now; false if `owner` no longer holds it. */
  renewFlushLease(target: string, owner: string, nowMs: number): boolean {
    return this.write(() => this.stmt.leaseRenew.run({ target, owner, now: nowMs }).changes > 0);
  }

  /** Gives the lease back (no-op if `owner` does not hold it). */
  releaseFlushLease(target: string, owner: string): void {
    this.write(() => this.stmt.leaseRelease.run({ target, owner }));
  }

  /** The target's pause and auth state (defaults when never set). */
  targetState(target: string): TargetState {
    return rowToTargetState(target, this.stmt.targetGet.get(target));
  }

  /** Changes some of the target's state; returns the whole state after the change. */
  setTargetState(target: string, patch: Partial<Omit<TargetState, 'target'>>): TargetState {
    return this.write(() => {
      const current = this.targetState(target);
      const next: TargetState = {
        target,
        pausedUntil: patch.pausedUntil === undefined ? current.pausedUntil : patch.pausedUntil,
        pauseReason: patch.pauseReason === undefined ? current.pauseReason : patch.pauseReason,
        userPaused: patch.userPaused ?? current.userPaused,
        needsAuth: patch.needsAuth ?? current.needsAuth,
      };
      this.stmt.targetPut.run({
        target,
        paused_until: next.pausedUntil,
        pause_reason: next.pauseReason,
        user_paused: Number(next.userPaused),
        needs_auth: Number(next.needsAuth),
      });
      return next;
    });
  }

  /** Closes the database; the store cannot be used afterwards. */
  close(): void {
    this.db.close();
  }

  /**
   * IMMEDIATE takes the write lock up front. A deferred transaction that reads and then writes
   * can fail at once with SQLITE_BUSY when the other process wrote in between; busy_timeout
   * cannot help it, but it does make IMMEDIATE wait for the lock.
   */
  private write<T>(fn: () => T): T {
    try {
      return this.transaction.immediate(fn) as T;
    } catch (error) {
      throw diskFullError(error, this.file) ?? error;
    }
  }

  private require(id: number): StoredScrobble {
    const row = this.stmt.get.get(id);
    if (!row) throw notFound(id);
    return rowToStored(row);
  }
}

/**
 * SQLite's "database or disk is full" names neither the file nor the fix. The transaction was
 * rolled back, so nothing stored changed: say that, where, and what to do.
 */
function diskFullError(error: unknown, file: string): CoreError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'SQLITE_FULL') return null;
  return new CoreError(
    'unavailable',
    `The disk holding ${file} is full: free some space and it will be saved and sent. ` +
      'Nothing already stored was lost.',
    { cause: error },
  );
}
