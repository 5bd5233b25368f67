import { useState } from 'preact/hooks';
import type { ProfilePage, ProfilePlay } from '../../shared/catalogue.js';
import { errorMessage, errorProblems } from '../api.js';
import { useApp } from '../app-context.js';
import { Field } from '../components/field.js';
import { useOutcome } from '../hooks/use-outcome.js';
import { plural } from '../lib/describe.js';
import { formatPlayed } from '../lib/format.js';
import {
  playKey,
  profileScrobbles,
  tooOldToKeepTime,
  type ProfileTiming,
} from '../lib/profile-plan.js';
import { rulesFor } from '../lib/scrobble-form.js';

// Scrobble from someone else's profile: type a user name, page through their recent plays,
// tick the ones you listened to too, and scrobble them at the times they were played or now.
// Picks stay picked across pages.

export function ProfileView() {
  const { api, targets } = useApp();
  const { outcome, follow } = useOutcome();
  const [user, setUser] = useState('');
  const [page, setPage] = useState<ProfilePage | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [picked, setPicked] = useState<ReadonlyMap<string, ProfilePlay>>(new Map());
  const [timing, setTiming] = useState<ProfileTiming>('original');
  const [sending, setSending] = useState(false);

  const nowSec = Math.floor(Date.now() / 1000);
  const maxAgeDays = rulesFor(targets, Date.now()).maxAgeDays;
  const blocked = (p: ProfilePlay) =>
    timing === 'original' && tooOldToKeepTime(p, maxAgeDays, nowSec);

  const load = async (name: string, number: number, fresh: boolean) => {
    if (name.trim() === '') {
      setProblem('Type the user name whose plays you want to see.');
      return;
    }
    // Said here in the window's words; the core refuses the same (profile.recent's schema).
    if (/[\s/?#\\]/.test(name.trim())) {
      setProblem('A user name has no spaces or slashes: check what you typed.');
      return;
    }
    setLoading(true);
    setProblem(null);
    try {
      const next = await api.profile.recent({ user: name.trim(), page: number });
      setPage(next);
      if (fresh) setPicked(new Map());
    } catch (error) {
      const fields = errorProblems(error);
      setProblem(fields.length ? fields.map((p) => p.message).join(' ') : errorMessage(error));
      if (fresh) setPage(null);
    } finally {
      setLoading(false);
    }
  };

  const toggle = (p: ProfilePlay) =>
    setPicked((before) => {
      const after = new Map(before);
      const key = playKey(p);
      if (after.has(key)) after.delete(key);
      else after.set(key, p);
      return after;
    });

  const chosen = [...picked.values()].filter((p) => !blocked(p));
  const scrobble = async () => {
    if (chosen.length === 0 || sending) return;
    setSending(true);
    setProblem(null);
    try {
      const items = profileScrobbles(chosen, timing, Math.floor(Date.now() / 1000));
      const rows = await api.queue.enqueue({ items, source: 'manual' });
      follow(rows);
      setPicked(new Map());
    } catch (error) {
      const fields = errorProblems(error).map((p) => p.message);
      setProblem(`Nothing was queued: ${fields.length ? fields.join(' ') : errorMessage(error)}`);
    } finally {
      setSending(false);
    }
  };

  const skipped = picked.size - chosen.length;
  return (
    <section class="view profile-view" aria-labelledby="profile-title">
      <div class="view-head">
        <h1 id="profile-title">From a profile</h1>
      </div>
      <p class="muted">
        Listened along with someone? Show their recent plays, tick the ones you heard too, and
        scrobble them to your own account.
      </p>
      <form
        class="profile-search"
        aria-label="Find a user"
        onSubmit={(e) => {
          e.preventDefault();
          void load(user, 1, true);
        }}
      >
        <Field label="User name" name="profile-user" value={user} onInput={setUser} />
        <button type="submit" class="primary" disabled={loading}>
          {loading ? 'Loading…' : 'Show plays'}
        </button>
      </form>
      {problem ? (
        <p class="problem" role="alert" data-testid="profile-problem">
          {problem}
        </p>
      ) : null}

      {page ? (
        <div class="profile-results">
          <h2 id="profile-plays-title">
            Recent plays of {page.user} on {page.serviceName}
          </h2>
          <fieldset class="when">
            <legend>When to scrobble them</legend>
            <div class="choice-row">
              <label class="choice">
                <input
                  type="radio"
                  name="profile-timing"
                  checked={timing === 'original'}
                  onChange={() => setTiming('original')}
                />
                At the times they were played
              </label>
              <label class="choice">
                <input
                  type="radio"
                  name="profile-timing"
                  checked={timing === 'now'}
                  onChange={() => setTiming('now')}
                />
                Now, one after another
              </label>
            </div>
            {maxAgeDays !== undefined && timing === 'original' ? (
              <p class="hint">
                Plays older than {maxAgeDays} days keep their time only on services without an age
                limit: pick “Now” for those.
              </p>
            ) : null}
          </fieldset>
          <div class="button-row end">
            {skipped > 0 ? (
              <span class="muted">
                {plural(skipped, 'pick is', 'picks are')} too old for their own time.
              </span>
            ) : null}
            <button
              type="button"
              class="primary"
              disabled={chosen.length === 0 || sending}
              onClick={() => void scrobble()}
            >
              {chosen.length === 0
                ? 'Scrobble picked plays'
                : `Scrobble ${plural(chosen.length, 'play')}`}
            </button>
          </div>
          <p
            class={`outcome ${outcome ? `tone-${outcome.tone}` : ''}`}
            role="status"
            aria-live="polite"
            data-testid="profile-outcome"
          >
            {outcome?.text ?? ''}
          </p>
          {page.plays.length === 0 ? (
            <p class="empty">No plays to show.</p>
          ) : (
            <ul
              class="likes-list"
              aria-labelledby="profile-plays-title"
              data-testid="profile-plays"
            >
              {page.plays.map((p) => {
                const old = blocked(p);
                return (
                  <li key={playKey(p)}>
                    <label>
                      <input
                        type="checkbox"
                        checked={picked.has(playKey(p)) && !old}
                        disabled={old}
                        onChange={() => toggle(p)}
                      />
                      <span class="like-main">
                        <span class="like-artist">{p.artist}</span> –{' '}
                        <span class="like-track">{p.track}</span>
                        {p.album ? <span class="muted"> · {p.album}</span> : null}
                      </span>
                      <span class="muted like-length">
                        {formatPlayed(p.timestamp)}
                        {old ? ` · older than ${maxAgeDays ?? 0} days: scrobble it “now”` : ''}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
          <nav class="button-row pager" aria-label="Pages of plays">
            <button
              type="button"
              disabled={loading || page.page <= 1}
              onClick={() => void load(page.user, page.page - 1, false)}
            >
              Newer
            </button>
            <span class="muted">
              Page {page.page} of {page.totalPages}
            </span>
            <button
              type="button"
              disabled={loading || page.page >= page.totalPages}
              onClick={() => void load(page.user, page.page + 1, false)}
            >
              Older
            </button>
          </nav>
        </div>
      ) : null}
    </section>
  );
}
