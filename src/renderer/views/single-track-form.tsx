import { useEffect, useRef, useState } from 'preact/hooks';
import type { StoredScrobble } from '../../shared/queue-types.js';
import type { FieldProblem } from '../../shared/validation.js';
import { errorMessage, errorProblems } from '../api.js';
import { useApp } from '../app-context.js';
import { LinkField } from '../components/link-field.js';
import { fieldsFromLink } from '../lib/link-fields.js';
import { ScrobbleFields } from '../components/scrobble-fields.js';
import { WhenPicker } from '../components/when-picker.js';
import { endOf, nextWhen, type LoggedPlay } from '../lib/continue-time.js';
import { formatDuration } from '../lib/duration.js';
import { whenTimestamp, type WhenChoice } from '../lib/relative-time.js';
import {
  EMPTY_TRACK_FIELDS,
  problemsByField,
  rulesFor,
  scrobbleFromFields,
  type TrackFields,
} from '../lib/scrobble-form.js';

// One track by hand. Problems appear under the fields on the first submit and then update as
// the user types. After queueing, the track is cleared and the artist and album stay, so the
// next track of the same record is one title away; a chosen time stays, or, with "continue
// from where the last one ended", moves to the end of the track just queued (a session logged
// back to back). Artist, track and album suggest from history and the service's catalogue.

const NOW: WhenChoice = { kind: 'shortcut', id: 'now' };

export function SingleTrackForm({ onQueued }: { onQueued: (rows: StoredScrobble[]) => void }) {
  const { api, targets, notify } = useApp();
  const [fields, setFields] = useState<TrackFields>(EMPTY_TRACK_FIELDS);
  const [when, setWhen] = useState<WhenChoice>(NOW);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [checked, setChecked] = useState(false);
  const [sending, setSending] = useState(false);
  const [continuing, setContinuing] = useState(false);
  const [last, setLast] = useState<(LoggedPlay & { track: string }) | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const trackRef = useRef<HTMLInputElement>(null);
  const focusProblem = useRef(false);

  const check = (f: TrackFields, w: WhenChoice) => {
    const now = Date.now();
    return scrobbleFromFields(f, whenTimestamp(w, now), rulesFor(targets, now));
  };
  const update = (f: TrackFields, w: WhenChoice) => {
    setFields(f);
    setWhen(w);
    if (checked) {
      const result = check(f, w);
      setProblems(result.ok ? [] : result.problems);
    }
  };

  useEffect(() => {
    if (!focusProblem.current) return;
    focusProblem.current = false;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problems]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (sending) return;
    setChecked(true);
    const result = check(fields, when);
    if (!result.ok) {
      focusProblem.current = true;
      setProblems(result.problems);
      return;
    }
    setSending(true);
    try {
      const rows = await api.queue.enqueue({ items: [{ ...result.item }], source: 'manual' });
      onQueued(rows);
      const played = { start: result.item.timestamp, track: result.item.track };
      const logged =
        result.item.duration === undefined ? played : { ...played, duration: result.item.duration };
      setLast(logged);
      setFields({ ...fields, track: '', duration: '' });
      setWhen(nextWhen(when, logged, continuing));
      setProblems([]);
      setChecked(false);
      trackRef.current?.focus();
    } catch (error) {
      const fromCore = errorProblems(error);
      if (fromCore.length) {
        focusProblem.current = true;
        setProblems(fromCore);
      } else notify(`Could not queue the scrobble: ${errorMessage(error)}`, 'error');
    } finally {
      setSending(false);
    }
  };

  const byField = problemsByField(problems);
  return (
    <form
      ref={form}
      class="stack manual-form"
      onSubmit={submit}
      noValidate
      aria-label="Scrobble one track"
    >
      <LinkField onFill={(link) => update(fieldsFromLink(fields, link), when)} />
      <ScrobbleFields
        catalogue
        fields={fields}
        onChange={(f) => update(f, when)}
        problems={byField}
        trackRef={trackRef}
        autofocus
      />
      <WhenPicker value={when} onChange={(w) => update(fields, w)} problems={byField.timestamp} />
      <div class="continue-time">
        <label class="choice">
          <input
            type="checkbox"
            checked={continuing}
            aria-describedby="continue-time-hint"
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setContinuing(on);
              if (on) update(fields, nextWhen(when, last, true));
            }}
          />
          Continue from where the last one ended
        </label>
        <p id="continue-time-hint" class="hint">
          {continuingHint(continuing, last)}
        </p>
      </div>
      <div class="button-row end">
        <span class="muted keys-hint">Enter scrobbles · Esc closes</span>
        <button type="submit" class="primary" disabled={sending}>
          Scrobble
        </button>
      </div>
    </form>
  );
}

/** What the session option will do next, in a sentence. */
function continuingHint(
  continuing: boolean,
  last: (LoggedPlay & { track: string }) | null,
): string {
  if (!continuing)
    return 'For logging a session: each track then starts when the one before ended.';
  if (!last)
    return 'Pick when the first track started; each next one starts when the one before ended.';
  const end = endOf(last);
  const assumed = end.assumed
    ? ` (it had no length: ${formatDuration(endOf({ start: 0 }).at)} assumed)`
    : '';
  return `Next track starts at ${clockWithSeconds(end.at)}, when “${last.track}” ended${assumed}.`;
}

function clockWithSeconds(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}
