import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACK_SECONDS, planAlbum } from '../../../src/renderer/lib/album-plan.js';
import { parseTracklist } from '../../../src/renderer/lib/tracklist.js';

const fields = { album: 'Abbey Road', albumArtist: 'The Beatles' };

describe('planAlbum', () => {
  it('spaces start times by the lengths, ending when the record ended', () => {
    const lines = parseTracklist('Come Together 4:20\nSomething 3:03\nMaxwell 3:27');
    const plan = planAlbum(lines, fields, { anchor: 'ended', at: 10_000 });
    expect(plan.map((t) => t.start)).toEqual([10_000 - 650, 10_000 - 390, 10_000 - 207]);
  });

  it('starts the first track at the start time when the record started then', () => {
    const lines = parseTracklist('Come Together 4:20\nSomething 3:03');
    const plan = planAlbum(lines, fields, { anchor: 'started', at: 5_000 });
    expect(plan.map((t) => t.start)).toEqual([5_000, 5_260]);
  });

  it('uses the default length for tracks without one, marks them assumed and does not send it', () => {
    const lines = parseTracklist('Come Together\nSomething 3:03');
    const plan = planAlbum(lines, fields, { anchor: 'started', at: 0 });
    expect(plan[0]!.assumed).toBe(true);
    expect(plan[0]!.spacing).toBe(DEFAULT_TRACK_SECONDS);
    expect(plan[0]!.input).not.toHaveProperty('duration');
    expect(plan[1]!.start).toBe(DEFAULT_TRACK_SECONDS);
    expect(plan[1]!.input.duration).toBe(183);
  });

  it('uses the album artist for lines without an artist and keeps a named one', () => {
    const lines = parseTracklist('1. Come Together\n2. Guest Star - Something');
    const plan = planAlbum(lines, fields, { anchor: 'started', at: 0 });
    expect(plan.map((t) => t.input)).toEqual([
      {
        artist: 'The Beatles',
        track: 'Come Together',
        album: 'Abbey Road',
        albumArtist: 'The Beatles',
        timestamp: 0,
        trackNumber: 1,
      },
      {
        artist: 'Guest Star',
        track: 'Something',
        album: 'Abbey Road',
        albumArtist: 'The Beatles',
        timestamp: DEFAULT_TRACK_SECONDS,
        trackNumber: 2,
      },
    ]);
  });

  it('leaves the artist empty (for validation to report) when neither line nor field gives one', () => {
    const plan = planAlbum(
      parseTracklist('Something'),
      { album: '', albumArtist: ' ' },
      { anchor: 'started', at: 0 },
    );
    expect(plan[0]!.input).toEqual({ artist: '', track: 'Something', timestamp: 0 });
  });
});
