import type { Ref } from 'preact';
import { useId } from 'preact/hooks';

// A labelled input with its hint and problems wired up for assistive technology
// (aria-invalid, aria-describedby) and an optional <datalist> of suggestions.

interface FieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  problems?: readonly string[] | undefined;
  hint?: string;
  type?: 'text' | 'password' | 'datetime-local' | 'date' | 'search';
  suggestions?: readonly string[];
  required?: boolean;
  autoComplete?: string;
  placeholder?: string;
  inputMode?: 'text' | 'numeric';
  name?: string;
  inputRef?: Ref<HTMLInputElement>;
  autofocus?: boolean;
  class?: string;
  onBlur?: () => void;
}

export function Field(props: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const listId = `${id}-list`;
  const problems = props.problems ?? [];
  const describedBy = [props.hint ? hintId : '', problems.length ? problemId : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field ${props.class ?? ''}`}>
      <div class="label-row">
        <label for={id}>{props.label}</label>
        {/* Outside the label, so the field's name is just "Artist"; aria-required says it. */}
        {props.required ? (
          <span class="required" aria-hidden="true">
            required
          </span>
        ) : null}
      </div>
      <input
        id={id}
        ref={props.inputRef}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        onBlur={props.onBlur}
        aria-invalid={problems.length > 0 ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
        aria-required={props.required ? 'true' : undefined}
        list={props.suggestions ? listId : undefined}
        autoComplete={props.autoComplete ?? 'off'}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        autofocus={props.autofocus}
        spellcheck={false}
      />
      {props.suggestions ? (
        <datalist id={listId}>
          {props.suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
      {props.hint ? (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      ) : null}
      {problems.length ? (
        <p id={problemId} class="problem">
          {problems.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
