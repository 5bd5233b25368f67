import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportPlanner } from '../../../src/main/sources/import/preview.js';
import type { ImportFormat } from '../../../src/main/sources/import/types.js';
import { LIBREFM, rowsOf } from './helpers.js';

// Re-importing a file, or any part of it in any order, must never produce a play identity the
// first import did not have: that is what lets the store skip what it already holds.

interface Play {
  artist: string;
  track: string;
  album: string;
  start: number;
  seconds: number;
}

const NOW = 2_000_000_000;
const name = fc.stringMatching(/^[A-Za-zÀ-ÿ0-9 '&.,()-]{0,24}$/);
// Repeats are likely: few artists and tracks, and times drawn from a small range.
const play: fc.Arbitrary<Play> = fc.record({
  artist: fc.constantFrom('Low', 'low ', 'Björk', 'Sigur Rós', 'A', ''),
  track: fc.oneof(fc.constantFrom('Monkey', 'monkey', 'Jóga'), name),
  album: fc.oneof(fc.constant(''), name),
  start: fc.integer({ min: NOW - 400 * 86400, max: NOW - 400 * 86400 + 50 }),
  seconds: fc.integer({ min: 0, max: 900 }),
});

function render(format: ImportFormat, plays: readonly Play[]): string {
  switch (format) {
    case 'scrobbler-log':
      return [
        '#AUDIOSCROBBLER/1.1',
        '#TZ/UTC',
        '#CLIENT/test',
        ...plays.map((p) =>
          [p.artist, p.album, p.track, '', String(p.seconds), 'L', String(p.start), ''].join('\t'),
        ),
      ].join('\n');
    case 'spotify':
      return JSON.stringify(
        plays.map((p) => ({
          ts: new Date((p.start + p.seconds) * 1000).toISOString(),
          ms_played: p.seconds * 1000,
          master_metadata_track_name: p.track,
          master_metadata_album_artist_name: p.artist,
          master_metadata_album_album_name: p.album || null,
        })),
        null,
        2,
      );
    case 'listenbrainz':
      return plays
        .map((p) =>
          JSON.stringify({
            listened_at: p.start,
            track_metadata: {
              artist_name: p.artist,
              track_name: p.track,
              release_name: p.album,
              additional_info: { duration_ms: p.seconds * 1000 },
            },
          }),
        )
        .join('\n');
  }
}

async function identities(format: ImportFormat, text: string, chunkSize = 64): Promise<string[]> {
  const planner = new ImportPlanner([LIBREFM], { nowSec: NOW });
  const out: string[] = [];
  for (const row of await rowsOf(format, text, {}, chunkSize)) {
    const planned = planner.add(row);
    if (planned) out.push(planned.identity);
  }
  return out;
}

const formats: ImportFormat[] = ['scrobbler-log', 'spotify', 'listenbrainz'];

describe('play identities', () => {
  for (const format of formats) {
    it(`${format}: the same file gives the same identities, however it is read`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(play, { maxLength: 25 }),
          fc.integer({ min: 1, max: 97 }),
          async (plays, chunkSize) => {
            const text = render(format, plays);
            const first = await identities(format, text);
            expect(await identities(format, text, chunkSize)).toEqual(first);
            expect(new Set(first).size).toBe(first.length);
          },
        ),
        { numRuns: 60 },
      );
    });

    it(`${format}: any subset or reordering of a file adds no identity beyond the original`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .array(play, { maxLength: 25 })
            .chain((plays) => fc.tuple(fc.constant(plays), fc.shuffledSubarray(plays))),
          async ([plays, part]) => {
            const original = new Set(await identities(format, render(format, plays)));
            const again = await identities(format, render(format, part));
            for (const id of again) expect(original.has(id)).toBe(true);
            if (part.length === plays.length) expect(new Set(again)).toEqual(original);
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('the same plays from a log, a Spotify history and a ListenBrainz export share identities', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(play, { maxLength: 15 }), async (plays) => {
        // Only plays every format keeps: 30 s or longer.
        const long = plays.filter((p) => p.seconds >= 30);
        const [log, spotify, lb] = await Promise.all(
          formats.map(async (f) => new Set(await identities(f, render(f, long)))),
        );
        expect(spotify).toEqual(log);
        expect(lb).toEqual(log);
      }),
      { numRuns: 60 },
    );
  });
});
