import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../../../src/main/sources/import/types.js';
import { fixtureText, rowsOf, unixOf } from './helpers.js';

describe('Spotify extended streaming history parser', () => {
  it('reads each play and says why the rest are left out', async () => {
    const rows = await rowsOf('spotify', fixtureText('Streaming_History_Audio_2026.json'));
    expect(
      rows.map((r) =>
        r.kind === 'play' ? `play ${r.play.track}` : r.kind === 'skip' ? r.reason : 'error',
      ),
    ).toEqual([
      'play Teardrop',
      'play Inertia Creeps',
      'too-short',
      'podcast',
      'private-session',
      'no-track-info',
      'error',
      'play Inertia Creeps',
      'play Unfinished Sympathy',
      // exactly 30 s played is enough
      'play Sour Times',
    ]);
  });

  it('times a play from when it started: ts (the end) minus ms_played', async () => {
    const rows = await rowsOf('spotify', fixtureText('Streaming_History_Audio_2026.json'));
    expect(rows[0]).toEqual({
      kind: 'play',
      line: 2,
      item: 1,
      play: {
        artist: 'Massive Attack',
        track: 'Teardrop',
        album: 'Mezzanine',
        timestamp: unixOf('2026-12-03T18:04:10Z') - 251,
      },
    });
  });

  it('names a malformed play by its item and line', async () => {
    const text = fixtureText('Streaming_History_Audio_2026.json');
    const rows = await rowsOf('spotify', text);
    const bad = rows.find((r) => r.kind === 'error');
    const line = text.split('\n').findIndex((l) => l.includes('"yesterday"'));
    expect(bad?.kind === 'error' && bad.message).toMatch(
      new RegExp(`^item 7 \\(line \\d+\\) malformed: "ts" should be the time the play ended`),
    );
    // The element starts at its "{", the line before "ts" (0-based index = 1-based line).
    expect(bad?.line).toBe(line);
  });

  it('shows the examples a person recognises for skips', async () => {
    const rows = await rowsOf('spotify', fixtureText('Streaming_History_Audio_2026.json'));
    const skips = rows.flatMap((r) => (r.kind === 'skip' ? [r.what] : []));
    expect(skips).toEqual([
      'Massive Attack – Exchange (played 12 s)',
      'Song Exploder – Episode 212: Sampling',
      'Portishead – Glory Box',
      '(no artist) – (no title)',
    ]);
  });

  it('gives the same rows however the text is cut into chunks', async () => {
    const text = fixtureText('Streaming_History_Audio_2026.json');
    const whole = await rowsOf('spotify', text);
    for (const size of [1, 3, 64, 500])
      expect(await rowsOf('spotify', text, {}, size)).toEqual(whole);
  });

  it('turns a damaged element into one malformed row and goes on', async () => {
    const text = `[{"ts": "2026-12-01T10:00:00Z", "ms_played": 40000, "master_metadata_track_name": "A", "master_metadata_album_artist_name": "B"},
{"ts": "2026-12-01T10:05:00Z" "ms_played": 1},
{"ts": "2026-12-01T10:09:00Z", "ms_played": 40000, "master_metadata_track_name": "C", "master_metadata_album_artist_name": "D"}]`;
    const rows = await rowsOf('spotify', text);
    expect(rows.map((r) => r.kind)).toEqual(['play', 'error', 'play']);
    expect(rows[1]?.kind === 'error' && rows[1].message).toMatch(
      /^item 2 \(line 2\) malformed: not valid JSON/,
    );
  });

  it('refuses a file that is not a JSON array, or is cut off', async () => {
    await expect(rowsOf('spotify', '{"ts": "x"}')).rejects.toThrow(ImportFileError);
    await expect(rowsOf('spotify', '[{"ts": "2026-12-01T10:00:00Z", "ms_pla')).rejects.toThrow(
      /item 1 \(line 1\) is cut off/,
    );
  });
});
