import type { StoredScrobble } from '../../shared/queue-types.js';
import { corrections, correctionText, lastErrorWords, plural } from './describe.js';
import { formatRelative } from './relative-time.js';

// What became of scrobbles just queued from the manual form, as one status line:
// "Queued — sending…", then accepted (with corrections), ignored (with the reason) or why not yet.

export interface Outcome {
  /** False while something is still on its way; the form keeps watching. */
  settled: boolean;
  text: string;
  tone: 'info' | 'success' | 'warning' | 'error';
}

/**
 * `holds`: for each target that is not sending right now, why (see holdSentence), so a
 * scrobble waiting for a sign-in does not claim to be "sending".
 */
export function describeOutcome(
  rows: readonly StoredScrobble[],
  now: number,
  holds: Readonly<Record<string, string | null>> = {},
): Outcome {
  if (rows.length === 0) return { settled: true, text: 'Removed from the queue.', tone: 'info' };
  const by = (state: StoredScrobble['state']) => rows.filter((r) => r.state === state);
  const pending = [...by('queued'), ...by('sending')];
  const retrying = by('retrying');
  const accepted = by('accepted');
  const ignored = by('ignored');
  const failed = by('failed');

  if (pending.length > 0 && retrying.length === 0) {
    const hold = pending.map((r) => holds[r.target]).find((h) => h);
    if (hold) return { settled: false, text: `Queued — ${hold}.`, tone: 'warning' };
    const held = pending.find((r) => r.attempts > 0 && r.lastError);
    const why = held ? lastErrorWords(held) : null;
    return {
      settled: false,
      text: why ? `Queued — waiting to send: ${why}` : 'Queued — sending…',
      tone: 'info',
    };
  }
  if (retrying.length > 0) {
    const first = retrying[0] as StoredScrobble;
    const when =
      first.nextAttemptAt && first.nextAttemptAt > now
        ? ` Next try ${formatRelative(first.nextAttemptAt, now)}.`
        : '';
    const why = (lastErrorWords(first) ?? 'The service did not answer').replace(/\.$/, '');
    return {
      settled: false,
      text: `Not sent yet — ${why}.${when} It stays queued and will be sent.`,
      tone: 'warning',
    };
  }

  if (rows.length === 1) {
    const row = rows[0] as StoredScrobble;
    const name = `“${row.track}” by ${row.artist}`;
    if (row.state === 'accepted') {
      const fixes = corrections(row).map(correctionText);
      return {
        settled: true,
        text: fixes.length
          ? `Accepted: ${name}, recorded with corrections (${fixes.join('; ')}).`
          : `Accepted: ${name}.`,
        tone: 'success',
      };
    }
    const reason = row.reason ?? lastErrorWords(row) ?? '';
    return {
      settled: true,
      text: `${row.state === 'ignored' ? 'Ignored' : 'Failed'}: ${name}. ${reason}`.trim(),
      tone: row.state === 'ignored' ? 'warning' : 'error',
    };
  }

  const parts: string[] = [];
  if (accepted.length) parts.push(`${plural(accepted.length, 'scrobble')} accepted`);
  if (ignored.length) parts.push(`${ignored.length} ignored`);
  if (failed.length) parts.push(`${failed.length} failed`);
  const firstProblem = [...ignored, ...failed][0];
  const reason = firstProblem?.reason ? ` ${firstProblem.reason}` : '';
  const corrected = accepted.filter((r) => corrections(r).length > 0).length;
  const fixes = corrected ? ` ${plural(corrected, 'was', 'were')} corrected by the service.` : '';
  return {
    settled: true,
    text: `${parts.join(', ')}.${fixes}${reason}`,
    tone: failed.length ? 'error' : ignored.length ? 'warning' : 'success',
  };
}
