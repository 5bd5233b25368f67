import { useId, useRef } from 'preact/hooks';
import { toDateTimeLocal } from '../lib/local-time.js';
import { WHEN_SHORTCUTS, type WhenChoice } from '../lib/relative-time.js';

// "When did it start?": now, a few shortcuts, or a date and time. Radio buttons, so arrow keys
// move between the choices and screen readers announce the group.

interface WhenPickerProps {
  value: WhenChoice;
  onChange: (next: WhenChoice) => void;
  problems?: readonly string[] | undefined;
  legend?: string;
}

export function WhenPicker({ value, onChange, problems, legend }: WhenPickerProps) {
  const name = useId();
  const problemId = `${name}-problem`;
  const atRef = useRef<HTMLInputElement>(null);
  const atValue = value.kind === 'at' ? value.value : '';
  const invalid = (problems?.length ?? 0) > 0;
  return (
    <fieldset class="when" aria-describedby={invalid ? problemId : undefined}>
      <legend>{legend ?? 'When did it start playing?'}</legend>
      <div class="choice-row">
        {WHEN_SHORTCUTS.map((s) => (
          <label key={s.id} class="choice">
            <input
              type="radio"
              name={name}
              checked={value.kind === 'shortcut' && value.id === s.id}
              onChange={() => onChange({ kind: 'shortcut', id: s.id })}
            />
            {s.label}
          </label>
        ))}
        <label class="choice">
          <input
            type="radio"
            name={name}
            checked={value.kind === 'at'}
            onChange={() => {
              onChange({ kind: 'at', value: atValue || toDateTimeLocal(Date.now()) });
              queueMicrotask(() => atRef.current?.focus());
            }}
          />
          At…
        </label>
      </div>
      <label class="sr-only" for={`${name}-at`}>
        Date and time it started
      </label>
      <input
        id={`${name}-at`}
        ref={atRef}
        type="datetime-local"
        // Seconds too: a session's times follow each other to the second.
        step={1}
        class="when-at"
        value={atValue}
        hidden={value.kind !== 'at'}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? problemId : undefined}
        onInput={(e) => onChange({ kind: 'at', value: e.currentTarget.value })}
      />
      {invalid ? (
        <p id={problemId} class="problem">
          {problems?.join(' ')}
        </p>
      ) : null}
    </fieldset>
  );
}
