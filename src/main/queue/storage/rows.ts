import { ignoredKindOf } from '../../../shared/ignored.js';
import type { ErrorClass } from '../../../shared/queue-types.js';
import type { ScrobbleState } from '../../../shared/scrobble-state.js';
import type { CorrectionFlags, RecordedTrack, ScrobbleItem } from '../../../shared/track.js';
import type { StoredScrobble, TargetState } from '../types.js';

// Mapping between SQLite rows (snake_case, 0/1, NULL) and the domain objects.

export interface ScrobbleRow {
  id: number;
  target: string;
  artist: string;
  track: string;
  album: string | null;
  album_artist: string | null;
  duration: number | null;
  track_number: number | null;
  mbid: string | null;
  timestamp: number;
  chosen_by_user: number | null;
  source: string;
  created_at: number;
  state: ScrobbleState;
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  last_error_class: ErrorClass | null;
  sending_since: number | null;
  resolved_at: number | null;
  ignored_code: number | null;
  reason: string | null;
  recorded_artist: string | null;
  recorded_track: string | null;
  recorded_album: string | null;
  recorded_album_artist: string | null;
  corrected: number | null;
  edited_at: number | null;
}

export interface ImportRow {
  id: string;
  file_name: string;
  format: string;
  utc_offset_minutes: number | null;
  created_at: number;
  last_run_at: number;
  counts: string;
  removed_at: number | null;
}

export interface TargetRow {
  target: string;
  paused_until: number | null;
  pause_reason: string | null;
  user_paused: number;
  needs_auth: number;
}

/** The item columns of a scrobble, as named parameters for INSERT and UPDATE. */
export interface ItemColumns {
  artist: string;
  track: string;
  album: string | null;
  album_artist: string | null;
  duration: number | null;
  track_number: number | null;
  mbid: string | null;
  timestamp: number;
  chosen_by_user: number | null;
}

export function itemColumns(item: ScrobbleItem): ItemColumns {
  return {
    artist: item.artist,
    track: item.track,
    album: item.album ?? null,
    album_artist: item.albumArtist ?? null,
    duration: item.duration ?? null,
    track_number: item.trackNumber ?? null,
    mbid: item.mbid ?? null,
    timestamp: item.timestamp,
    chosen_by_user: item.chosenByUser === undefined ? null : Number(item.chosenByUser),
  };
}

const CORRECTION_BITS: Readonly<Record<keyof CorrectionFlags, number>> = {
  artist: 1,
  track: 2,
  album: 4,
  albumArtist: 8,
};

export function correctionMask(flags: CorrectionFlags): number {
  let mask = 0;
  for (const key of Object.keys(CORRECTION_BITS) as (keyof CorrectionFlags)[]) {
    if (flags[key]) mask |= CORRECTION_BITS[key];
  }
  return mask;
}

export function correctionFlags(mask: number): CorrectionFlags {
  return {
    artist: (mask & CORRECTION_BITS.artist) !== 0,
    track: (mask & CORRECTION_BITS.track) !== 0,
    album: (mask & CORRECTION_BITS.album) !== 0,
    albumArtist: (mask & CORRECTION_BITS.albumArtist) !== 0,
  };
}

/** Optional item fields are left out when NULL, as ScrobbleItem has them. */
export function rowToStored(row: ScrobbleRow): StoredScrobble {
  const stored: StoredScrobble = {
    id: row.id,
    target: row.target,
    artist: row.artist,
    track: row.track,
    timestamp: row.timestamp,
    source: row.source,
    createdAt: row.created_at,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    lastErrorClass: row.last_error_class,
    ignoredCode: row.ignored_code,
    ignoredKind: row.ignored_code === null ? null : ignoredKindOf(row.ignored_code),
    reason: row.reason,
    recorded: recordedTrack(row),
    corrected: row.corrected === null ? null : correctionFlags(row.corrected),
    sendingSince: row.sending_since,
    resolvedAt: row.resolved_at,
  };
  if (row.album !== null) stored.album = row.album;
  if (row.album_artist !== null) stored.albumArtist = row.album_artist;
  if (row.duration !== null) stored.duration = row.duration;
  if (row.track_number !== null) stored.trackNumber = row.track_number;
  if (row.mbid !== null) stored.mbid = row.mbid;
  if (row.chosen_by_user !== null) stored.chosenByUser = row.chosen_by_user === 1;
  return stored;
}

function recordedTrack(row: ScrobbleRow): RecordedTrack | null {
  if (row.recorded_artist === null || row.recorded_track === null) return null;
  return {
    artist: row.recorded_artist,
    track: row.recorded_track,
    album: row.recorded_album ?? '',
    albumArtist: row.recorded_album_artist ?? '',
  };
}

export function rowToTargetState(target: string, row: TargetRow | undefined): TargetState {
  return {
    target,
    pausedUntil: row?.paused_until ?? null,
    pauseReason: row?.pause_reason ?? null,
    userPaused: row?.user_paused === 1,
    needsAuth: row?.needs_auth === 1,
  };
}
