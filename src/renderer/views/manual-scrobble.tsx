import { useState } from 'preact/hooks';
import { useOutcome } from '../hooks/use-outcome.js';
import { AlbumForm } from './album-form.js';
import { SingleTrackForm } from './single-track-form.js';

// The manual scrobble panel: one track or a whole album, and a status line that follows what
// was just queued until the service has answered ("Queued — sending…", then the outcome).

type Mode = 'track' | 'album';

export function ManualScrobble() {
  const [mode, setMode] = useState<Mode>('track');
  const { outcome, follow } = useOutcome();
  return (
    <div class="manual">
      <div class="segmented" role="group" aria-label="What to scrobble">
        <button type="button" aria-pressed={mode === 'track'} onClick={() => setMode('track')}>
          One track
        </button>
        <button type="button" aria-pressed={mode === 'album'} onClick={() => setMode('album')}>
          Album
        </button>
      </div>
      {mode === 'track' ? <SingleTrackForm onQueued={follow} /> : <AlbumForm onQueued={follow} />}
      <p
        class={`outcome ${outcome ? `tone-${outcome.tone}` : ''}`}
        role="status"
        aria-live="polite"
        data-testid="manual-outcome"
      >
        {outcome?.text ?? ''}
      </p>
    </div>
  );
}
