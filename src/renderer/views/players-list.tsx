import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PlayerSummary } from '../../shared/players.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';
import { useCoreEvent } from '../hooks/use-core-event.js';
import { ProblemAlert } from '../components/problem-alert.js';

// The media players the app has seen, each with a switch: scrobble its plays or not. A change
// applies at once to a player that is running. Browsers start off: they play videos, ads and
// previews that were never meant as listening.

export function PlayersList() {
  const { api } = useApp();
  const [players, setPlayers] = useState<PlayerSummary[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api.players.list().then(
      (list) => setPlayers(list),
      (e: unknown) => setError(`Could not read the players: ${errorMessage(e)}`),
    );
  }, [api]);
  useEffect(load, [load]);
  useCoreEvent((event) => {
    if (event.type === 'players-changed') load();
  });

  const toggle = async (player: PlayerSummary, on: boolean) => {
    // Show the change at once; put it back if the core refuses.
    setPlayers((list) => list?.map((p) => (p.name === player.name ? { ...p, on } : p)) ?? null);
    setBusy(player.name);
    setError(null);
    try {
      const saved = await api.players.set(player.name, on);
      setPlayers((list) => list?.map((p) => (p.name === saved.name ? saved : p)) ?? null);
    } catch (e) {
      setPlayers((list) => list?.map((p) => (p.name === player.name ? player : p)) ?? null);
      setError(`Could not change ${player.name}: ${errorMessage(e)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="players-list" role="group" aria-labelledby="players-title">
      <h3 id="players-title">Media players</h3>
      {players === null && error === null ? <p class="muted">Loading…</p> : null}
      {players && players.length === 0 ? (
        <p class="muted">
          No players seen yet. Play something in a media player and it shows up here.
        </p>
      ) : null}
      {players && players.length > 0 ? (
        <ul class="players">
          {players.map((p) => (
            <li key={p.name} data-testid={`player-${p.name}`}>
              <label class="choice">
                <input
                  type="checkbox"
                  role="switch"
                  checked={p.on}
                  disabled={busy === p.name}
                  onChange={(e) => void toggle(p, e.currentTarget.checked)}
                  aria-describedby={`player-${p.name}-note`}
                />
                {p.identity && p.identity !== p.name ? `${p.identity} (${p.name})` : p.name}
              </label>
              <span class="muted player-note" id={`player-${p.name}-note`}>
                {note(p)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <ProblemAlert message={error} />
    </div>
  );
}

function note(p: PlayerSummary): string {
  const parts = [p.present ? 'running now' : 'not running'];
  if (!p.onByDefault && !p.chosen) parts.push('a browser: off unless you switch it on');
  else if (p.chosen && p.on !== p.onByDefault) parts.push(p.on ? 'switched on' : 'switched off');
  return parts.join(' · ');
}
