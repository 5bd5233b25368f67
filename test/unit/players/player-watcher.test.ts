import { describe, expect, it } from 'vitest';
import type { FeedSink, PlayerFeed } from '../../../src/main/sources/players/player-feed.js';
import {
  PlayerWatcher,
  type WatchEvent,
} from '../../../src/main/sources/players/player-watcher.js';
import { emptyTrack } from '../../../src/main/sources/players/types.js';

// The watcher over a scripted PlayerFeed (our own interface, standing in for a platform; the
// real MPRIS feed is tested with mpv in test/integration/players). The rule's settle delay is
// 0 here so actions come out at the inputs themselves, with no timers involved.

class ScriptedFeed implements PlayerFeed {
  sink: FeedSink | null = null;
  stopped = false;
  async start(sink: FeedSink) {
    this.sink = sink;
  }
  async stop() {
    this.stopped = true;
  }
}

const at = Date.UTC(2026, 11, 5, 10, 0, 0);
const video = {
  ...emptyTrack(),
  title: 'Daft Punk - Get Lucky (Official Audio) ft. Pharrell Williams',
  artist: 'Daft Punk',
  lengthMs: 369_000,
};

async function watching(settings: Record<string, boolean>) {
  const feed = new ScriptedFeed();
  const events: WatchEvent[] = [];
  const watcher = new PlayerWatcher({
    feed,
    rules: { settleMs: 0 },
    playerSettings: () => settings,
    onEvent: (e) => events.push(e),
    now: () => at,
  });
  await watcher.start();
  return { feed, events, watcher };
}

describe('PlayerWatcher', () => {
  it('parses a switched-on browser video title into artist and track', async () => {
    const { feed, events, watcher } = await watching({ firefox: true });
    expect(feed.sink!.appeared({ id: ':1.5', name: 'firefox' })).toBe(true);
    feed.sink!.input(':1.5', { type: 'track', at, track: video });
    feed.sink!.input(':1.5', { type: 'status', at, status: 'playing' });
    expect(events.find((e) => e.event === 'now-playing')).toMatchObject({
      player: 'firefox',
      track: { artist: 'Daft Punk', track: 'Get Lucky (feat. Pharrell Williams)', duration: 369 },
    });
    await watcher.stop();
    expect(feed.stopped).toBe(true);
  });

  it('leaves a browser alone by default, saying why', async () => {
    const { feed, events } = await watching({});
    expect(feed.sink!.appeared({ id: ':1.5', name: 'chromium' })).toBe(false);
    feed.sink!.input(':1.5', { type: 'track', at, track: video });
    feed.sink!.input(':1.5', { type: 'status', at, status: 'playing' });
    expect(events).toEqual([
      {
        event: 'player-seen',
        at,
        player: 'chromium',
        playerId: ':1.5',
        watched: false,
        reason: 'a browser: off by default, switch it on in settings',
      },
    ]);
  });

  it('keeps watching other players when a listener throws', async () => {
    const feed = new ScriptedFeed();
    let calls = 0;
    const watcher = new PlayerWatcher({
      feed,
      rules: { settleMs: 0 },
      onEvent: () => {
        calls += 1;
        throw new Error('listener bug');
      },
      now: () => at,
    });
    await watcher.start();
    feed.sink!.appeared({ id: ':1.1', name: 'mpv' });
    feed.sink!.appeared({ id: ':1.2', name: 'vlc' });
    feed.sink!.vanished(':1.1', at);
    expect(calls).toBe(3);
  });
});
