import type { FlushReport } from '../../shared/core-events.js';
import type { ErrorClass, StoredScrobble, TargetState } from '../../shared/queue-types.js';
import type { ScrobbleState } from '../../shared/scrobble-state.js';
import type { IgnoredKind } from '../../shared/ignored.js';
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

/**
 * A service's or a transport's raw text in words for people: no API method names
 * ("track.scrobble failed:"), error numbers ("(Last.fm error 6)", "HTTP 503"), addresses or
 * command lines. The raw text stays available under a Details disclosure (rawError).
 */
export function plainWords(raw: string): string {
  let s = raw.trim();
  s = s.replace(/\b[a-z]+(?:\.[a-zA-Z]+)+ failed:\s*/g, '');
  s = s.replace(/\s*\([^()]*\berror\s+-?\d+\)/gi, '');
  s = s.replace(/\bHTTP\s+\d{3}\b(\s+from\s+\S+)?/gi, 'the server answered with an error');
  s = s.replace(/`?\b(?:run|use|try)\s+`?scrobbletray\b[^`.;\n]*`?/gi, 'sign in again in Account');
  s = s.replace(
    /\b(?:connect\s+)?(?:ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|UND_ERR_[A-Z_]+)\b(?:\s+[^\s,;]+)?/g,
    'could not connect to the server',
  );
  s = s.replace(
    /\b(?:https?:\/\/)?(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?[^\s,;)]*/g,
    'the server',
  );
  s = s.replace(/\b(?:error|code|status)\s*[:#]?\s*-?\d+\b/gi, '');
  s = s
    .replace(/\s{2,}/g, ' ')
    .replace(/\s+([.,;:])/g, '$1')
    .replace(/^[\s.,;:-]+/, '')
    .trim();
  if (!s) return '';
  s = s[0]?.toUpperCase() + s.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/** What the service or the connection said, exactly, for the Details disclosure. */
export function rawError(row: StoredScrobble): string | null {
  const parts = [row.lastError?.trim(), row.state !== 'accepted' ? row.reason?.trim() : null];
  const shown = [...new Set(parts.filter((p): p is string => !!p))];
  return shown.length ? shown.join('\n') : null;
}

/** The next try of a retrying row: the row's own time, or the service's wait if later. */
export function nextTryAt(row: StoredScrobble, hold: TargetState | undefined, now: number): number {
  const paused =
    hold?.pausedUntil !== null && hold?.pausedUntil !== undefined ? hold.pausedUntil : 0;
  return Math.max(row.nextAttemptAt ?? now, paused, now);
}

/** "2 failed attempts · next try in 4 min" for a retrying row, the same time the bar says. */
export function retrySchedule(row: StoredScrobble, now: number, hold?: TargetState): string {
  const attempt = `${row.attempts} failed ${row.attempts === 1 ? 'attempt' : 'attempts'}`;
  const at = nextTryAt(row, hold, now);
  return `${attempt} · next try ${at <= now ? 'now' : formatRelative(at, now)}`;
}

/** The last error in words: what it means, then what the server said, in plain words. */
export function lastErrorWords(row: StoredScrobble): string | null {
  const cls = row.lastErrorClass ? ERROR_CLASS_WORDS[row.lastErrorClass] : null;
  // Only a refusal needs the server's own words; the other classes say all there is.
  const said =
    !cls || row.lastErrorClass === 'permanent' ? plainWords(row.lastError ?? '') || null : null;
  if (cls && said) return `${cls}: ${said}`;
  return cls ? `${cls}.` : said;
}

/** Why a queued row is not moving (paused, sign-in, a wait), or null when it is free to go. */
export function queuedHold(
  hold: TargetState | undefined,
  now: number,
  service: string,
): string | null {
  return hold ? holdSentence(hold, now, service) : null;
}

/** Why a row needs attention, or how it is doing, in one line of plain words. */
export function rowDetail(
  row: StoredScrobble,
  now: number,
  hold?: TargetState,
  service = 'the service',
): string | null {
  switch (row.state) {
    case 'retrying': {
      const error = lastErrorWords(row);
      const schedule = retrySchedule(row, now, hold);
      const why = hold?.userPaused || hold?.needsAuth ? queuedHold(hold, now, service) : null;
      return [schedule, why ?? error].filter(Boolean).join(' · ');
    }
    case 'failed':
      return (
        plainWords(row.reason ?? '') || lastErrorWords(row) || 'The service refused this scrobble.'
      );
    case 'ignored':
      return plainWords(row.reason ?? '') || 'The service did not record this scrobble.';
    case 'sending':
      return 'Being sent now.';
    case 'queued': {
      const held = queuedHold(hold, now, service);
      if (held) return `Not sent yet: ${held}.`;
      return row.attempts > 0
        ? (lastErrorWords(row) ?? 'Waiting to be sent.')
        : 'Waiting to be sent.';
    }
    case 'accepted':
      return null;
  }
}

/** Why a service ignored a play, in a word or two ("Ignored by Libre.fm: duplicate"). */
export const IGNORED_WORDS: Readonly<Record<IgnoredKind, string>> = {
  'too-old': 'too old',
  'too-new': 'time in the future',
  duplicate: 'duplicate',
  'daily-cap': 'daily limit reached',
  'filtered-artist': 'artist filtered',
  'filtered-track': 'track filtered',
  other: 'not recorded',
};

export type StatusTone = 'ok' | 'info' | 'wait' | 'warn' | 'bad';

export interface ServiceStatus {
  service: string;
  /** "Accepted by Last.fm", "Waiting for ListenBrainz", "Ignored by Libre.fm: duplicate". */
  text: string;
  tone: StatusTone;
}

/** One service's row of a play, as a short status in words. */
export function serviceStatus(
  row: StoredScrobble,
  service: string,
  now: number,
  hold?: TargetState,
): ServiceStatus {
  const say = (text: string, tone: StatusTone): ServiceStatus => ({ service, text, tone });
  switch (row.state) {
    case 'accepted':
      return corrections(row).length
        ? say(`Corrected by ${service}`, 'info')
        : say(`Accepted by ${service}`, 'ok');
    case 'ignored':
      return say(`Ignored by ${service}: ${IGNORED_WORDS[row.ignoredKind ?? 'other']}`, 'warn');
    case 'failed':
      return say(`Refused by ${service}`, 'bad');
    case 'sending':
      return say(`Sending to ${service}`, 'wait');
    case 'retrying': {
      const at = nextTryAt(row, hold, now);
      return say(
        `Retrying ${service} · next try ${at <= now ? 'now' : formatRelative(at, now)}`,
        'wait',
      );
    }
    case 'queued': {
      if (hold?.needsAuth) return say(`Waiting for ${service}: sign in to send`, 'warn');
      if (hold?.userPaused) return say(`Waiting for ${service}: sending is paused`, 'warn');
      const wait = hold ? targetHold(hold, now) : null;
      return say(wait ? `Waiting for ${service}: ${wait}` : `Waiting for ${service}`, 'wait');
    }
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
      case 'client-blocked':
        return 'Blocked this app version · update, then Send now';
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
    case 'client-blocked':
      return `${service} has blocked this version of Scrobbletray; update it, then press Send now`;
    default:
      return `it is sent ${when}`;
  }
}
