import { useEffect, useState } from 'preact/hooks';
import type { StoredScrobble } from '../../shared/queue-types.js';
import { useApp } from '../app-context.js';
import { holdSentence } from '../lib/describe.js';
import { describeOutcome, type Outcome } from '../lib/outcome.js';
import { serviceName } from '../lib/service-name.js';

/**
 * Follow scrobbles just queued until the service has answered for all of them: re-read them
 * on every queue change, and every few seconds in case an event was missed.
 */
export function useOutcome(): {
  outcome: Outcome | null;
  follow: (rows: StoredScrobble[]) => void;
} {
  const { api, queueVersion, accounts } = useApp();
  const [ids, setIds] = useState<number[]>([]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [tick, setTick] = useState(0);
  const settled = outcome?.settled ?? true;

  useEffect(() => {
    if (settled) return;
    const timer = setInterval(() => setTick((t) => t + 1), 3000);
    return () => clearInterval(timer);
  }, [settled]);

  useEffect(() => {
    if (ids.length === 0 || settled) return;
    let live = true;
    const read = async () => {
      const rows = (await Promise.all(ids.map((id) => api.queue.get(id)))).filter(
        (r): r is StoredScrobble => r !== null,
      );
      const targets = [...new Set(rows.map((r) => r.target))];
      const states = await Promise.all(targets.map((t) => api.queue.targetState(t)));
      const now = Date.now();
      const holds = Object.fromEntries(
        states.map((s) => [s.target, holdSentence(s, now, serviceName(s.target, accounts))]),
      );
      if (live) setOutcome(describeOutcome(rows, now, holds));
    };
    read().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, ids, queueVersion, tick, settled, accounts]);

  return {
    outcome,
    follow: (rows) => {
      setIds(rows.map((r) => r.id));
      setOutcome(describeOutcome(rows, Date.now()));
    },
  };
}
