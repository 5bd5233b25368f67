import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ErrorClass } from '../lastfm/errors.js';
import {
  EDITABLE_STATES,
  SCROBBLE_STATES,
  type ScrobbleState,
} from '../../shared/scrobble-state.js';
import type { ScrobbleItem } from '../../shared/track.js';
import { decodeCursor, encodeCursor, fingerprint, type Keyset } from './cursor.js';
import { mergeForEdit } from './edit.js';
import {
  compareKeys,
  ftsPhrase,
  isAfter,
  normalizeListQuery,
  orderBy,
  queryKey,
  usesTextIndex,
  whereClause,
  type NormalizedQuery,
} from './list-query.js';
import { DatabaseTooNewError, migrate } from './migrations.js';
import {
  correctionMask,
  itemColumns,
  rowToStored,
  rowToTargetState,
  type ScrobbleRow,
  type TargetRow,
} from './rows.js';
import type {
  ItemResult,
  ListPage,
  ListQuery,
  QueueStats,
  StoredScrobble,
  TargetState,
} from './types.js';

export { mergeForEdit, asReplacement } from './edit.js';
export { DatabaseTooNewError } from './migrations.js';
export type * from './types.js';

/** Last.fm's ignoredMessage code for the daily scrobble cap: wait, then send again. */
const DAILY_CAP_CODE = 5;

/** Clears everything a previous send left behind; used by edit and retry. */
const RESET_TO_QUEUED = `state = 'queued', attempts = 0, next_attempt_at = NULL,
  last_error = NULL, last_error_class = NULL, sending_since = NULL, resolved_at = NULL,
  ignored_code = NULL, reason = NULL, recorded_artist = NULL, recorded_track = NULL,
  recorded_album = NULL, recorded_album_artist = NULL, corrected = NULL`;

/** Rows still in the sender's hands; a resolved row is never changed back by the sender. */
const PENDING = `state IN ('queued', 'sending', 'retrying')`;

const ITEM_COLUMNS = `artist, track, album, album_artist, duration, track_number, mbid,
  timestamp, chosen_by_user`;
const ITEM_VALUES = `@artist, @track, @album, @album_artist, @duration, @track_number, @mbid,
  @timestamp, @chosen_by_user`;

