import type { Anchor } from '../hooks/use-album-plan.js';

// "When was it played?" for a whole record: it just ended, it ended at…, or it started at….

interface AlbumWhenProps {
  anchor: Anchor;
  onAnchor: (anchor: Anchor) => void;
  /** The datetime-local value, used unless the record just ended. */
  at: string;
  onAt: (value: string) => void;
  timeProblem: string | null;
}

const CHOICES: readonly { anchor: Anchor; label: string }[] = [
  { anchor: 'ended-now', label: 'It just ended' },
  { anchor: 'ended', label: 'It ended at…' },
  { anchor: 'started', label: 'It started at…' },
];

export function AlbumWhen({ anchor, onAnchor, at, onAt, timeProblem }: AlbumWhenProps) {
  return (
    <fieldset class="when">
      <legend>When was it played?</legend>
      <div class="choice-row">
        {CHOICES.map((c) => (
          <label key={c.anchor} class="choice">
            <input
              type="radio"
              name="album-anchor"
              checked={anchor === c.anchor}
              onChange={() => onAnchor(c.anchor)}
            />
            {c.label}
          </label>
        ))}
      </div>
      <label class="sr-only" for="album-at">
        {anchor === 'started'
          ? 'Date and time the record started'
          : 'Date and time the record ended'}
      </label>
      <input
        id="album-at"
        type="datetime-local"
        class="when-at"
        hidden={anchor === 'ended-now'}
        value={at}
        aria-invalid={timeProblem ? 'true' : undefined}
        onInput={(e) => onAt(e.currentTarget.value)}
      />
      {timeProblem && anchor !== 'ended-now' ? <p class="problem">{timeProblem}</p> : null}
    </fieldset>
  );
}
