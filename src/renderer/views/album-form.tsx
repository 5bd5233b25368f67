import { Fragment } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { StoredScrobble } from '../../shared/queue-types.js';
import { validateScrobble, type FieldProblem } from '../../shared/validation.js';
import { errorMessage, errorProblems } from '../api.js';
import { useApp } from '../app-context.js';
import { Field } from '../components/field.js';
import { useNow } from '../hooks/use-now.js';
import { useSuggestions } from '../hooks/use-suggestions.js';
import { DEFAULT_TRACK_SECONDS, planAlbum, type PlannedTrack } from '../lib/album-plan.js';
import { plural } from '../lib/describe.js';
import { formatDuration } from '../lib/duration.js';
import { formatClock, formatPlayed } from '../lib/format.js';
import { fromDateTimeLocal, toDateTimeLocal } from '../lib/local-time.js';
import { problemsByItem, rulesFor } from '../lib/scrobble-form.js';
import { parseTracklist } from '../lib/tracklist.js';

// A whole record at once: paste the tracklist, say when the record ended (or started), check
// the preview with each track's start time and problems, then queue them all in one call.

type Anchor = 'ended-now' | 'ended' | 'started';

const EXAMPLE =
  '1. Come Together 4:20\n2. Something (3:03)\nThe Beatles - Maxwell’s Silver Hammer 3:27';

interface Checked {
  plan: PlannedTrack[];
  problems: Map<number, FieldProblem[]>;
  timeProblem: string | null;
}

export function AlbumForm({ onQueued }: { onQueued: (rows: StoredScrobble[]) => void }) {
  const { api, targets, notify } = useApp();
  const now = useNow(30_000);
  const [albumArtist, setAlbumArtist] = useState('');
  const [album, setAlbum] = useState('');
  const [text, setText] = useState('');
  const [anchor, setAnchor] = useState<Anchor>('ended-now');
  const [at, setAt] = useState(() => toDateTimeLocal(Date.now()));
  const [coreProblems, setCoreProblems] = useState<Map<number, FieldProblem[]> | null>(null);
  const [sending, setSending] = useState(false);
  const artistSuggestions = useSuggestions('albumArtist', albumArtist);
  const albumSuggestions = useSuggestions('album', album, albumArtist.trim() || undefined);
  const lines = useMemo(() => parseTracklist(text), [text]);

  const checkAt = (nowMs: number): Checked => {
    const atMs = anchor === 'ended-now' ? nowMs : fromDateTimeLocal(at);
    const timeProblem = atMs === null ? 'Pick the date and time.' : null;
    const plan = planAlbum(
      lines,
      { album, albumArtist },
      {
        anchor: anchor === 'started' ? 'started' : 'ended',
        at: Math.floor((atMs ?? nowMs) / 1000),
      },
    );
    const rules = rulesFor(targets, nowMs);
    const problems = new Map<number, FieldProblem[]>();
    plan.forEach((track, i) => {
      const result = validateScrobble(track.input, rules);
      if (!result.ok)
        problems.set(
          i,
          result.problems.map((p) => explain(p, track, albumArtist)),
        );
    });
    return { plan, problems, timeProblem };
  };

  const checked = checkAt(now);
  const problems = coreProblems ?? checked.problems;
  const assumed = checked.plan.filter((t) => t.assumed).length;
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

  const first = checked.plan[0];
  const last = checked.plan[checked.plan.length - 1];
  return (
    <form class="stack album-form" onSubmit={submit} noValidate aria-label="Scrobble an album">
      <div class="field-grid">
        <Field
          label="Album artist"
          value={albumArtist}
          onInput={setAlbumArtist}
          suggestions={artistSuggestions}
          hint="Also the artist of lines that name none."
          autofocus
        />
        <Field label="Album" value={album} onInput={setAlbum} suggestions={albumSuggestions} />
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
          know it. Track numbers at the start are fine.
        </p>
      </div>
      <fieldset class="when">
        <legend>When was it played?</legend>
        <div class="choice-row">
          <label class="choice">
            <input
              type="radio"
              name="album-anchor"
              checked={anchor === 'ended-now'}
              onChange={() => setAnchor('ended-now')}
            />
            It just ended
          </label>
          <label class="choice">
            <input
              type="radio"
              name="album-anchor"
              checked={anchor === 'ended'}
              onChange={() => setAnchor('ended')}
            />
            It ended at…
          </label>
          <label class="choice">
            <input
              type="radio"
              name="album-anchor"
              checked={anchor === 'started'}
              onChange={() => setAnchor('started')}
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
          aria-invalid={checked.timeProblem ? 'true' : undefined}
          onInput={(e) => setAt(e.currentTarget.value)}
        />
        {checked.timeProblem && anchor !== 'ended-now' ? (
          <p class="problem">{checked.timeProblem}</p>
        ) : null}
      </fieldset>

      {count > 0 ? (
        <div class="preview">
          <h3 id="album-preview-title">Preview</h3>
          <p class="muted">
            {plural(count, 'track')}
            {first && last
              ? `, ${formatPlayed(first.start)} to ${formatClock(last.start + last.spacing)}`
              : ''}
            .
            {assumed
              ? ` ${plural(assumed, 'track has', 'tracks have')} no length: ${formatDuration(DEFAULT_TRACK_SECONDS)} is assumed, which moves the times after ${assumed === 1 ? 'it' : 'them'}.`
              : ''}
          </p>
          <div class="table-scroll">
            <table class="preview-table" aria-labelledby="album-preview-title">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Artist</th>
                  <th scope="col">Title</th>
                  <th scope="col">Length</th>
                  <th scope="col">Starts</th>
                </tr>
              </thead>
              <tbody>
                {checked.plan.map((t, i) => {
                  const rowProblems = problems.get(i);
                  return (
                    <Fragment key={i}>
                      <tr class={rowProblems ? 'has-problem' : ''}>
                        <td>{t.trackNumber ?? t.position}</td>
                        <td>{t.artist || <em class="muted">none</em>}</td>
                        <td>{t.title || <em class="muted">none</em>}</td>
                        <td>
                          {t.assumed ? (
                            <em title="Assumed">{formatDuration(t.spacing)}?</em>
                          ) : (
                            formatDuration(t.spacing)
                          )}
                        </td>
                        <td>{formatClock(t.start)}</td>
                      </tr>
                      {rowProblems ? (
                        <tr class="problem-row">
                          <td colSpan={5} class="problem">
                            Line {t.line}: {rowProblems.map((p) => p.message).join(' ')}
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}

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

/** A missing artist in an album usually means the album artist is blank: say so. */
function explain(p: FieldProblem, track: PlannedTrack, albumArtist: string): FieldProblem {
  if (p.field === 'artist' && !track.artist && !albumArtist.trim()) {
    return {
      field: p.field,
      message: 'No artist: write “Artist - Title” or fill in Album artist.',
    };
  }
  return p;
}
