import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../../src/main/sources/players/player-watcher.js';
import { makeTone, startMpv, type Mpv } from '../../support/mpris/mpv.js';
import { startPrivateBus, type PrivateBus } from '../../support/mpris/private-bus.js';
import { brief, watchBus, type WatchHarness } from '../../support/mpris/watch-harness.js';
import { tempDir } from '../../support/temp-dir.js';

// A real player: Debian's mpv with mpv-mpris on a private dbus-daemon, driven with playerctl,
// watched by the real PlayerWatcher over the real D-Bus library. Nothing is mocked. Most
// tests shorten the rule's thresholds (injected) so they take seconds; one runs Last.fm's
// real rule on a 35 s track with a pause in the middle.

type Of<K extends WatchEvent['event']> = Extract<WatchEvent, { event: K }>;
const is =
  <K extends WatchEvent['event']>(kind: K, pred: (e: Of<K>) => boolean = () => true) =>
  (e: WatchEvent): e is Of<K> =>
    e.event === kind && pred(e as Of<K>);

// Quick rule: a track must be longer than 2 s and scrobbles after 3 s of play.
const QUICK = { minLengthMs: 2_000, maxPlayMs: 3_000, settleMs: 500 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let bus: PrivateBus;
let dir: { path: string; cleanup: () => void };
let first: string;
let second: string;
let long: string;
const running: { mpv: Mpv[]; watch: WatchHarness[] } = { mpv: [], watch: [] };

beforeAll(async () => {
  bus = await startPrivateBus();
  dir = tempDir('scrobbletray-mpris-');
  [first, second, long] = await Promise.all([
    makeTone(dir.path, 'first.ogg', {
      artist: 'Test Artist',
      title: 'First Song',
      album: 'Tones',
      seconds: 8,
    }),
    makeTone(dir.path, 'second.ogg', {
      artist: 'Test Artist',
      title: 'Second Song',
      album: 'Tones',
      seconds: 8,
    }),
    makeTone(dir.path, 'long.ogg', {
      artist: 'Slow Artist',
      title: 'Long Song',
      album: 'Tones',
      seconds: 35,
    }),
  ]);
});

afterEach(async () => {
  await Promise.all(running.watch.splice(0).map((w) => w.stop()));
  await Promise.all(running.mpv.splice(0).map((m) => m.stop()));
});

afterAll(async () => {
  await bus?.stop();
  dir?.cleanup();
});

async function watch(options: Parameters<typeof watchBus>[1] = {}): Promise<WatchHarness> {
  const w = await watchBus(bus.address, { rules: QUICK, ...options });
  running.watch.push(w);
  return w;
}

async function mpv(files: string[], options: Parameters<typeof startMpv>[2] = {}): Promise<Mpv> {
  const m = await startMpv(bus.address, files, options);
  running.mpv.push(m);
  return m;
}

describe('watching mpv over MPRIS', () => {
  it('sees a player appear and leave', async () => {
    const w = await watch();
    const player = await mpv([first], { args: ['--pause'] });
    const seen = await w.waitFor('player-seen', is('player-seen'));
    expect(seen).toMatchObject({ player: 'mpv', watched: true });
    await player.stop();
    const gone = await w.waitFor('player-gone', is('player-gone'));
    expect(gone.playerId).toBe(seen.playerId);
  });

  it('finds a player that was already running when watching started', async () => {
    const player = await mpv([first], { args: ['--pause'] });
    const w = await watch();
    await w.waitFor(
      'player-seen',
      is('player-seen', (e) => e.player === 'mpv'),
    );
    await player.ctl('play');
    await w.waitFor('now playing', is('now-playing'));
  });

  it('reports now playing from the tags, never the file name mpv sends first', async () => {
    const w = await watch();
    const startedBefore = Date.now();
    await mpv([first]);
    const np = await w.waitFor('now playing', is('now-playing'));
    expect(np.track).toMatchObject({ artist: 'Test Artist', track: 'First Song', album: 'Tones' });
    const scrobble = await w.waitFor('scrobble', is('scrobble'));
    // Metadata in pieces made no extra play: one now-playing, no skip, no file name anywhere.
    expect(w.events.filter((e) => e.event === 'now-playing' || e.event === 'skipped')).toHaveLength(
      1,
    );
    expect(JSON.stringify(w.events)).not.toContain('first.ogg');
    expect(scrobble.scrobble).toMatchObject({
      artist: 'Test Artist',
      track: 'First Song',
      album: 'Tones',
    });
    // Timestamped when the play started (whole seconds), not when it qualified.
    expect(scrobble.scrobble.timestamp).toBeGreaterThanOrEqual(Math.floor(startedBefore / 1000));
    expect(scrobble.scrobble.timestamp).toBeLessThanOrEqual(Math.floor(np.startedAt / 1000));
    expect(scrobble.at - np.startedAt).toBeGreaterThanOrEqual(3_000);
  });

  it('does not count paused time', async () => {
    const w = await watch();
    const player = await mpv([first]);
    const np = await w.waitFor('now playing', is('now-playing'));
    await player.ctl('pause');
    await sleep(3_000);
    expect(w.events.some((e) => e.event === 'scrobble')).toBe(false);
    await player.ctl('play');
    const scrobble = await w.waitFor('scrobble', is('scrobble'));
    // 3 s of play needed, plus the 3 s pause that did not count.
    expect(scrobble.at - np.startedAt).toBeGreaterThanOrEqual(5_500);
    expect(scrobble.scrobble.timestamp).toBe(Math.floor(np.startedAt / 1000));
  });

  it('does not count a seek as play time', async () => {
    const w = await watch({ rules: { ...QUICK, maxPlayMs: 4_000 } });
    const player = await mpv([long]);
    const np = await w.waitFor('now playing', is('now-playing'));
    await player.ctl('position', '25'); // 24 s forward at once
    const scrobble = await w.waitFor('scrobble', is('scrobble'));
    expect(scrobble.at - np.startedAt).toBeGreaterThanOrEqual(3_800);
    expect(scrobble.playedMs).toBeLessThan(6_000);
  });

  it('counts a loop restart as a new play, scrobbling each play once', async () => {
    const w = await watch();
    await mpv([first], { args: ['--loop-file=inf'] });
    const scrobbles = await waitForCount(w, 'scrobble', 2, 25_000);
    const [a, b] = scrobbles as Of<'scrobble'>[];
    expect(b!.scrobble.timestamp - a!.scrobble.timestamp).toBeGreaterThanOrEqual(7);
    expect(w.events.filter((e) => e.event === 'now-playing')).toHaveLength(2);
  }, 40_000);

  it('ends a play when the track changes, says why it did not count, and makes no play of the file name mpv sends first', async () => {
    const w = await watch();
    const player = await mpv([first, second]);
    await w.waitFor('now playing', is('now-playing'));
    await player.ctl('next');
    const skipped = await w.waitFor('skip', is('skipped'));
    expect(skipped).toMatchObject({ reason: 'not-played-enough', track: { track: 'First Song' } });
    const next = await w.waitFor(
      'second song',
      is('now-playing', (e) => e.track.track === 'Second Song'),
    );
    expect(next.track.artist).toBe('Test Artist');
    expect(JSON.stringify(w.events)).not.toContain('second.ogg');
  });

  it('ends the play by the rule when the player quits mid-track', async () => {
    const w = await watch({ rules: { ...QUICK, maxPlayMs: 10_000 } });
    const player = await mpv([long]);
    await w.waitFor('now playing', is('now-playing'));
    await sleep(1_000);
    await player.stop();
    const skipped = await w.waitFor('skip', is('skipped'));
    expect(skipped.reason).toBe('not-played-enough');
    expect(skipped.playedMs).toBeGreaterThan(800);
    const order = w.events.map((e) => e.event);
    expect(order.indexOf('skipped')).toBeLessThan(order.indexOf('player-gone'));
  });

  it('scrobbles one track playing on two players once', async () => {
    const w = await watch();
    await mpv([first]);
    await mpv([first], { secondInstance: true });
    await waitForCount(
      w,
      'scrobble or duplicate',
      2,
      15_000,
      (e) => e.event === 'scrobble' || (e.event === 'skipped' && e.reason === 'duplicate'),
    );
    expect(w.events.filter((e) => e.event === 'scrobble')).toHaveLength(1);
    expect(w.events.filter(is('skipped', (e) => e.reason === 'duplicate'))).toHaveLength(1);
  });

  it('follows the per-player setting: a player switched off is seen but not watched', async () => {
    const w = await watch({ settings: { mpv: false } });
    await mpv([first]);
    const seen = await w.waitFor('player-seen', is('player-seen'));
    expect(seen).toMatchObject({ watched: false, reason: 'switched off in settings' });
    await sleep(4_000);
    expect(w.events.map((e) => e.event)).toEqual(['player-seen']);
  });

  it("applies Last.fm's real rule: half of a 35 s track, with the pause not counted", async () => {
    const w = await watchBus(bus.address, {}); // default rules
    running.watch.push(w);
    const player = await mpv([long]);
    const np = await w.waitFor('now playing', is('now-playing'));
    await sleep(6_000);
    await player.ctl('pause');
    await sleep(4_000);
    await player.ctl('play');
    const scrobble = await w.waitFor('scrobble', is('scrobble'), 30_000);
    expect(scrobble.scrobble).toMatchObject({
      artist: 'Slow Artist',
      track: 'Long Song',
      duration: 35,
    });
    expect(scrobble.scrobble.timestamp).toBe(Math.floor(np.startedAt / 1000));
    // 17.5 s of play plus the 4 s pause.
    expect(scrobble.at - np.startedAt).toBeGreaterThanOrEqual(21_000);
    expect(scrobble.playedMs).toBeGreaterThanOrEqual(17_500);
    expect(scrobble.playedMs).toBeLessThan(19_000);
  }, 60_000);
});

async function waitForCount(
  w: WatchHarness,
  what: string,
  count: number,
  timeoutMs: number,
  match: (e: WatchEvent) => boolean = (e) => e.event === what,
): Promise<WatchEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = w.events.filter(match);
    if (found.length >= count) return found;
    if (Date.now() > deadline) {
      throw new Error(
        `${count} × ${what} not seen; events: ${JSON.stringify(w.events.map(brief))}`,
      );
    }
    await sleep(100);
  }
}
