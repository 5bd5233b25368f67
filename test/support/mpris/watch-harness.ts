// Runs the real PlayerWatcher over the real MPRIS feed on a private bus and records its
// events, with a helper to wait for the one a test expects.

import { openDbusPlayerBus } from '../../../src/main/sources/players/mpris/dbus-player-bus.js';
import { MprisFeed } from '../../../src/main/sources/players/mpris/mpris-feed.js';
import type { PlayRules } from '../../../src/main/sources/players/play-rule.js';
import {
  PlayerWatcher,
  type WatchEvent,
} from '../../../src/main/sources/players/player-watcher.js';

export interface WatchHarness {
  events: WatchEvent[];
  /** Resolves with the first event (already seen or to come) that matches. */
  waitFor<E extends WatchEvent>(
    what: string,
    match: (event: WatchEvent) => event is E,
    timeoutMs?: number,
  ): Promise<E>;
  waitFor(
    what: string,
    match: (event: WatchEvent) => boolean,
    timeoutMs?: number,
  ): Promise<WatchEvent>;
  stop(): Promise<void>;
}

export async function watchBus(
  busAddress: string,
  options: { rules?: Partial<PlayRules>; pollMs?: number; settings?: Record<string, boolean> } = {},
): Promise<WatchHarness> {
  const events: WatchEvent[] = [];
  const waiters = new Set<() => void>();
  const bus = await openDbusPlayerBus({ busAddress });
  const watcher = new PlayerWatcher({
    feed: new MprisFeed({ bus, pollMs: options.pollMs ?? 500 }),
    rules: options.rules,
    playerSettings: () => options.settings ?? {},
    onEvent: (event) => {
      events.push(event);
      for (const wake of waiters) wake();
    },
  });
  await watcher.start();
  const waitFor = (what: string, match: (event: WatchEvent) => boolean, timeoutMs = 15_000) =>
    new Promise<WatchEvent>((resolve, reject) => {
      const check = () => {
        const found = events.find(match);
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(
            `no ${what} within ${timeoutMs} ms; events: ${JSON.stringify(events.map(brief))}`,
          ),
        );
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { events, waitFor: waitFor as WatchHarness['waitFor'], stop: () => watcher.stop() };
}

/** An event in a few words, for failure messages. */
export function brief(event: WatchEvent): string {
  switch (event.event) {
    case 'now-playing':
      return `now-playing ${event.track.artist} - ${event.track.track}`;
    case 'scrobble':
      return `scrobble ${event.scrobble.artist} - ${event.scrobble.track}`;
    case 'skipped':
      return `skipped ${event.track?.track ?? '?'} (${event.reason})`;
    case 'problem':
      return `problem ${event.message}`;
    default:
      return `${event.event} ${event.player}`;
  }
}
