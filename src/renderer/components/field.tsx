import type { Ref } from 'preact';
import { FieldLabel, FieldNotes, useFieldIds } from './field-parts.js';

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
  const problems = props.problems ?? [];
  const ids = useFieldIds(props.hint, problems);
  return (
    <div class={`field ${props.class ?? ''}`}>
      <FieldLabel ids={ids} label={props.label} required={props.required} />
      <input
        id={ids.id}
        ref={props.inputRef}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        onBlur={props.onBlur}
        aria-invalid={problems.length > 0 ? 'true' : undefined}
        aria-describedby={ids.describedBy}
        aria-required={props.required ? 'true' : undefined}
        list={props.suggestions ? ids.listId : undefined}
        autoComplete={props.autoComplete ?? 'off'}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        autofocus={props.autofocus}
        spellcheck={false}
      />
      {props.suggestions ? (
        <datalist id={ids.listId}>
          {props.suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
      <FieldNotes ids={ids} hint={props.hint} problems={problems} />
    </div>
  );
}
