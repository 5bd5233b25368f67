import { findBuiltinService, LASTFM } from '../../shared/services.js';
import type { ScrobbleItem } from '../../shared/track.js';
import {
  validateScrobble,
  type FieldProblem,
  type ScrobbleRules,
} from '../../shared/validation.js';
import { formatDuration, parseDuration } from './duration.js';

// The single-track form as text fields -> a scrobble checked by the same rules the core uses,
// so the window shows exactly the problems the core would refuse, before anything is sent.

export interface TrackFields {
  artist: string;
  track: string;
  album: string;
  albumArtist: string;
  /** "3:45", "225" or blank. */
  duration: string;
}

export const EMPTY_TRACK_FIELDS: TrackFields = {
  artist: '',
  track: '',
  album: '',
  albumArtist: '',
  duration: '',
};

/**
 * The rules of the strictest service a new scrobble goes to: the shortest `maxAgeDays` among
 * their presets (src/shared/services.ts, the one place an age limit is written down). With no
 * service yet, scrobbles wait for Last.fm, so its rule applies.
 */
export function rulesFor(targets: readonly string[], nowMs: number): ScrobbleRules {
  const nowSec = Math.floor(nowMs / 1000);
  const ids = targets.length > 0 ? targets : [LASTFM.id];
  const ages = ids
    .map((id) => findBuiltinService(id)?.maxAgeDays)
    .filter((days): days is number => days !== undefined);
  return ages.length > 0 ? { nowSec, maxAgeDays: Math.min(...ages) } : { nowSec };
}

export type FormResult = { ok: true; item: ScrobbleItem } | { ok: false; problems: FieldProblem[] };

/** Build and validate one scrobble from the form; `timestamp` is null when the time is unreadable. */
export function scrobbleFromFields(
  fields: TrackFields,
  timestamp: number | null,
  rules: ScrobbleRules,
): FormResult {
  const problems: FieldProblem[] = [];
  const input: Record<string, unknown> = {
    artist: fields.artist,
    track: fields.track,
    album: fields.album,
    albumArtist: fields.albumArtist,
  };
  const duration = parseDuration(fields.duration);
  if (!duration.ok) problems.push({ field: 'duration', message: duration.message });
  else if (duration.seconds !== undefined) input.duration = duration.seconds;
  if (timestamp === null) {
    problems.push({ field: 'timestamp', message: 'Pick the date and time the track started.' });
  } else input.timestamp = timestamp;

  const result = validateScrobble(input, rules);
  if (!result.ok) {
    // The form's own messages about duration and time are more precise than the schema's.
    const own = new Set(problems.map((p) => p.field));
    problems.push(...result.problems.filter((p) => !own.has(p.field)));
  }
  if (problems.length > 0 || !result.ok) return { ok: false, problems };
  return { ok: true, item: result.value };
}

/** Problems grouped by field (the first path segment after an `items.N.` prefix). */
export function problemsByField(problems: readonly FieldProblem[]): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  for (const p of problems) {
    const field = p.field.replace(/^items\.\d+\./, '');
    (byField[field] ??= []).push(p.message);
  }
  return byField;
}

/** Album problems by row: `items.3.track` belongs to the fourth track. */
export function problemsByItem(problems: readonly FieldProblem[]): Map<number, FieldProblem[]> {
  const byItem = new Map<number, FieldProblem[]>();
  for (const p of problems) {
    const m = /^items\.(\d+)\.(.+)$/.exec(p.field);
    if (!m) continue;
    const index = Number(m[1]);
    const list = byItem.get(index) ?? [];
    list.push({ field: m[2] ?? p.field, message: p.message });
    byItem.set(index, list);
  }
  return byItem;
}

/**
 * A queue.edit patch that replaces the editable fields whole: a field left blank is sent as
 * null, which clears it (JSON has no undefined).
 */
export function editPatch(item: ScrobbleItem): Record<string, unknown> {
  return {
    artist: item.artist,
    track: item.track,
    album: item.album ?? null,
    albumArtist: item.albumArtist ?? null,
    duration: item.duration ?? null,
    timestamp: item.timestamp,
  };
}

/** The form's text fields for a stored scrobble (to edit it). */
export function fieldsOf(item: ScrobbleItem): TrackFields {
  return {
    artist: item.artist,
    track: item.track,
    album: item.album ?? '',
    albumArtist: item.albumArtist ?? '',
    duration: item.duration === undefined ? '' : formatDuration(item.duration),
  };
}
