// Timers are a hand-driven stand-in: the test decides when "later" is, so it asserts what
// runs, never how long anything took.
import { describe, expect, it } from 'vitest';
import { createRefresher, type Timers } from '../../../src/main/electron/refresher.js';

function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn) => {
      pending.set(next, fn);
      return next++;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  const fire = () => {
    const due = [...pending.values()];
    pending.clear();
    due.forEach((fn) => fn());
  };
  return { timers, fire, pending };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('tray refresher', () => {
  it('runs once for a burst of events', async () => {
    const t = manualTimers();
    let runs = 0;
    const r = createRefresher(
      async () => void runs++,
      250,
      () => undefined,
      t.timers,
    );
    for (let i = 0; i < 50; i++) r.schedule();
    expect(t.pending.size).toBe(1);
    t.fire();
    await settle();
    expect(runs).toBe(1);
  });

  it('never runs twice at once, and runs again for what changed meanwhile', async () => {
    const t = manualTimers();
    let running = 0;
    let most = 0;
    let runs = 0;
    let finish: () => void = () => undefined;
    const r = createRefresher(
      () => {
        runs++;
        running++;
        most = Math.max(most, running);
        return new Promise<void>((resolve) => {
          finish = () => {
            running--;
            resolve();
          };
        });
      },
      250,
      () => undefined,
      t.timers,
    );
    r.schedule();
    t.fire();
    r.schedule();
    t.fire(); // while the first run is still going
    expect(runs).toBe(1);
    finish();
    await settle();
    t.fire();
    expect(runs).toBe(2);
    finish();
    await settle();
    expect(most).toBe(1);
  });

  it('reports a failed run and keeps working', async () => {
    const t = manualTimers();
    const errors: unknown[] = [];
    let fail = true;
    let runs = 0;
    const r = createRefresher(
      async () => {
        runs++;
        if (fail) throw new Error('keychain locked');
      },
      250,
      (e) => errors.push(e),
      t.timers,
    );
    r.schedule();
    t.fire();
    await settle();
    fail = false;
    r.schedule();
    t.fire();
    await settle();
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('does nothing after stop', async () => {
    const t = manualTimers();
    let runs = 0;
    const r = createRefresher(
      async () => void runs++,
      250,
      () => undefined,
      t.timers,
    );
    r.schedule();
    r.stop();
    r.schedule();
    t.fire();
    await settle();
    expect(runs).toBe(0);
    expect(t.pending.size).toBe(0);
  });
});
