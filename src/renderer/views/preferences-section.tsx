import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Preferences, PreferencesView } from '../../shared/preferences.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';
import { useCoreEvent } from '../hooks/use-core-event.js';
import { ProblemAlert } from '../components/problem-alert.js';
import { PlayersList } from './players-list.js';

// The user's preferences, below the services in the Account view. Each checkbox saves as it
// changes; the tray's own Start-at-login checkbox changes the same setting, and its event
// brings this view up to date.

export function PreferencesSection() {
  const { api } = useApp();
  const [prefs, setPrefs] = useState<PreferencesView | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api.preferences.get().then(
      (p) => setPrefs(p),
      (e: unknown) => setError(`Could not read the preferences: ${errorMessage(e)}`),
    );
  }, [api]);
  useEffect(load, [load]);
  useCoreEvent((event) => {
    if (event.type === 'preferences-changed') load();
  });

  const save = async (patch: Partial<Preferences>) => {
    if (!prefs) return;
    const before = prefs;
    // Show the change at once: a controlled checkbox re-rendered with the old value while the
    // save is under way would flip back under the user's click.
    setPrefs({ ...prefs, ...patch });
    setError(null);
    setSaving(true);
    try {
      const saved = await api.preferences.set(patch);
      setPrefs({ ...saved, canStartAtLogin: before.canStartAtLogin });
    } catch (e) {
      // The checkbox goes back to what is stored: nothing changed.
      setPrefs(before);
      setError(`Could not save: ${errorMessage(e)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section class="card preferences" aria-labelledby="preferences-title">
      <h2 id="preferences-title">Preferences</h2>
      {prefs === null && error === null ? <p class="muted">Loading…</p> : null}
      {prefs ? (
        <div class="stack">
          <label class="choice">
            <input
              type="checkbox"
              checked={prefs.notifications}
              disabled={saving}
              onChange={(e) => void save({ notifications: e.currentTarget.checked })}
            />
            Show notifications (sign-in needed, a scrobble failed for good, daily limit reached)
          </label>
          {prefs.canStartAtLogin ? (
            <label class="choice">
              <input
                type="checkbox"
                checked={prefs.startAtLogin}
                disabled={saving}
                onChange={(e) => void save({ startAtLogin: e.currentTarget.checked })}
              />
              Start Scrobbletray when I log in
            </label>
          ) : null}
          <label class="choice">
            <input
              type="checkbox"
              checked={prefs.watchPlayers}
              disabled={saving}
              onChange={(e) => void save({ watchPlayers: e.currentTarget.checked })}
            />
            Scrobble what my media players play (mpv, VLC, Spotify…)
          </label>
          {prefs.watchPlayers ? <PlayersList /> : null}
        </div>
      ) : null}
      <p class="muted">
        Scrobbling on/off: use Pause and Resume at the bottom of the window or in the tray menu.
      </p>
      <ProblemAlert message={error} />
    </section>
  );
}
