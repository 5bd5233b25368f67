import { useState } from 'preact/hooks';
import type { StoredScrobble } from '../../shared/queue-types.js';
import type { FieldProblem } from '../../shared/validation.js';
import { errorMessage, errorProblems } from '../api.js';
import { useApp } from '../app-context.js';
import { AlbumPreview } from '../components/album-preview.js';
import { AlbumWhen } from '../components/album-when.js';
import { ComboField } from '../components/combo-field.js';
import { useAlbumPlan, type Anchor } from '../hooks/use-album-plan.js';
import { useNow } from '../hooks/use-now.js';
import { useCatalogueMatches, useSuggestions } from '../hooks/use-suggestions.js';
import { plural } from '../lib/describe.js';
import { toDateTimeLocal } from '../lib/local-time.js';
import { problemsByItem } from '../lib/scrobble-form.js';
import { mergeSuggestions, type SuggestionOption } from '../lib/suggestion-list.js';
import { tracklistText } from '../lib/tracklist.js';

// A whole record at once: look the album up by artist and title (the service's tracklist with
// lengths) or paste the tracklist, say when the record ended (or started), check the preview
// with each track's start time and problems, then queue them all in one call.
// The plan and its checks are useAlbumPlan; the "when" choice and the preview are components.

const EXAMPLE =
  '1. Come Together 4:20\n2. Something (3:03)\nThe Beatles - Maxwell’s Silver Hammer 3:27';

export function AlbumForm({ onQueued }: { onQueued: (rows: StoredScrobble[]) => void }) {
  const { api, notify } = useApp();
  const now = useNow(30_000);
  const [albumArtist, setAlbumArtist] = useState('');
  const [album, setAlbum] = useState('');
  const [text, setText] = useState('');
  const [anchor, setAnchor] = useState<Anchor>('ended-now');
  const [at, setAt] = useState(() => toDateTimeLocal(Date.now()));
  const [coreProblems, setCoreProblems] = useState<Map<number, FieldProblem[]> | null>(null);
  const [sending, setSending] = useState(false);
  const [lookup, setLookup] = useState<{ busy: boolean; message: string; tone: 'ok' | 'bad' }>({
    busy: false,
    message: '',
    tone: 'ok',
  });
  const localArtists = useSuggestions('albumArtist', albumArtist);
  const localAlbums = useSuggestions('album', album, albumArtist.trim() || undefined);
  const foundArtists = useCatalogueMatches('artist', albumArtist);
  const foundAlbums = useCatalogueMatches('album', album);
  const artistOptions = mergeSuggestions(
    'albumArtist',
    albumArtist,
    localArtists,
    foundArtists.matches,
  );
  const albumOptions = mergeSuggestions('album', album, localAlbums, foundAlbums.matches);
  const pickAlbum = (option: SuggestionOption) => {
    setAlbum(option.value);
    if (option.artist) setAlbumArtist(option.artist);
  };
  const canLookUp = albumArtist.trim() !== '' && album.trim() !== '' && !lookup.busy;

  const lookUp = async () => {
    if (!canLookUp) return;
    setLookup({ busy: true, message: 'Looking it up…', tone: 'ok' });
    try {
      const found = await api.catalogue.album({ artist: albumArtist, album });
      setAlbumArtist(found.artist);
      setAlbum(found.album);
      setText(tracklistText(found.artist, found.tracks));
      setCoreProblems(null);
      const unknown = found.tracks.filter((t) => t.duration === null).length;
      setLookup({
        busy: false,
        tone: 'ok',
        message: `${plural(found.tracks.length, 'track')} from ${found.serviceName}.${
          unknown ? ` ${plural(unknown, 'track has', 'tracks have')} no length there.` : ''
        } Check them below, then queue.`,
      });
    } catch (error) {
      setLookup({ busy: false, tone: 'bad', message: errorMessage(error) });
    }
  };
  const checkAt = useAlbumPlan({ text, album, albumArtist, anchor, at });

  const checked = checkAt(now);
  const problems = coreProblems ?? checked.problems;
  const bad = problems.size;
  const count = checked.plan.length;

  const submit = async (e: Event) => {
    e.preventDefault();
    const fresh = checkAt(Date.now());
    if (fresh.plan.length === 0 || fresh.problems.size > 0 || fresh.timeProblem) return;
    setSending(true);
    try {
      const rows = await api.queue.enqueue({
        items: fresh.plan.map((t) => t.input),
        source: 'album',
      });
      onQueued(rows);
      setText('');
      setCoreProblems(null);
    } catch (error) {
      const fromCore = errorProblems(error);
      if (fromCore.length) setCoreProblems(problemsByItem(fromCore));
      else notify(`Could not queue the album: ${errorMessage(error)}`, 'error');
    } finally {
      setSending(false);
    }
  };

  return (
    <form class="stack album-form" onSubmit={submit} noValidate aria-label="Scrobble an album">
      <div class="field-grid">
        <ComboField
          label="Album artist"
          value={albumArtist}
          onInput={setAlbumArtist}
          onPick={(o) => setAlbumArtist(o.value)}
          options={artistOptions}
          catalogueName={foundArtists.serviceName ?? undefined}
          hint="Also the artist of lines that name none."
          autofocus
        />
        <ComboField
          label="Album"
          value={album}
          onInput={setAlbum}
          onPick={pickAlbum}
          options={albumOptions}
          catalogueName={foundAlbums.serviceName ?? undefined}
        />
      </div>
      <div class="button-row lookup-row">
        <button type="button" onClick={lookUp} disabled={!canLookUp}>
          Look up tracks
        </button>
        <p
          class={`lookup-status ${lookup.tone === 'bad' ? 'problem' : 'muted'}`}
          role="status"
          data-testid="album-lookup-status"
        >
          {lookup.message}
        </p>
      </div>
      <div class="field">
        <label for="album-tracklist">Tracklist</label>
        <textarea
          id="album-tracklist"
          rows={8}
          value={text}
          placeholder={EXAMPLE}
          aria-describedby="album-tracklist-hint"
          spellcheck={false}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setCoreProblems(null);
          }}
        />
        <p id="album-tracklist-hint" class="hint">
          One track per line: “Artist - Title” or “Title”, with the length (3:45) at the end if you
          know it. Track numbers at the start are fine, and so is a copy of the tracklist from
          Wikipedia, Discogs, Bandcamp, Spotify or Apple Music.
        </p>
      </div>
      <AlbumWhen
        anchor={anchor}
        onAnchor={setAnchor}
        at={at}
        onAt={setAt}
        timeProblem={checked.timeProblem}
      />
      <AlbumPreview plan={checked.plan} problems={problems} />

      <div class="button-row end">
        {bad ? (
          <span class="problem" role="status">
            Fix {plural(bad, 'track')} first.
          </span>
        ) : null}
        <button type="submit" class="primary" disabled={sending || count === 0}>
          {count === 0 ? 'Queue scrobbles' : `Queue ${plural(count, 'scrobble')}`}
        </button>
      </div>
    </form>
  );
}
