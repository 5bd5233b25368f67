// The process measured by watcher.bench.ts: the real PlayerWatcher over the real MPRIS feed
// on the bus in DBUS_SESSION_BUS_ADDRESS, with Last.fm's rule, and nothing else. Every
// sample request it answers with its own CPU time and memory (after a GC, for a stable heap).

import { openDbusPlayerBus } from '../src/main/sources/players/mpris/dbus-player-bus.js';
import { MprisFeed } from '../src/main/sources/players/mpris/mpris-feed.js';
import { PlayerWatcher } from '../src/main/sources/players/player-watcher.js';

const counts: Record<string, number> = {};
let gcCpuUs = 0;
const bus = await openDbusPlayerBus();
const watcher = new PlayerWatcher({
  feed: new MprisFeed({ bus }),
  onEvent: (event) => {
    counts[event.event] = (counts[event.event] ?? 0) + 1;
  },
});
await watcher.start();

process.on('message', (message) => {
  if (message === 'sample') {
    // CPU first, then a GC for a stable heap reading; the GC's own CPU is reported so the
    // bench can leave out what measuring cost.
    const cpu = process.cpuUsage();
    const gcBefore = gcCpuUs; // GCs of earlier samples: those fall inside the bench's window
    (globalThis as { gc?: () => void }).gc?.();
    const afterGc = process.cpuUsage(cpu);
    gcCpuUs += afterGc.user + afterGc.system;
    process.send?.({
      cpu,
      gcCpuUs: gcBefore,
      memory: process.memoryUsage(),
      at: performance.now(),
      counts,
    });
  } else if (message === 'stop') {
    void watcher.stop().then(() => process.exit(0));
  }
});
process.send?.('ready');
