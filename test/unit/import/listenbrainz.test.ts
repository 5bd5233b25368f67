import { describe, expect, it } from 'vitest';
import { fixtureText, rowsOf, unixOf } from './helpers.js';

describe('ListenBrainz export parser', () => {
  it('reads a JSON Lines export (one listen per line), as in listens/<year>/<month>.jsonl', async () => {
    const rows = await rowsOf('listenbrainz', fixtureText('listenbrainz-listens.jsonl'));
    expect(
      rows.map((r) =>
        r.kind === 'play' ? `play ${r.play.track}` : r.kind === 'skip' ? r.reason : r.message,
      ),
    ).toEqual([
      'play Monkey',
      'play California',
      'too-short',
      expect.stringMatching(/^line 4 malformed: not valid JSON/),
      'no-track-info',
      'play Autumn Sweater',
      'play california',
    ]);
  });

  it('keeps album, length, track number and the recording MBID', async () => {
    const rows = await rowsOf('listenbrainz', fixtureText('listenbrainz-listens.jsonl'));
    expect(rows[0]).toEqual({
      kind: 'play',
      line: 1,
      play: {
        artist: 'Low',
        track: 'Monkey',
        album: 'The Great Destroyer',
        duration: 244,
        trackNumber: 1,
        mbid: '6b1f9f3a-2c4d-4e5f-8a7b-9c0d1e2f3a4b',
        timestamp: unixOf('2026-12-02T21:00:00Z'),
      },
    });
    expect(rows[5]?.kind === 'play' && rows[5].play.duration).toBe(322);
  });

  it('reads an older export: one JSON array of listens', async () => {
    const rows = await rowsOf('listenbrainz', fixtureText('listenbrainz-export.json'));
    expect(
      rows.map((r) => (r.kind === 'play' ? [r.item, r.play.track, r.play.timestamp] : r)),
    ).toEqual([
      [1, 'French Disko', unixOf('2026-12-01T12:00:00Z')],
      [2, "Cybele's Reverie", unixOf('2026-12-01T12:05:00Z')],
      [3, 'Metronomic Underground', unixOf('2026-11-01T12:05:00Z')],
    ]);
  });

  it('gives the same rows however the text is cut into chunks', async () => {
    for (const name of ['listenbrainz-listens.jsonl', 'listenbrainz-export.json']) {
      const text = fixtureText(name);
      const whole = await rowsOf('listenbrainz', text);
      for (const size of [1, 5, 100]) {
        expect(await rowsOf('listenbrainz', text, {}, size)).toEqual(whole);
      }
    }
  });

  it('says when listened_at or track_metadata is missing', async () => {
    const text =
      '{"track_metadata": {"artist_name": "A", "track_name": "B"}}\n{"listened_at": 1790000000}\n';
    const rows = await rowsOf('listenbrainz', text);
    expect(rows.map((r) => r.kind === 'error' && r.message)).toEqual([
      'line 1 malformed: "listened_at" should be the unix time the listen started.',
      'line 2 malformed: it has no "track_metadata".',
    ]);
  });
});
