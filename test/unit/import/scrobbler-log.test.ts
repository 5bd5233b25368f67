import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../../../src/main/sources/import/types.js';
import { fixtureText, rowsOf, summary, unixOf } from './helpers.js';

describe('.scrobbler.log parser', () => {
  it('reads every row of a Rockbox log: plays, device skips, short tracks and bad lines', async () => {
    const rows = await rowsOf('scrobbler-log', fixtureText('rockbox-utc.scrobbler.log'));
    expect(rows.map(summary)).toEqual([
      'play@4: Massive Attack – Angel',
      'play@5: Massive Attack – Risingson',
      'skip@6: skipped-on-device',
      'skip@7: too-short',
      'play@8: Boards of Canada – Roygbiv',
      'play@9: Portishead – Mysterons',
      // line 10 is a comment
      'error@11',
      'error@12',
      'play@13: Massive Attack – Angel',
      'play@14: Radiohead – Paranoid Android',
      'play@15:  – Subterranean Homesick Alien',
    ]);
  });

  it('keeps the fields a scrobble needs and leaves empty ones out', async () => {
    const rows = await rowsOf('scrobbler-log', fixtureText('rockbox-utc.scrobbler.log'));
    expect(rows[0]).toMatchObject({
      kind: 'play',
      play: {
        artist: 'Massive Attack',
        album: 'Mezzanine',
        track: 'Angel',
        trackNumber: 1,
        duration: 379,
        timestamp: unixOf('2026-12-01T08:00:00Z'),
        mbid: '2c1e5a3d-6b2f-4e7a-9d3c-5f8a1b2c3d4e',
      },
    });
    const roygbiv = rows.find((r) => r.kind === 'play' && r.play.track === 'Roygbiv');
    expect(roygbiv?.kind === 'play' && roygbiv.play).toEqual({
      artist: 'Boards of Canada',
      track: 'Roygbiv',
      duration: 151,
      timestamp: unixOf('2026-12-02T19:30:00Z'),
    });
  });

  it('says what is wrong with a malformed line, naming the line', async () => {
    const rows = await rowsOf('scrobbler-log', fixtureText('rockbox-utc.scrobbler.log'));
    const messages = rows.flatMap((r) => (r.kind === 'error' ? [r.message] : []));
    expect(messages).toEqual([
      expect.stringMatching(/^line 11 malformed: expected 8 tab-separated fields .*found 1\.$/),
      'line 12 malformed: the duration "abc" is not a whole number of seconds.',
    ]);
  });

  it('needs the UTC offset for a #TZ/UNKNOWN log, and never guesses one', async () => {
    const text = fixtureText('rockbox-local.scrobbler.log');
    const without = await rowsOf('scrobbler-log', text);
    expect(without.map(summary)).toEqual([
      'skip@4: needs-utc-offset',
      'skip@5: needs-utc-offset',
      'skip@6: skipped-on-device',
    ]);
    // The device was at UTC+01:00: its 09:00 was 08:00 UTC.
    const withOffset = await rowsOf('scrobbler-log', text, { utcOffsetMinutes: 60 });
    const times = withOffset.flatMap((r) => (r.kind === 'play' ? [r.play.timestamp] : []));
    expect(times).toEqual([unixOf('2026-12-04T08:00:00Z'), unixOf('2026-12-04T08:02:04Z')]);
  });

  it('ignores an offset for a log already in UTC', async () => {
    const text = fixtureText('rockbox-utc.scrobbler.log');
    const plain = await rowsOf('scrobbler-log', text);
    const shifted = await rowsOf('scrobbler-log', text, { utcOffsetMinutes: -300 });
    expect(shifted).toEqual(plain);
  });

  it('refuses the plays of a timeless log (time 0), with the reason', async () => {
    const rows = await rowsOf('scrobbler-log', fixtureText('rockbox.scrobbler-timeless.log'));
    expect(rows.map(summary)).toEqual(['skip@4: no-time', 'skip@5: no-time']);
  });

  it('gives the same rows however the text is cut into chunks', async () => {
    const text = fixtureText('rockbox-local.scrobbler.log');
    const whole = await rowsOf('scrobbler-log', text, { utcOffsetMinutes: 120 });
    for (const size of [1, 2, 7, 33]) {
      expect(await rowsOf('scrobbler-log', text, { utcOffsetMinutes: 120 }, size)).toEqual(whole);
    }
  });

  it('refuses a file that is not a .scrobbler.log, saying what the first line should be', async () => {
    await expect(rowsOf('scrobbler-log', 'artist\talbum\ttitle\n')).rejects.toThrow(
      ImportFileError,
    );
    await expect(rowsOf('scrobbler-log', '{"ts": 1}\n')).rejects.toThrow(
      /first line should be "#AUDIOSCROBBLER\/1\.1"/,
    );
  });
});
