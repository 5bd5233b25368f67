import { useId, useState } from 'preact/hooks';
import type { LinkTrackView } from '../../shared/soundcloud.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';

// A SoundCloud or YouTube link above the track fields: "Fill from link" asks the core to read
// it and puts artist, track, album and length into the form for the user to check and change.
// Nothing is queued here: the form's own Scrobble button does that, after the review.

const FROM: Readonly<Record<LinkTrackView['source'], string>> = {
  'soundcloud-api': 'SoundCloud (your account)',
  'soundcloud-oembed': 'SoundCloud',
  'youtube-oembed': 'YouTube',
};

export function LinkField({ onFill }: { onFill: (link: LinkTrackView) => void }) {
  const { api } = useApp();
  const id = useId();
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const read = async () => {
    if (busy) return;
    if (url.trim() === '') {
      setNote({ ok: false, text: 'Paste a SoundCloud or YouTube link first.' });
      return;
    }
    setBusy(true);
    setNote(null);
    try {
      const link = await api.links.resolve(url.trim());
      onFill(link);
      setNote({
        ok: true,
        text: `Filled from ${FROM[link.source]}. Check the fields, then press Scrobble.`,
      });
    } catch (error) {
      setNote({ ok: false, text: `Could not read that link: ${errorMessage(error)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="field link-field">
      <div class="label-row">
        <label for={id}>Link (SoundCloud or YouTube)</label>
      </div>
      <div class="input-with-button">
        <input
          id={id}
          type="url"
          value={url}
          placeholder="https://soundcloud.com/artist/track"
          onInput={(e) => setUrl(e.currentTarget.value)}
          // Enter here reads the link; it must not submit (queue) the form under review.
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void read();
            }
          }}
          aria-describedby={note ? `${id}-note` : undefined}
          aria-invalid={note && !note.ok ? 'true' : undefined}
          autoComplete="off"
          spellcheck={false}
        />
        <button type="button" onClick={() => void read()} disabled={busy}>
          {busy ? 'Reading…' : 'Fill from link'}
        </button>
      </div>
      <p
        id={`${id}-note`}
        class={note && !note.ok ? 'problem' : 'hint'}
        role="status"
        data-testid="link-note"
      >
        {note?.text ?? ''}
      </p>
    </div>
  );
}
