import { useId } from 'preact/hooks';

// The parts every labelled field has, whatever its input: the ids that tie the label, hint and
// problems to the input (for aria-describedby), the label row, and the hint and problems below.

export interface FieldIds {
  /** The input's own id. */
  id: string;
  hintId: string;
  problemId: string;
  listId: string;
  /** The input's aria-describedby: the hint and problems shown, if any. */
  describedBy: string | undefined;
}

export function useFieldIds(hint: string | undefined, problems: readonly string[]): FieldIds {
  const id = useId();
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const describedBy = [hint ? hintId : '', problems.length ? problemId : '']
    .filter(Boolean)
    .join(' ');
  return { id, hintId, problemId, listId: `${id}-list`, describedBy: describedBy || undefined };
}

export function FieldLabel({
  ids,
  label,
  required,
}: {
  ids: FieldIds;
  label: string;
  required: boolean | undefined;
}) {
  return (
    <div class="label-row">
      <label for={ids.id}>{label}</label>
      {/* Outside the label, so the field's name is just "Artist"; aria-required says it. */}
      {required ? (
        <span class="required" aria-hidden="true">
          required
        </span>
      ) : null}
    </div>
  );
}

export function FieldNotes({
  ids,
  hint,
  problems,
}: {
  ids: FieldIds;
  hint: string | undefined;
  problems: readonly string[];
}) {
  return (
    <>
      {hint ? (
        <p id={ids.hintId} class="hint">
          {hint}
        </p>
      ) : null}
      {problems.length ? (
        <p id={ids.problemId} class="problem">
          {problems.join(' ')}
        </p>
      ) : null}
    </>
  );
}
