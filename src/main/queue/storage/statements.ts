import type Database from 'better-sqlite3';
import { SCROBBLE_STATES, type ScrobbleState } from '../../../shared/scrobble-state.js';
import type { ImportRow, ScrobbleRow, TargetRow } from './rows.js';

// The store's fixed SQL. List queries vary with their filters and are built in list-query.ts.

/** Clears everything a previous send left behind; used by edit and retry. */
const RESET_TO_QUEUED = `state = 'queued', attempts = 0, next_attempt_at = NULL,
  last_error = NULL, last_error_class = NULL, sending_since = NULL, resolved_at = NULL,
  ignored_code = NULL, reason = NULL, recorded_artist = NULL, recorded_track = NULL,
  recorded_album = NULL, recorded_album_artist = NULL, corrected = NULL`;

/** Rows still in the sender's hands; a resolved row is never changed back by the sender. */
const PENDING = `state IN ('queued', 'sending', 'retrying')`;

/**
 * Rows of an import that "remove import" deletes: not sent yet, or refused for good. Rows
 * being sent, accepted or answered (ignored) stay: the service has seen them.
 */
export const UNSENT = `state IN ('queued', 'retrying', 'failed')`;

const ITEM_COLUMNS = `artist, track, album, album_artist, duration, track_number, mbid,
  timestamp, chosen_by_user`;
const ITEM_VALUES = `@artist, @track, @album, @album_artist, @duration, @track_number, @mbid,
  @timestamp, @chosen_by_user`;

/** Every fixed statement, prepared once when the store opens. */
export function prepareStatements(db: Database.Database) {
  const rows = <P extends unknown[] | object>(sql: string) => db.prepare<P, ScrobbleRow>(sql);
  return {
    insert: db.prepare(
      `INSERT INTO scrobbles (target, source, created_at, ${ITEM_COLUMNS})
       VALUES (@target, @source, @created_at, ${ITEM_VALUES})`,
    ),
    // An imported play: a second import of the same play for the same target adds nothing
    // (UNIQUE (target, play_id), schema 3); `changes` = 0 says it was already there.
    insertPlay: db.prepare(
      `INSERT INTO scrobbles (target, source, created_at, play_id, import_id, ${ITEM_COLUMNS})
       VALUES (@target, @source, @created_at, @play_id, @import_id, ${ITEM_VALUES})
       ON CONFLICT DO NOTHING`,
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
         last_error = @message, last_error_class = @error_class, next_attempt_at = @next,
         unconfirmed = MAX(unconfirmed, @unconfirmed)
       WHERE id = @id AND ${PENDING}`,
    ),
    failed: db.prepare(
      `UPDATE scrobbles SET state = 'failed', reason = @reason, resolved_at = @now,
         sending_since = NULL, next_attempt_at = NULL
       WHERE id = @id AND ${PENDING}`,
    ),
    retryingDue: db.prepare(
      `UPDATE scrobbles SET next_attempt_at = NULL
       WHERE state = 'retrying' AND target = ? AND next_attempt_at IS NOT NULL`,
    ),
    requeue: db.prepare(
      `UPDATE scrobbles SET state = 'queued', sending_since = NULL, next_attempt_at = NULL,
         unconfirmed = 0
       WHERE id = ? AND ${PENDING}`,
    ),
    unconfirmedDue: rows<{ target: string; now: number }>(
      `SELECT * FROM scrobbles
       WHERE state IN ('queued', 'retrying') AND unconfirmed = 1 AND target = @target
         AND (next_attempt_at IS NULL OR next_attempt_at <= @now)
       ORDER BY timestamp, id`,
    ),
    leaseOwner: db.prepare<
      [string],
      { flush_owner: string | null; flush_lease_until: number | null }
    >(`SELECT flush_owner, flush_lease_until FROM targets WHERE target = ?`),
    leaseTakeOver: db.prepare(
      `UPDATE targets SET flush_owner = @owner, flush_lease_until = @now + @lease_ms,
         flush_lease_ms = @lease_ms
       WHERE target = @target AND flush_owner = @previous`,
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
    retryFailedOf: db.prepare(
      `UPDATE scrobbles SET ${RESET_TO_QUEUED} WHERE state = 'failed' AND target = ?`,
    ),
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
    otherTargets: db.prepare<[string], { found: number }>(
      `SELECT EXISTS (SELECT 1 FROM scrobble_counts WHERE target <> ? AND n > 0) AS found`,
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
    importPut: db.prepare(
      `INSERT INTO imports (id, file_name, format, utc_offset_minutes, created_at, last_run_at)
       VALUES (@id, @file_name, @format, @utc_offset_minutes, @now, @now)
       ON CONFLICT (id) DO UPDATE SET file_name = excluded.file_name,
         last_run_at = excluded.last_run_at, removed_at = NULL`,
    ),
    importCounts: db.prepare(`UPDATE imports SET counts = @counts WHERE id = @id`),
    importGet: db.prepare<[string], ImportRow>(`SELECT * FROM imports WHERE id = ?`),
    importList: db.prepare<[], ImportRow>(`SELECT * FROM imports ORDER BY last_run_at DESC, id`),
    importRows: db.prepare<[string], { target: string; state: ScrobbleState; n: number }>(
      `SELECT target, state, count(*) AS n FROM scrobbles WHERE import_id = ?
       GROUP BY target, state ORDER BY target, state`,
    ),
    importRemoveUnsent: db.prepare(`DELETE FROM scrobbles WHERE import_id = ? AND ${UNSENT}`),
    importMarkRemoved: db.prepare(`UPDATE imports SET removed_at = @now WHERE id = @id`),
    importDelete: db.prepare(`DELETE FROM imports WHERE id = ?`),
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

export type Statements = ReturnType<typeof prepareStatements>;

/** Rows per state (all six keys), from the trigger-maintained counts. */
export function countsByState(stmt: Statements, target?: string): Record<ScrobbleState, number> {
  const counts = Object.fromEntries(SCROBBLE_STATES.map((s) => [s, 0])) as Record<
    ScrobbleState,
    number
  >;
  const rows = target === undefined ? stmt.countsAll.all() : stmt.countsFor.all(target);
  for (const { state, n } of rows) counts[state] = n;
  return counts;
}
