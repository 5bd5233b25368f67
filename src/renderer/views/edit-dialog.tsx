import { useRef, useState } from 'preact/hooks';
import type { StoredScrobble } from '../../shared/queue-types.js';
import { errorMessage, errorProblems } from '../api.js';
import { useApp } from '../app-context.js';
import { Modal } from '../components/modal.js';
import { ScrobbleFields } from '../components/scrobble-fields.js';
import { WhenPicker } from '../components/when-picker.js';
import { toDateTimeLocal } from '../lib/local-time.js';
import { whenTimestamp, type WhenChoice } from '../lib/relative-time.js';
import {
  editPatch,
  fieldsOf,
  problemsByField,
  rulesFor,
  scrobbleFromFields,
  type TrackFields,
} from '../lib/scrobble-form.js';
import type { FieldProblem } from '../../shared/validation.js';
import { ProblemAlert } from '../components/problem-alert.js';
import { plainWords } from '../lib/describe.js';

// Fix a scrobble and send it again: the same fields and rules as the manual form; saving
// re-validates it in the core and puts it back in the queue.

/** `rows`: one play's rows to fix (one per service in the Queue's filter); saved alike. */
export function EditDialog({
  rows,
  onClose,
}: {
  rows: StoredScrobble[] | null;
  onClose: () => void;
}) {
  const row = rows?.[0] ?? null;
  return (
    <Modal open={row !== null} onClose={onClose} title="Edit scrobble" class="modal-wide" lazy>
      {row && rows ? <EditForm row={row} rows={rows} onClose={onClose} /> : null}
    </Modal>
  );
}

function EditForm({
  row,
  rows,
  onClose,
}: {
  row: StoredScrobble;
  rows: StoredScrobble[];
  onClose: () => void;
}) {
  const { api, notify } = useApp();
  const [fields, setFields] = useState<TrackFields>(() => fieldsOf(row));
  const [when, setWhen] = useState<WhenChoice>({
    kind: 'at',
    value: toDateTimeLocal(row.timestamp * 1000),
  });
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const artistRef = useRef<HTMLInputElement>(null);

  const check = (f: TrackFields, w: WhenChoice) => {
    const now = Date.now();
    return scrobbleFromFields(
      f,
      whenTimestamp(w, now),
      rulesFor(
        rows.map((r) => r.target),
        now,
      ),
    );
  };
  const update = (f: TrackFields, w: WhenChoice) => {
    setFields(f);
    setWhen(w);
    if (checked) {
      const result = check(f, w);
      setProblems(result.ok ? [] : result.problems);
    }
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setChecked(true);
    const result = check(fields, when);
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    setSaving(true);
    try {
      for (const r of rows) await api.queue.edit(r.id, editPatch(result.item));
      notify(`Saved “${result.item.track}” and queued it again.`, 'success');
      onClose();
    } catch (error) {
      const fromCore = errorProblems(error);
      setProblems(
        fromCore.length ? fromCore : [{ field: '(input)', message: errorMessage(error) }],
      );
    } finally {
      setSaving(false);
    }
  };

  const byField = problemsByField(problems);
  const tooOld = row.state === 'ignored' && row.ignoredKind === 'too-old';
  return (
    <form class="stack" onSubmit={save} noValidate>
      {row.reason ? (
        <p class={`banner ${tooOld ? 'warning' : 'info'}`}>
          {plainWords(row.reason)}
          {tooOld ? ' Pick a time within the last 14 days, or Now.' : ''}
        </p>
      ) : null}
      <ScrobbleFields
        fields={fields}
        onChange={(f) => update(f, when)}
        problems={byField}
        artistRef={artistRef}
        autofocus
      />
      <WhenPicker value={when} onChange={(w) => update(fields, w)} problems={byField.timestamp} />
      <ProblemAlert message={byField['(input)']?.join(' ')} />
      <div class="button-row end">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" class="primary" disabled={saving}>
          Save and retry
        </button>
      </div>
    </form>
  );
}