function prepareStatements(db: Database.Database) {
  const rows = <P extends unknown[] | object>(sql: string) => db.prepare<P, ScrobbleRow>(sql);
  return {
    insert: db.prepare(
      `INSERT INTO scrobbles (target, source, created_at, ${ITEM_COLUMNS})
       VALUES (@target, @source, @created_at, ${ITEM_VALUES})`,
    ),
    get: rows<[number]>(`SELECT * FROM scrobbles WHERE id = ?`),
    claim: rows<{ target: string; now: number; limit: number }>(
      `UPDATE scrobbles SET state = 'sending', sending_since = @now
       WHERE id IN (
         SELECT id FROM scrobbles
         WHERE target = @target AND state IN ('queued', 'retrying')
           AND (next_attempt_at IS NULL OR next_attempt_at <= @now)
         ORDER BY timestamp, id LIMIT @limit)
       RETURNING *`,
    ),
    resolve: db.prepare(
      `UPDATE scrobbles SET state = @state, resolved_at = @now, sending_since = NULL,
         next_attempt_at = NULL, ignored_code = @ignored_code, reason = @reason,
         recorded_artist = @recorded_artist, recorded_track = @recorded_track,
         recorded_album = @recorded_album, recorded_album_artist = @recorded_album_artist,
         corrected = @corrected
       WHERE id = @id AND state <> 'accepted'`,
    ),
    dailyCap: db.prepare(
      `UPDATE scrobbles SET state = 'queued', sending_since = NULL, next_attempt_at = NULL,
         last_error = @reason, last_error_class = 'rate-limited'
       WHERE id = @id AND state <> 'accepted'`,
    ),
    retrying: db.prepare(
      `UPDATE scrobbles SET state = 'retrying', attempts = attempts + 1, sending_since = NULL,
         last_error = @message, last_error_class = @error_class, next_attempt_at = @next
       WHERE id = @id AND ${PENDING}`,
    ),
    failed: db.prepare(
      `UPDATE scrobbles SET state = 'failed', reason = @reason, resolved_at = @now,
         sending_since = NULL, next_attempt_at = NULL
       WHERE id = @id AND ${PENDING}`,
    ),
    requeue: db.prepare(
      `UPDATE scrobbles SET state = 'queued', sending_since = NULL, next_attempt_at = NULL
       WHERE id = ? AND ${PENDING}`,
    ),
    sending: rows<[string]>(
      `SELECT * FROM scrobbles WHERE state = 'sending' AND target = ? ORDER BY timestamp, id`,
    ),
    edit: db.prepare(
      `UPDATE scrobbles SET (${ITEM_COLUMNS}) = (${ITEM_VALUES}), edited_at = @edited_at,
         ${RESET_TO_QUEUED}
       WHERE id = @id`,
    ),
    remove: db.prepare(`DELETE FROM scrobbles WHERE id = ?`),
    retryOne: db.prepare(`UPDATE scrobbles SET ${RESET_TO_QUEUED} WHERE id = ?`),
    retryAllFailed: db.prepare(`UPDATE scrobbles SET ${RESET_TO_QUEUED} WHERE state = 'failed'`),
    countsAll: db.prepare<[], { state: ScrobbleState; n: number }>(
      `SELECT state, sum(n) AS n FROM scrobble_counts GROUP BY state`,
    ),
    countsFor: db.prepare<[string], { state: ScrobbleState; n: number }>(
      `SELECT state, n FROM scrobble_counts WHERE target = ?`,
    ),
    nextRetryAll: db.prepare<[number], { due: number | null }>(
      `SELECT min(coalesce(next_attempt_at, ?)) AS due FROM scrobbles WHERE state = 'retrying'`,
    ),
    nextRetryFor: db.prepare<[number, string], { due: number | null }>(
      `SELECT min(coalesce(next_attempt_at, ?)) AS due FROM scrobbles
       WHERE state = 'retrying' AND target = ?`,
    ),
    dueAll: db.prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM scrobbles WHERE state IN ('queued', 'retrying')
         AND (next_attempt_at IS NULL OR next_attempt_at <= ?)`,
    ),
    dueFor: db.prepare<[string, number], { n: number }>(
      `SELECT count(*) AS n FROM scrobbles WHERE target = ? AND state IN ('queued', 'retrying')
         AND (next_attempt_at IS NULL OR next_attempt_at <= ?)`,
    ),
    targets: db.prepare<[], { target: string }>(
      `SELECT target FROM scrobble_counts WHERE n > 0 UNION SELECT target FROM targets ORDER BY 1`,
    ),
    leaseTake: db.prepare(
      `INSERT INTO targets (target, flush_owner, flush_lease_until, flush_lease_ms)
       VALUES (@target, @owner, @now + @lease_ms, @lease_ms)
       ON CONFLICT (target) DO UPDATE SET flush_owner = excluded.flush_owner,
         flush_lease_until = excluded.flush_lease_until, flush_lease_ms = excluded.flush_lease_ms
       WHERE flush_owner IS NULL OR flush_owner = excluded.flush_owner
         OR flush_lease_until <= @now`,
    ),
    leaseRenew: db.prepare(
      `UPDATE targets SET flush_lease_until = @now + flush_lease_ms
       WHERE target = @target AND flush_owner = @owner`,
    ),
    leaseRelease: db.prepare(
      `UPDATE targets SET flush_owner = NULL, flush_lease_until = NULL, flush_lease_ms = NULL
       WHERE target = @target AND flush_owner = @owner`,
    ),
    byIds: rows<[string]>(`SELECT * FROM scrobbles WHERE id IN (SELECT value FROM json_each(?))`),
    targetGet: db.prepare<[string], TargetRow>(`SELECT * FROM targets WHERE target = ?`),
    targetPut: db.prepare(
      `INSERT INTO targets (target, paused_until, pause_reason, user_paused, needs_auth)
       VALUES (@target, @paused_until, @pause_reason, @user_paused, @needs_auth)
       ON CONFLICT (target) DO UPDATE SET paused_until = excluded.paused_until,
         pause_reason = excluded.pause_reason, user_paused = excluded.user_paused,
         needs_auth = excluded.needs_auth`,
    ),
  };
}

function notFound(id: number): Error {
  return new Error(`No scrobble with id ${id}.`);
}

function inFlight(id: number): Error {
  return new Error(`Scrobble ${id} is being sent right now; try again in a moment.`);
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
  private readonly stmt: ReturnType<typeof prepareStatements>;
  /** Runs a callback in one IMMEDIATE transaction (see `write`). */
  private readonly transaction: Database.Transaction<(fn: () => unknown) => unknown>;
  /** List statements vary with the filters; each shape is prepared once. */
  private readonly listStatements = new Map<string, Database.Statement<unknown[], unknown>>();

  private constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
    /** The database file. */
    readonly file: string,
  ) {
    this.stmt = prepareStatements(db);
    this.transaction = db.transaction((fn: () => unknown) => fn());
  }

  /** Opens (creating if needed) the database at `file` and brings its schema up to date. */
  static open(file: string, opts: { now?: () => number } = {}): ScrobbleStore {
    mkdirSync(dirname(file), { recursive: true });
    let db: Database.Database;
    try {
      // timeout = busy_timeout: wait up to 5 s for the other process (app or CLI) to commit.
      db = new Database(file, { timeout: 5000 });
    } catch (error) {
      throw new Error(`Cannot open the scrobble database ${file}: ${String(error)}`, {
        cause: error,
      });
    }
    try {
      db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL syncs at checkpoints, not at every commit: a commit is durable once
      // written to the WAL, so a process crash or kill loses nothing; only a power cut or OS
      // crash can lose the last transactions. That is the trade for ~100k commits per second.
      db.pragma('synchronous = NORMAL');
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

  /** One scrobble by id, or undefined. */
  get(id: number): StoredScrobble | undefined {
    const row = this.stmt.get.get(id);
    return row && rowToStored(row);
  }

  /** A page of scrobbles matching `q`, ordered by play time (keyset pagination on timestamp, id). */
  list(query: ListQuery): ListPage {
    const q = normalizeListQuery(query);
    const print = fingerprint(queryKey(q));
    const after = query.cursor ? decodeCursor(query.cursor, print) : null;
    const { rows, total } = usesTextIndex(q)
      ? this.listByText(q, after)
      : this.listByIndex(q, after);
    const items = rows.slice(0, q.limit).map(rowToStored);
    const last = items.at(-1);
    const nextCursor = rows.length > q.limit && last ? encodeCursor(last, print) : null;
    return { items, nextCursor, total };
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
   * recorded; ignored code 5 (daily cap) goes back to `queued` with the reason as last error.
   * Ids that no longer exist, and rows already accepted, are left as they are.
   */
  applyOutcomes(results: readonly ItemResult[], nowMs: number): void {
    this.write(() => {
      for (const { id, outcome } of results) {
        if (outcome.status === 'ignored' && outcome.code === DAILY_CAP_CODE) {
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

  /** A send failed but may work later: `retrying`, attempts + 1, due again at nextAttemptAt. */
  markRetrying(
    ids: readonly number[],
    error: { message: string; errorClass: ErrorClass },
    nextAttemptAt: number,
  ): void {
    this.write(() => {
      for (const id of uniqueIds(ids)) {
        this.stmt.retrying.run({
          id,
          message: error.message,
          error_class: error.errorClass,
          next: nextAttemptAt,
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

  /**
   * Rows of `target` in `sending`: after a crash, sends that were interrupted. The app and the
   * CLI may both be sending, so treat only rows whose sendingSince is older than a request
   * timeout as interrupted.
   */
  listSending(target: string): StoredScrobble[] {
    return this.stmt.sending.all(target).map(rowToStored);
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
        throw new Error(
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

  /**
   * Queues failed, ignored or retrying scrobbles to be sent now, with attempts and errors reset;
   * 'all-failed' takes every failed one. Already queued ones are left alone. Returns how many
   * were queued again; refuses (and changes none) if an id is missing, sending or accepted.
   */
  retry(ids: readonly number[] | 'all-failed'): number {
    if (ids === 'all-failed') return this.stmt.retryAllFailed.run().changes;
    return this.write(() => {
      const todo: number[] = [];
      for (const id of uniqueIds(ids)) {
        const row = this.stmt.get.get(id);
        if (!row) throw notFound(id);
        if (row.state === 'sending') throw inFlight(id);
        if (row.state === 'accepted') {
          throw new Error(`Scrobble ${id} was already accepted; there is nothing to retry.`);
        }
        if (row.state !== 'queued') todo.push(id);
      }
      for (const id of todo) this.stmt.retryOne.run(id);
      return todo.length;
    });
  }

  /** Counts per state, how many are due now, and when the next send is due (ignores pauses). */
  stats(target?: string): QueueStats {
    const counts = this.countsByState(target);
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
    return this.stmt.leaseTake.run({ target, owner, now: nowMs, lease_ms: leaseMs }).changes > 0;
  }

  /** Extends a held lease by its length from now; false if `owner` no longer holds it. */
  renewFlushLease(target: string, owner: string, nowMs: number): boolean {
    return this.stmt.leaseRenew.run({ target, owner, now: nowMs }).changes > 0;
  }

  /** Gives the lease back (no-op if `owner` does not hold it). */
  releaseFlushLease(target: string, owner: string): void {
    this.stmt.leaseRelease.run({ target, owner });
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
    return this.transaction.immediate(fn) as T;
  }

  private require(id: number): StoredScrobble {
    const row = this.stmt.get.get(id);
    if (!row) throw notFound(id);
    return rowToStored(row);
  }

  private countsByState(target?: string): Record<ScrobbleState, number> {
    const counts = Object.fromEntries(SCROBBLE_STATES.map((s) => [s, 0])) as Record<
      ScrobbleState,
      number
    >;
    const rows = target === undefined ? this.stmt.countsAll.all() : this.stmt.countsFor.all(target);
    for (const { state, n } of rows) counts[state] = n;
    return counts;
  }

  private prepared(sql: string): Database.Statement<unknown[], unknown> {
    let statement = this.listStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.listStatements.set(sql, statement);
    }
    return statement;
  }

  /** States and dates use the (state, timestamp) or (timestamp) index; short text scans. */
  private listByIndex(
    q: NormalizedQuery,
    after: Keyset | null,
  ): { rows: ScrobbleRow[]; total: number } {
    const like = q.text !== null;
    // SQLite cannot merge several index ranges in order, so each state is its own ordered
    // query and the pages are merged here.
    const states: (ScrobbleState | undefined)[] = q.states ?? [undefined];
    let rows: ScrobbleRow[] = [];
    for (const state of states) {
      const where = whereClause(q, { state, after, like });
      const sql = `SELECT * FROM scrobbles WHERE ${where.sql} ${orderBy(q)} LIMIT ?`;
      rows.push(...(this.prepared(sql).all(...where.params, q.limit + 1) as ScrobbleRow[]));
    }
    if (states.length > 1) rows = rows.sort(compareKeys(q.order)).slice(0, q.limit + 1);

    let total = 0;
    if (!like && q.from === null && q.to === null) {
      const counts = this.countsByState(q.target ?? undefined);
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
   * Text of 3+ characters: the trigram index finds the matching ids, which are counted and
   * ordered here, then only the page's rows are read. Cost grows with the number of matches.
   */
  private listByText(
    q: NormalizedQuery,
    after: Keyset | null,
  ): { rows: ScrobbleRow[]; total: number } {
    const where = whereClause(q, { alias: 's', ...(q.states ? { states: q.states } : {}) });
    // CROSS JOIN keeps the planner from scanning scrobbles first and probing the index per row.
    const sql = `SELECT s.id, s.timestamp FROM scrobbles_fts
      CROSS JOIN scrobbles s ON s.id = scrobbles_fts.rowid
      WHERE scrobbles_fts MATCH ? AND ${where.sql}`;
    const keys = this.prepared(sql).all(ftsPhrase(q.text ?? ''), ...where.params) as Keyset[];
    keys.sort(compareKeys(q.order));
    const start = after ? keys.findIndex((key) => isAfter(q.order, key, after)) : 0;
    const pageKeys = start < 0 ? [] : keys.slice(start, start + q.limit + 1);
    const byId = new Map(
      this.stmt.byIds.all(JSON.stringify(pageKeys.map((key) => key.id))).map((r) => [r.id, r]),
    );
    const rows = pageKeys.flatMap((key) => byId.get(key.id) ?? []);
    return { rows, total: keys.length };
  }
}
