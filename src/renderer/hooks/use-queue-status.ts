import { useEffect, useState } from 'preact/hooks';
import type { QueueStats, TargetState } from '../../shared/queue-types.js';
import { useApp } from '../app-context.js';

export interface QueueStatus {
  stats: QueueStats | null;
  /** One per service new scrobbles go to. */
  states: TargetState[];
  /** The same states by service id: why a row of that service is not moving. */
  holds: Readonly<Record<string, TargetState>>;
}

/**
 * Queue counts and per-service sending state, refreshed whenever the queue changes or a
 * flush ends. The status bar and every row read these same states, so they agree.
 */
export function useQueueStatus(): QueueStatus {
  const { api, queueVersion, targets } = useApp();
  const [status, setStatus] = useState<QueueStatus>({ stats: null, states: [], holds: {} });
  const targetKey = targets.join(',');
  useEffect(() => {
    let live = true;
    Promise.all([
      api.queue.stats(),
      Promise.all(targetKey.split(',').map((t) => api.queue.targetState(t))),
    ]).then(
      ([stats, states]) =>
        live &&
        setStatus({ stats, states, holds: Object.fromEntries(states.map((s) => [s.target, s])) }),
      () => undefined, // Keep the last known status; the next change event retries.
    );
    return () => {
      live = false;
    };
  }, [api, queueVersion, targetKey]);
  return status;
}
