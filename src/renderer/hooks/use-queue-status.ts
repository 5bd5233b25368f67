import { useEffect, useState } from 'preact/hooks';
import type { QueueStats, TargetState } from '../../shared/queue-types.js';
import { useApp } from '../app-context.js';

export interface QueueStatus {
  stats: QueueStats | null;
  /** One per service new scrobbles go to. */
  states: TargetState[];
}

/** Queue counts and per-service sending state, refreshed whenever the queue changes. */
export function useQueueStatus(): QueueStatus {
  const { api, queueVersion, targets } = useApp();
  const [status, setStatus] = useState<QueueStatus>({ stats: null, states: [] });
  const targetKey = targets.join(',');
  useEffect(() => {
    let live = true;
    Promise.all([
      api.queue.stats(),
      Promise.all(targetKey.split(',').map((t) => api.queue.targetState(t))),
    ]).then(
      ([stats, states]) => live && setStatus({ stats, states }),
      () => undefined, // Keep the last known status; the next change event retries.
    );
    return () => {
      live = false;
    };
  }, [api, queueVersion, targetKey]);
  return status;
}
