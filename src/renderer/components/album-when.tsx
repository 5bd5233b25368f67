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

export function AlbumWhen({ anchor, onAnchor, at, onAt, timeProblem }: AlbumWhenProps) {
  return (
    <fieldset class="when">
      <legend>When was it played?</legend>
      <div class="choice-row">
        <label class="choice">
          <input
            type="radio"
            name="album-anchor"
            checked={anchor === 'ended-now'}
            onChange={() => onAnchor('ended-now')}
          />
          It just ended
        </label>
        <label class="choice">
          <input
            type="radio"
            name="album-anchor"
            checked={anchor === 'ended'}
            onChange={() => onAnchor('ended')}
          />
          It ended at…
        </label>
        <label class="choice">
          <input
            type="radio"
            name="album-anchor"
            checked={anchor === 'started'}
            onChange={() => onAnchor('started')}
          />
          It started at…
        </label>
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
