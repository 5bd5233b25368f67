import type { FlushReport } from '../../shared/core-events.js';
import type { ErrorClass, StoredScrobble, TargetState } from '../../shared/queue-types.js';
import type { ScrobbleState } from '../../shared/scrobble-state.js';
import type { RecordedTrack } from '../../shared/track.js';
import { formatRelative } from './relative-time.js';

// Everything the window says about a scrobble, a failure or a target, in words. Kept pure so
// the wording is tested once and every view says the same thing the same way.

export const STATE_LABELS: Readonly<Record<ScrobbleState, string>> = {
  queued: 'Queued',
  sending: 'Sending',
  retrying: 'Retrying',
  accepted: 'Accepted',
  ignored: 'Ignored',
  failed: 'Failed',
};

const ERROR_CLASS_WORDS: Readonly<Record<ErrorClass, string>> = {
  transient: 'The service could not be reached or had a temporary problem',
  'rate-limited': 'The service asked us to slow down',
  reauth: 'The service needs you to sign in again',
  permanent: 'The service refused this scrobble',
};

/** "attempt 3 · next try in 4 min" for a retrying row. */
export function retrySchedule(row: StoredScrobble, now: number): string {
  const attempt = `${row.attempts} failed ${row.attempts === 1 ? 'attempt' : 'attempts'}`;
  const next =
    row.nextAttemptAt === null || row.nextAttemptAt <= now
      ? 'next try: now'
      : `next try ${formatRelative(row.nextAttemptAt, now)}`;
  return `${attempt} · ${next}`;
}

/** The last error in words: the class first (what it means), then what the server said. */
export function lastErrorWords(row: StoredScrobble): string | null {
  const cls = row.lastErrorClass ? ERROR_CLASS_WORDS[row.lastErrorClass] : null;
  const message = row.lastError?.trim() || null;
  if (cls && message) return `${cls}: ${message}`;
  return cls ? `${cls}.` : message;
}

/** Why a row needs attention, or how it is doing, in one line. */
export function rowDetail(row: StoredScrobble, now: number): string | null {
  switch (row.state) {
    case 'retrying': {
      const error = lastErrorWords(row);
      return error ? `${retrySchedule(row, now)} · ${error}` : retrySchedule(row, now);
    }
    case 'failed':
      return row.reason ?? lastErrorWords(row) ?? 'The service refused this scrobble.';
    case 'ignored':
      return row.reason ?? 'The service did not record this scrobble.';
    case 'sending':
      return 'Being sent now.';
    case 'queued':
      return row.attempts > 0
        ? (lastErrorWords(row) ?? 'Waiting to be sent.')
        : 'Waiting to be sent.';
    case 'accepted':
      return null;
  }
}

const FIELD_NAMES: Readonly<Record<keyof RecordedTrack, string>> = {
  artist: 'Artist',
  track: 'Track',
  album: 'Album',
  albumArtist: 'Album artist',
};

export interface Correction {
  field: keyof RecordedTrack;
  label: string;
  sent: string;
  recorded: string;
}

/** What the service changed: "the beatles" was recorded as "The Beatles". */
export function corrections(row: StoredScrobble): Correction[] {
  if (!row.recorded || !row.corrected) return [];
  const list: Correction[] = [];
  for (const field of Object.keys(FIELD_NAMES) as (keyof RecordedTrack)[]) {
    if (!row.corrected[field]) continue;
    const sent = (row[field] ?? '').trim();
    const recorded = row.recorded[field];
    if (sent === recorded) continue;
    list.push({ field, label: FIELD_NAMES[field], sent, recorded });
  }
  return list;
}

export function correctionText(c: Correction): string {
  return `${c.label}: ${c.sent || '(empty)'} → ${c.recorded || '(empty)'}`;
}

/** Why the target is not sending right now, or null when it is free to send. */
export function targetHold(state: TargetState, now: number): string | null {
  if (state.needsAuth) return 'Needs sign-in';
  if (state.userPaused) return 'Paused';
  if (state.pausedUntil !== null && state.pausedUntil > now) {
    const until = formatRelative(state.pausedUntil, now);
    switch (state.pauseReason) {
      case 'rate-limited':
        return `Rate-limited · resumes ${until}`;
      case 'daily-cap':
        return `Daily limit reached · resumes ${until}`;
      case 'unreachable':
        return `Service unreachable · next try ${until}`;
      default:
        return `Waiting · resumes ${until}`;
    }
  }
  return null;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** One sentence about a finished flush, for the status line. */
export function flushSummary(report: FlushReport): string {
  const parts: string[] = [];
  if (report.accepted) parts.push(`${plural(report.accepted, 'scrobble')} accepted`);
  if (report.ignored) parts.push(`${report.ignored.toLocaleString('en')} ignored`);
  if (report.failed) parts.push(`${report.failed.toLocaleString('en')} failed`);
  if (report.deferred) parts.push(`${report.deferred.toLocaleString('en')} will be retried`);
  const done = parts.length ? parts.join(', ') : 'Nothing was sent';
  if (report.stoppedBecause === 'done' || report.stoppedBecause === 'busy') return `${done}.`;
  return report.detail ? `${done}. ${report.detail}` : `${done}.`;
}

export { plural };

/** Why something queued for this target is not being sent, as the end of a sentence. */
export function holdSentence(state: TargetState, now: number, service: string): string | null {
  if (state.needsAuth) return `it is sent once you sign in to ${service} (Account)`;
  if (state.userPaused) return 'sending is paused; press Resume to send it';
  if (state.pausedUntil === null || state.pausedUntil <= now) return null;
  const when = formatRelative(state.pausedUntil, now);
  switch (state.pauseReason) {
    case 'rate-limited':
      return `${service} asked us to slow down; it is sent ${when}`;
    case 'daily-cap':
      return `the daily scrobble limit was reached; it is sent ${when}`;
    case 'unreachable':
      return `${service} cannot be reached; next try ${when}`;
    default:
      return `it is sent ${when}`;
  }
}
