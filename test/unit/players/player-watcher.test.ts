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

describe('PlayerWatcher, choices changed while players run', () => {
  const song = { ...emptyTrack(), artist: 'Low', title: 'Words', lengthMs: 200_000 };

  it('a player switched off stops being followed; offered again when switched on', async () => {
    const settings: Record<string, boolean> = {};
    const { feed, events, watcher } = await watching(settings);
    // The scripted feed re-offers its players the way the MPRIS feed's rescan does.
    const present = [{ id: ':1.7', name: 'vlc' }];
    (feed as PlayerFeed).rescan = () => present.forEach((p) => feed.sink!.appeared(p));
    expect(feed.sink!.appeared(present[0]!)).toBe(true);
    feed.sink!.input(':1.7', { type: 'track', at, track: song });
    feed.sink!.input(':1.7', { type: 'status', at, status: 'playing' });
    expect(watcher.progress(':1.7', at + 10_000)).toMatchObject({
      track: { artist: 'Low', track: 'Words' },
      playedMs: 10_000,
      neededMs: 100_000,
      counting: true,
      scrobbled: false,
    });

    settings.vlc = false;
    watcher.reconsider();
    expect(events.at(-1)).toMatchObject({
      event: 'player-seen',
      player: 'vlc',
      watched: false,
      reason: 'switched off in settings',
    });
    expect(watcher.progress(':1.7')).toBeNull();
    // Its reports are ignored now: no play, no event.
    const count = events.length;
    feed.sink!.input(':1.7', { type: 'status', at, status: 'paused' });
    expect(events).toHaveLength(count);
    // Offered again while still off: nothing new to say.
    watcher.reconsider();
    expect(events).toHaveLength(count);

    settings.vlc = true;
    watcher.reconsider();
    expect(events.at(-1)).toMatchObject({ event: 'player-seen', watched: true });
    // Offered again while on: the play in progress is kept, not restarted.
    feed.sink!.input(':1.7', { type: 'track', at, track: song });
    feed.sink!.input(':1.7', { type: 'status', at, status: 'playing' });
    watcher.reconsider();
    expect(watcher.progress(':1.7', at + 5_000)).toMatchObject({ playedMs: 5_000 });
    await watcher.stop();
  });

  it('says when an unwatched player leaves, so the players list knows', async () => {
    const { feed, events, watcher } = await watching({});
    expect(feed.sink!.appeared({ id: ':1.8', name: 'firefox' })).toBe(false);
    feed.sink!.vanished(':1.8', at);
    expect(events.map((e) => e.event)).toEqual(['player-seen', 'player-gone']);
    await watcher.stop();
  });
});
