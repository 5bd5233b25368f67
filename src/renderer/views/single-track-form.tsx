import { useEffect, useRef, useState } from 'preact/hooks';
import type { StoredScrobble } from '../../shared/queue-types.js';
import type { FieldProblem } from '../../shared/validation.js';
import { errorMessage, errorProblems } from '../api.js';
import { useApp } from '../app-context.js';
import { fieldsFromLink, LinkField } from '../components/link-field.js';
import { ScrobbleFields } from '../components/scrobble-fields.js';
import { WhenPicker } from '../components/when-picker.js';
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
// next track of the same record is one title away.

const NOW: WhenChoice = { kind: 'shortcut', id: 'now' };

export function SingleTrackForm({ onQueued }: { onQueued: (rows: StoredScrobble[]) => void }) {
  const { api, targets, notify } = useApp();
  const [fields, setFields] = useState<TrackFields>(EMPTY_TRACK_FIELDS);
  const [when, setWhen] = useState<WhenChoice>(NOW);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [checked, setChecked] = useState(false);
  const [sending, setSending] = useState(false);
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
      setFields({ ...fields, track: '', duration: '' });
      setWhen(NOW);
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
        fields={fields}
        onChange={(f) => update(f, when)}
        problems={byField}
        trackRef={trackRef}
        autofocus
      />
      <WhenPicker value={when} onChange={(w) => update(fields, w)} problems={byField.timestamp} />
      <div class="button-row end">
        <span class="muted keys-hint">Enter scrobbles · Esc closes</span>
        <button type="submit" class="primary" disabled={sending}>
          Scrobble
        </button>
      </div>
    </form>
  );
}
