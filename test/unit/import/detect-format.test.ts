import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/main/sources/import/detect-format.js';
import { fixtureText } from './helpers.js';

describe('format guessing', () => {
  it('recognises each fixture from its first bytes', () => {
    const cases = [
      ['rockbox-utc.scrobbler.log', 'scrobbler-log'],
      ['rockbox-local.scrobbler.log', 'scrobbler-log'],
      ['Streaming_History_Audio_2026.json', 'spotify'],
      ['listenbrainz-listens.jsonl', 'listenbrainz'],
      ['listenbrainz-export.json', 'listenbrainz'],
    ] as const;
    for (const [name, format] of cases) {
      expect(detectFormat(fixtureText(name).slice(0, 4096)), name).toEqual({ ok: true, format });
    }
  });

  it('looks past a byte-order mark and leading blank lines', () => {
    expect(detectFormat('\uFEFF\n\n#AUDIOSCROBBLER/1.1\n')).toEqual({
      ok: true,
      format: 'scrobbler-log',
    });
  });

  it('names the --format values when it cannot tell', () => {
    for (const head of ['artist,track,time\n', '[{"foo": 1}]', '{"payload": {}}', '[1, 2']) {
      const result = detectFormat(head);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(
        /--format \(scrobbler-log, spotify, listenbrainz\)/,
      );
    }
  });

  it("points Spotify's short account-data history to the extended one", () => {
    const result = detectFormat(
      '[{"endTime": "2026-01-01 10:00", "artistName": "A", "trackName": "B", "msPlayed": 1000}]',
    );
    expect(!result.ok && result.message).toMatch(/Extended streaming history/);
  });

  it('says an empty file or an empty list has nothing to import', () => {
    expect(detectFormat('  \n')).toEqual({ ok: false, message: expect.stringMatching(/empty/) });
    expect(detectFormat('[ ]')).toEqual({
      ok: false,
      message: expect.stringMatching(/empty list/),
    });
  });
});
