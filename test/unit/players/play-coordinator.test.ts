import { describe, expect, it } from 'vitest';
import { PlayCoordinator } from '../../../src/main/sources/players/play-coordinator.js';
import type { PlayAction } from '../../../src/main/sources/players/types.js';

const T0 = Date.UTC(2026, 11, 5, 9, 0, 0) / 1000;

function scrobble(track: string, timestamp: number, duration = 200): PlayAction {
  return {
    type: 'scrobble',
    scrobble: { artist: 'Artist', track, duration, timestamp },
    playedMs: 100_000,
  };
}

describe('one track on two players is one play', () => {
  it('passes the first report and turns an overlapping one into a duplicate skip', () => {
    const c = new PlayCoordinator();
    expect(c.accept(':1.1', 'mpv', scrobble('Song', T0))?.type).toBe('scrobble');
    const second = c.accept(':1.2', 'firefox', scrobble('song ', T0 + 3));
    expect(second).toMatchObject({ type: 'skip', reason: 'duplicate' });
    expect(second?.type === 'skip' && second.detail).toContain('mpv');
  });

  it('keeps plays that do not overlap, and repeats on the same player', () => {
    const c = new PlayCoordinator();
    expect(c.accept(':1.1', 'mpv', scrobble('Song', T0))?.type).toBe('scrobble');
    expect(c.accept(':1.1', 'mpv', scrobble('Song', T0 + 200))?.type).toBe('scrobble');
    expect(c.accept(':1.2', 'vlc', scrobble('Song', T0 + 600))?.type).toBe('scrobble');
    expect(c.accept(':1.2', 'vlc', scrobble('Other', T0 + 601))?.type).toBe('scrobble');
  });

  it('shows now playing once for two players, and again once both have left', () => {
    const c = new PlayCoordinator();
    const np: PlayAction = {
      type: 'now-playing',
      track: { artist: 'Artist', track: 'Song', duration: 200 },
      startedAt: T0 * 1000,
    };
    expect(c.accept(':1.1', 'mpv', np)).toEqual(np);
    expect(c.accept(':1.2', 'vlc', np)).toBeNull();
    c.forget(':1.1');
    expect(c.accept(':1.3', 'rhythmbox', np)).toBeNull(); // vlc still plays it
    c.forget(':1.2');
    c.forget(':1.3');
    expect(c.accept(':1.4', 'rhythmbox', np)).toEqual(np);
  });
});
