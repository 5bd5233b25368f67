import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SuggestionOption } from '../lib/suggestion-list.js';
import { FieldLabel, FieldNotes, useFieldIds } from './field-parts.js';

// A labelled text field with a suggestion list, built to the ARIA combobox pattern (an input
// with role=combobox that owns a listbox): ↓/↑ move through the options, Enter or a click
// picks one, Esc closes the list (and only the list), Alt+↓ opens it again. Options from the
// service say so, so nobody mistakes a catalogue entry for their own history.

interface ComboFieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  /** An option was chosen: the field gets its value; the form may fill more (the artist). */
  onPick: (option: SuggestionOption) => void;
  options: readonly SuggestionOption[];
  /** Who the catalogue options come from, e.g. "Last.fm". */
  catalogueName?: string;
  problems?: readonly string[] | undefined;
  hint?: string;
  required?: boolean;
  placeholder?: string;
  name?: string;
  inputRef?: Ref<HTMLInputElement>;
  autofocus?: boolean;
  class?: string;
}

export function ComboField(props: ComboFieldProps) {
  const problems = props.problems ?? [];
  const ids = useFieldIds(props.hint, problems);
  const { id, listId } = ids;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const own = useRef<HTMLInputElement | null>(null);
  const options = props.options;
  const expanded = open && options.length > 0;

  // A new list (the user typed on) starts with nothing highlighted.
  const signature = options.map((o) => o.key).join('\n');
  useEffect(() => setActive(-1), [signature]);

  const setRefs = (el: HTMLInputElement | null) => {
    own.current = el;
    const r = props.inputRef;
    if (typeof r === 'function') r(el);
    else if (r) (r as { current: HTMLInputElement | null }).current = el;
  };

  const pick = (option: SuggestionOption) => {
    props.onPick(option);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (options.length === 0) return;
      e.preventDefault();
      if (!expanded) {
        setOpen(true);
        setActive(e.key === 'ArrowDown' ? 0 : options.length - 1);
        return;
      }
      if (e.altKey) return;
      const last = options.length - 1;
      setActive((i) => (e.key === 'ArrowDown' ? (i >= last ? 0 : i + 1) : i <= 0 ? last : i - 1));
      return;
    }
    if (e.key === 'Enter' && expanded && active >= 0) {
      const option = options[active];
      if (option) {
        // Enter picks the highlighted option; it does not submit the form.
        e.preventDefault();
        pick(option);
      }
      return;
    }
    if (e.key === 'Escape' && expanded) {
      // Close the list, not the dialog around the form.
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  };

  const activeId =
    expanded && active >= 0 && active < options.length ? `${id}-opt-${active}` : undefined;
  return (
    <div class={`field combo ${props.class ?? ''}`}>
      <FieldLabel ids={ids} label={props.label} required={props.required} />
      <div class="combo-box">
        <input
          id={id}
          ref={setRefs}
          name={props.name}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded ? 'true' : 'false'}
          aria-controls={listId}
          aria-activedescendant={activeId}
          value={props.value}
          onInput={(e) => {
            props.onInput(e.currentTarget.value);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          aria-invalid={problems.length > 0 ? 'true' : undefined}
          aria-describedby={ids.describedBy}
          aria-required={props.required ? 'true' : undefined}
          autoComplete="off"
          placeholder={props.placeholder}
          autofocus={props.autofocus}
          spellcheck={false}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label="Suggestions"
          class="combo-list"
          hidden={!expanded}
        >
          {options.map((o, i) => (
            <li
              key={o.key}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active ? 'true' : 'false'}
              class={`combo-option ${i === active ? 'active' : ''}`}
              // Keep the focus in the field, so the pick lands there.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(o)}
            >
              <span class="combo-text">
                <span class="combo-value">{o.value}</span>
                {o.detail ? <span class="combo-detail"> · {o.detail}</span> : null}
              </span>
              <span class="combo-source">
                {o.source === 'catalogue' ? (props.catalogueName ?? 'Catalogue') : 'Your scrobbles'}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <FieldNotes ids={ids} hint={props.hint} problems={problems} />
    </div>
  );
}
