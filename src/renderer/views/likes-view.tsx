import { useEffect, useState } from 'preact/hooks';
import type { LikedTrack, SoundCloudStatus } from '../../shared/soundcloud.js';
import { errorMessage, errorProblems } from '../api.js';
import { useApp } from '../app-context.js';
import { ProblemAlert } from '../components/problem-alert.js';
import { useCoreEvent } from '../hooks/use-core-event.js';
import { formatDuration } from '../lib/duration.js';
import { likedScrobbles } from '../lib/liked-scrobbles.js';

// The connected SoundCloud account's liked tracks, newest first, a page at a time. The user
// picks some and scrobbles only those: nothing is queued that was not ticked. Picked tracks
// are timed as if played one after another, the last one ending now.

export function LikesView() {
  const { api, notify } = useApp();
  const [status, setStatus] = useState<SoundCloudStatus | null>(null);
  const [tracks, setTracks] = useState<LikedTrack[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const loadPage = async (cursor: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api.soundcloud.likes(cursor ?? undefined);
      setTracks((before) => {
        // A track liked while paging can shift a page: show each track once.
        const seen = new Set(before.map((t) => t.id));
        return [...(cursor === null ? [] : before), ...page.tracks.filter((t) => !seen.has(t.id))];
      });
      setNext(page.next);
      setLoaded(true);
    } catch (e) {
      setError(`Could not read your SoundCloud likes: ${errorMessage(e)}`);
    } finally {
      setLoading(false);
    }
  };

  const start = () => {
    setTracks([]);
    setNext(null);
    setLoaded(false);
    setPicked(new Set());
    api.soundcloud.status().then(
      (s) => {
        setStatus(s);
        if (s.connected) void loadPage(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  };
  useEffect(start, [api]);
  useCoreEvent((event) => {
    if (event.type === 'account-changed' && event.target === 'soundcloud') start();
  });

  const toggle = (id: string) =>
    setPicked((before) => {
      const after = new Set(before);
      if (after.has(id)) after.delete(id);
      else after.add(id);
      return after;
    });

  const scrobblePicked = async () => {
    const chosen = tracks.filter((t) => picked.has(t.id));
    if (chosen.length === 0 || sending) return;
    setSending(true);
    setError(null);
    try {
      const items = likedScrobbles(chosen, Math.floor(Date.now() / 1000));
      await api.queue.enqueue({ items, source: 'manual' });
      const n = chosen.length;
      notify(`Queued ${n} liked track${n === 1 ? '' : 's'}.`, 'success');
      setPicked(new Set());
    } catch (e) {
      const problems = errorProblems(e).map((p) => p.message);
      setError(`Nothing was queued: ${problems.length ? problems.join(' ') : errorMessage(e)}`);
    } finally {
      setSending(false);
    }
  };

  const count = picked.size;
  return (
    <section class="view likes-view" aria-labelledby="likes-title">
      <div class="view-head">
        <h1 id="likes-title">SoundCloud likes</h1>
      </div>
      {status === null ? <p class="muted">Loading…</p> : null}
      {status !== null && !status.connected ? (
        <p class="empty" data-testid="likes-not-connected">
          Connect your SoundCloud account in the Account view to see your liked tracks here.
        </p>
      ) : null}
      {status?.connected ? (
        <>
          <p class="muted">
            Liked by <strong>{status.user}</strong>, newest first. Tick the ones you listened to and
            scrobble them: they are timed as played one after another, the last ending now.
          </p>
          <div class="button-row">
            <button
              type="button"
              class="primary"
              disabled={count === 0 || sending}
              onClick={() => void scrobblePicked()}
            >
              {count === 0
                ? 'Scrobble picked tracks'
                : `Scrobble ${count} picked track${count === 1 ? '' : 's'}`}
            </button>
            {count > 0 ? (
              <button type="button" onClick={() => setPicked(new Set())}>
                Clear picks
              </button>
            ) : null}
          </div>
          {loaded && tracks.length === 0 ? (
            <p class="empty">No liked tracks on this account.</p>
          ) : null}
          <ul class="likes-list" aria-label="Liked tracks" data-testid="likes-list">
            {tracks.map((t) => (
              <li key={t.id}>
                <label>
                  <input type="checkbox" checked={picked.has(t.id)} onChange={() => toggle(t.id)} />
                  <span class="like-main">
                    <span class="like-artist">{t.artist}</span> –{' '}
                    <span class="like-track">{t.track}</span>
                    {t.album ? <span class="muted"> · {t.album}</span> : null}
                  </span>
                  <span class="muted like-length">
                    {t.duration !== undefined ? formatDuration(t.duration) : ''}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <div class="button-row center">
            {next !== null ? (
              <button type="button" disabled={loading} onClick={() => void loadPage(next)}>
                {loading ? 'Loading…' : 'Show more likes'}
              </button>
            ) : loaded && tracks.length > 0 ? (
              <p class="muted" data-testid="likes-end">
                That is all {tracks.length} liked tracks.
              </p>
            ) : loading ? (
              <p class="muted">Loading…</p>
            ) : null}
          </div>
        </>
      ) : null}
      <ProblemAlert message={error} />
    </section>
  );
}
