import { useCallback, useEffect, useState } from 'preact/hooks';
import { playedAt, remainingMs, type CurrentPlay } from '../../shared/players.js';
import { useApp } from '../app-context.js';
import { useCoreEvent } from '../hooks/use-core-event.js';
import { useNow } from '../hooks/use-now.js';
import { formatDuration } from '../lib/duration.js';

// What a desktop player is playing now and how far it is from becoming a scrobble. The core
// says when the play changes (another track, paused, scrobbled: `playing-changed`); between
// those, play time grows with the clock, so the card moves its bar on by itself every second.

export function NowPlayingCard() {
  const { api } = useApp();
  const [play, setPlay] = useState<CurrentPlay | null>(null);
  // The page's clock and the core's may differ: count from when the answer arrived.
  const [receivedAt, setReceivedAt] = useState(0);
  const now = useNow(1_000);

  const load = useCallback(() => {
    api.players.current().then(
      (current) => {
        setPlay(current);
        setReceivedAt(Date.now());
      },
      () => setPlay(null), // no player source (an older core): nothing to show
    );
  }, [api]);
  useEffect(load, [load]);
  useCoreEvent((event) => {
    if (event.type === 'playing-changed' || event.type === 'now-playing') load();
  });

  if (!play) return null;
  const at = play.at + Math.max(0, now - receivedAt);
  const remaining = remainingMs(play, at);
  const played = playedAt(play, at);
  const percent =
    play.neededMs === null || play.neededMs === 0
      ? 0
      : Math.min(100, Math.round((played / play.neededMs) * 100));
  const status = statusText(play, remaining);

  return (
    <section class="card now-playing" aria-labelledby="now-playing-title" data-testid="now-playing">
      <div class="now-playing-head">
        <h2 id="now-playing-title" class="now-playing-label">
          Now playing <span class="muted">on {play.player}</span>
        </h2>
        {!play.counting && !play.scrobbled ? <span class="now-playing-paused">Paused</span> : null}
      </div>
      <p class="now-playing-track">
        <strong>{play.track.track}</strong>
        <span> by {play.track.artist}</span>
        {play.track.album ? <span class="muted"> · {play.track.album}</span> : null}
      </p>
      {play.neededMs !== null ? (
        <div
          class={`now-playing-bar${play.scrobbled ? ' done' : ''}`}
          role="progressbar"
          aria-label="Progress towards a scrobble"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={status}
        >
          <div class="now-playing-fill" style={{ width: `${percent}%` }} />
        </div>
      ) : null}
      <p class="now-playing-status">
        {status}
        {play.neededMs !== null && !play.scrobbled ? (
          <span class="muted">
            {' '}
            · played {formatDuration(Math.floor(played / 1000))} of{' '}
            {formatDuration(play.neededMs / 1000)}
          </span>
        ) : null}
      </p>
    </section>
  );
}

function statusText(play: CurrentPlay, remaining: number | null): string {
  if (play.scrobbled) return 'Scrobbled: it is in the queue';
  if (remaining === null) return `Will not be scrobbled: ${play.reason ?? 'not counted'}`;
  const left = formatDuration(Math.ceil(remaining / 1000));
  return play.counting ? `Scrobbles in ${left}` : `Paused: scrobbles after ${left} more play`;
}
