// At most one web sign-in at a time. Starting another (the user clicked "Sign in" again, or
// picked a different service) cancels the previous one with reason 'replaced', so its port
// closes and its browser tab, if waiting, is told a newer sign-in took over.
import { startLoopback } from './loopback-server.js';
import type { LoopbackOptions, PendingLoopback } from './loopback-server.js';

export interface LoopbackManager {
  /** Start a sign-in loopback, replacing any pending one. */
  start(opts?: LoopbackOptions): Promise<PendingLoopback>;
  /** Cancel the pending sign-in, if any (reason 'cancelled'). */
  cancel(): void;
  /** The sign-in in progress, or null once it has finished and its server has closed. */
  readonly current: PendingLoopback | null;
}

export function createLoopbackManager(defaults: LoopbackOptions = {}): LoopbackManager {
  let current: PendingLoopback | null = null;
  // Bumped by every start() and cancel(): a start() still opening its port when a newer
  // call arrives cancels its own loopback as soon as it exists.
  let generation = 0;
  let supersededAs: 'cancelled' | 'replaced' = 'replaced';

  function dropCurrent(reason: 'cancelled' | 'replaced'): void {
    generation += 1;
    supersededAs = reason;
    current?.cancel(reason);
    current = null;
  }

  return {
    get current() {
      return current;
    },

    async start(opts) {
      dropCurrent('replaced');
      const mine = generation;
      const pending = await startLoopback({ ...defaults, ...opts });
      if (mine !== generation) {
        pending.cancel(supersededAs);
        return pending;
      }
      current = pending;
      void pending.closed.then(() => {
        if (current === pending) current = null;
      });
      return pending;
    },

    cancel() {
      dropCurrent('cancelled');
    },
  };
}
