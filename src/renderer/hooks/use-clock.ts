import { useEffect, useState } from 'preact/hooks';

/**
 * The clock for statuses that count down ("next try in 38 s"): ticks every few seconds and
 * once more right after `wakeAt` (a pause ending), so a wait that is over disappears at once
 * instead of at the next tick. The status bar and the rows use it alike, so they agree.
 */
export function useClock(wakeAt: readonly (number | null)[] = [], intervalMs = 5_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  const next = Math.min(...wakeAt.filter((t): t is number => t !== null && t > Date.now()));
  useEffect(() => {
    if (!Number.isFinite(next)) return;
    const timer = setTimeout(() => setNow(Date.now()), next - Date.now() + 50);
    return () => clearTimeout(timer);
  }, [next]);
  // A render for another reason (new statuses) reads the time as it is, not as it was.
  return Math.max(now, Date.now());
}
