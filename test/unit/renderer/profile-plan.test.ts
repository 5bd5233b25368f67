import { describe, expect, it } from 'vitest';
import type { ProfilePlay } from '../../../src/shared/catalogue.js';
import { DEFAULT_TRACK_SECONDS } from '../../../src/renderer/lib/album-plan.js';
import {
  playKey,
  profileScrobbles,
  tooOldToKeepTime,
} from '../../../src/renderer/lib/profile-plan.js';

const now = 1_800_000_000;
const day = 86_400;
const newest: ProfilePlay = {
  artist: 'Low',
  track: 'Words',
  album: 'I Could Live in Hope',
  timestamp: now - 600,
};
const older: ProfilePlay = { artist: 'Low', track: 'Lazy', album: '', timestamp: now - 2 * day };
const ancient: ProfilePlay = {
  artist: 'Low',
  track: 'Slide',
  album: '',
  timestamp: now - 20 * day,
};

describe('scrobbling plays picked from a profile', () => {
  it('at their own times: oldest first, album only when there is one', () => {
    expect(profileScrobbles([newest, older], 'original', now)).toEqual([
      { artist: 'Low', track: 'Lazy', timestamp: older.timestamp },
      { artist: 'Low', track: 'Words', album: 'I Could Live in Hope', timestamp: newest.timestamp },
    ]);
  });

  it('now: in the order they were played, back to back, the last ending now', () => {
    const items = profileScrobbles([newest, ancient, older], 'now', now);
    expect(items.map((i) => i.track)).toEqual(['Slide', 'Lazy', 'Words']);
    expect(items.map((i) => i.timestamp)).toEqual([
      now - 3 * DEFAULT_TRACK_SECONDS,
      now - 2 * DEFAULT_TRACK_SECONDS,
      now - DEFAULT_TRACK_SECONDS,
    ]);
  });

  it('a play older than the age limit cannot keep its time; without a limit it can', () => {
    expect(tooOldToKeepTime(ancient, 14, now)).toBe(true);
    expect(tooOldToKeepTime(older, 14, now)).toBe(false);
    expect(tooOldToKeepTime(ancient, undefined, now)).toBe(false);
  });

  it('the same track played twice is two different picks', () => {
    expect(playKey(older)).not.toBe(playKey({ ...older, timestamp: older.timestamp + 300 }));
  });
});
