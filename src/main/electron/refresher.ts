// Rebuilding the tray on every core event would redo the work dozens of times during a
// 50-scrobble batch. This runs the rebuild at most once per delay however many events come
// (a steady stream still updates the tray), never two at a time, and once more if something
// changed while one was running.

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Refresher {
  /** Ask for a run soon; many asks in a row give one run. */
  schedule(): void;
  /** No more runs (a running one finishes). */
  stop(): void;
}

export function createRefresher(
  run: () => Promise<void>,
  delayMs: number,
  onError: (error: unknown) => void,
  timers: Timers = globalThis as unknown as Timers,
): Refresher {
  let timer: unknown = null;
  let running = false;
  let again = false;
  let stopped = false;

  const fire = () => {
    timer = null;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    run()
      .catch(onError)
      .finally(() => {
        running = false;
        if (again && !stopped) {
          again = false;
          schedule();
        }
      });
  };

  const schedule = () => {
    if (stopped || timer !== null) return;
    timer = timers.setTimeout(fire, delayMs);
  };

  return {
    schedule,
    stop: () => {
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
