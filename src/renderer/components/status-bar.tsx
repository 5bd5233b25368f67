import { useState } from 'preact/hooks';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';
import { useClock } from '../hooks/use-clock.js';
import type { QueueStatus } from '../hooks/use-queue-status.js';
import { flushSummary, plainWords, targetHold } from '../lib/describe.js';
import { serviceName } from '../lib/service-name.js';

// The bottom line of the window: what is waiting, why it is not moving (paused, sign-in, rate
// limit), the two actions that move it, and a progress bar while a flush runs.

export function StatusBar({ status }: { status: QueueStatus }) {
  const { api, flush, notify, accounts } = useApp();
  // The same clock as the Queue's rows, woken when a wait ends: a pause that is over (or a
  // retry that succeeded, which re-reads the states) leaves the bar at once, without a reload.
  const now = useClock(status.states.map((s) => s.pausedUntil));
  const [busy, setBusy] = useState(false);
  const counts = status.stats?.counts;
  const waiting = counts ? counts.queued + counts.sending : 0;
  const paused = status.states.some((s) => s.userPaused);
  const holds = status.states
    .map((s) => {
      const hold = targetHold(s, now);
      return hold && status.states.length > 1
        ? `${serviceName(s.target, accounts)}: ${hold}`
        : hold;
    })
    .filter((h): h is string => h !== null);

  const sendNow = async () => {
    setBusy(true);
    try {
      const reports = await api.queue.sendNow();
      notify(
        reports.length
          ? reports.map((r) => plainWords(flushSummary(r))).join(' ')
          : 'Nothing is waiting to be sent.',
      );
    } catch (error) {
      notify(`Could not send: ${plainWords(errorMessage(error))}`, 'error');
    } finally {
      setBusy(false);
    }
  };
  const togglePause = async () => {
    try {
      if (paused) {
        await api.queue.resume();
        notify('Sending resumed.');
      } else {
        await api.queue.pause();
        notify('Sending paused. Scrobbles keep queueing and are sent when you resume.');
      }
    } catch (error) {
      notify(errorMessage(error), 'error');
    }
  };

  return (
    <footer class="status-bar" aria-label="Queue status">
      <p class="status-counts" data-testid="status-counts">
        {counts ? (
          <>
            <span>
              <strong>{waiting.toLocaleString()}</strong> queued
            </span>
            <span>
              <strong>{counts.retrying.toLocaleString()}</strong> retrying
            </span>
            <span class={counts.failed ? 'count-bad' : ''}>
              <strong>{counts.failed.toLocaleString()}</strong> failed
            </span>
          </>
        ) : (
          'Loading…'
        )}
      </p>
      {holds.length ? (
        <p class="status-hold" data-testid="status-hold">
          {holds.join(' · ')}
        </p>
      ) : null}
      {flush ? (
        <div class="status-progress">
          <label for="flush-progress">
            Sending {Math.min(flush.done, flush.due).toLocaleString()} of{' '}
            {flush.due.toLocaleString()}
          </label>
          <progress id="flush-progress" max={Math.max(1, flush.due)} value={flush.done} />
        </div>
      ) : null}
      <div class="status-actions">
        <button type="button" onClick={sendNow} disabled={busy || flush !== null}>
          Send now
        </button>
        <button type="button" onClick={togglePause}>
          {paused ? 'Resume' : 'Pause'}
        </button>
      </div>
    </footer>
  );
}
