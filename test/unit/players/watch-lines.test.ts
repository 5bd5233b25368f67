import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../../src/main/sources/players/player-watcher.js';
import { watchEventJson, watchEventLine } from '../../../src/main/sources/players/watch-lines.js';

const at = Date.UTC(2026, 11, 5, 10, 0, 0);
const track = { artist: 'Test Artist', track: 'First Song', album: 'Tones', duration: 200 };
const base = { at, player: 'mpv', playerId: ':1.7' };

const events: WatchEvent[] = [
  { event: 'player-seen', ...base, watched: true, reason: 'on by default' },
  {
    event: 'player-seen',
    ...base,
    player: 'firefox',
    watched: false,
    reason: 'a browser: off by default, switch it on in settings',
  },
  { event: 'now-playing', ...base, track, startedAt: at - 1000 },
  {
    event: 'scrobble',
    ...base,
    scrobble: { ...track, timestamp: (at - 100_000) / 1000 },
    playedMs: 100_000,
  },
  {
    event: 'skipped',
    ...base,
    track,
    reason: 'not-played-enough',
    detail: 'played 20 s of the 100 s needed',
    playedMs: 20_000,
  },
  { event: 'player-gone', ...base },
  { event: 'problem', at, message: 'The connection to the session bus closed' },
];

describe('watch output', () => {
  it('prints one line per event for people', () => {
    expect(events.map(watchEventLine)).toEqual([
      'player mpv seen: watching (on by default)',
      'player firefox seen: not watched (a browser: off by default, switch it on in settings)',
      'now playing on mpv: Test Artist – First Song [Tones] (3:20)',
      'scrobbled from mpv: Test Artist – First Song [Tones] (3:20), started 2026-12-05T09:58:20.000Z, played 1:40',
      'skipped on mpv: Test Artist – First Song [Tones] (3:20): played 20 s of the 100 s needed',
      'player mpv gone',
      'problem: The connection to the session bus closed',
    ]);
  });

  it('gives every JSON line an "event", with the contract names', () => {
    const json = events.map((e) => watchEventJson(e));
    expect(json.map((j) => j.event)).toEqual([
      'player-seen',
      'player-seen',
      'now-playing',
      'scrobbled',
      'skipped',
      'player-gone',
      'problem',
    ]);
    expect(json[3]).toEqual({
      event: 'scrobbled',
      at: '2026-12-05T10:00:00.000Z',
      player: 'mpv',
      scrobble: { ...track, timestamp: (at - 100_000) / 1000 },
      playedSeconds: 100,
    });
    expect(watchEventJson(events[3]!, { ids: [12] })).toMatchObject({ queued: { ids: [12] } });
    for (const j of json) expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });
});
