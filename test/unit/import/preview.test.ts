import { describe, expect, it } from 'vitest';
import { previewRows, type ImportTarget } from '../../../src/main/sources/import/preview.js';
import type { ImportRow } from '../../../src/main/sources/import/types.js';
import {
  FIXTURE_NOW_SEC,
  fixtureText,
  LASTFM,
  LIBREFM,
  LISTENBRAINZ,
  rowsOf,
  unixOf,
} from './helpers.js';

function counts(list: { reason: string; count: number }[]): Record<string, number> {
  return Object.fromEntries(list.map((r) => [r.reason, r.count]));
}

describe('import preview', () => {
  it('splits a Rockbox log into what each service gets and what is left out, by reason', async () => {
    const rows = await rowsOf('scrobbler-log', fixtureText('rockbox-utc.scrobbler.log'));
    const preview = previewRows(rows, [LASTFM, LIBREFM], { nowSec: FIXTURE_NOW_SEC });
    expect(preview.rows).toBe(11);
    expect(counts(preview.skipped)).toEqual({
      'skipped-on-device': 1,
      'too-short': 1,
      'too-new': 1,
      duplicate: 1,
      malformed: 3,
    });
    // Angel, Risingson, Roygbiv (recent) and Mysterons (2026-10-20, too old for Last.fm).
    expect(preview.plays).toBe(4);
    expect(preview.importable).toBe(4);
    const [lastfm, librefm] = preview.services;
    expect(lastfm).toMatchObject({ id: 'lastfm', plays: 3 });
    expect(lastfm?.skipped).toEqual([
      {
        reason: 'too-old',
        label: 'older than 14 days (Last.fm takes only the last 14 days)',
        count: 1,
        examples: [{ where: 'line 9', text: 'Portishead – Mysterons (2026-10-20T21:00:00Z)' }],
      },
    ]);
    expect(librefm).toMatchObject({ id: 'librefm', plays: 4, skipped: [] });
    expect(preview.needsUtcOffset).toBe(false);
    expect(preview.earliest).toBe(unixOf('2026-10-20T21:00:00Z'));
    expect(preview.latest).toBe(unixOf('2026-12-02T19:30:00Z'));
  });

  it('lists the reasons in plain words with the first examples, naming lines', async () => {
    const rows = await rowsOf('scrobbler-log', fixtureText('rockbox-utc.scrobbler.log'));
    const preview = previewRows(rows, [LIBREFM], { nowSec: FIXTURE_NOW_SEC, examplesPerReason: 2 });
    const byReason = Object.fromEntries(preview.skipped.map((r) => [r.reason, r]));
    expect(byReason['skipped-on-device']).toMatchObject({
      label: 'skipped on the device',
      examples: [{ where: 'line 6', text: 'Björk – Jóga' }],
    });
    expect(byReason.duplicate?.examples).toEqual([
      { where: 'line 13', text: 'Massive Attack – Angel, as on line 4' },
    ]);
    expect(byReason.malformed?.count).toBe(3);
    expect(byReason.malformed?.examples.map((e) => e.text)).toEqual([
      expect.stringMatching(/^line 11 malformed: expected 8 tab-separated fields/),
      'line 12 malformed: the duration "abc" is not a whole number of seconds.',
    ]);
    expect(byReason['too-new']?.label).toBe('more than 5 minutes in the future');
  });

  it('names the line and the fix for a play that breaks the scrobble rules', async () => {
    const rows = await rowsOf('scrobbler-log', fixtureText('rockbox-utc.scrobbler.log'));
    const preview = previewRows(rows, [LIBREFM], { nowSec: FIXTURE_NOW_SEC, examplesPerReason: 5 });
    const malformed = preview.skipped.find((r) => r.reason === 'malformed');
    expect(malformed?.examples.at(-1)).toEqual({
      where: 'line 15',
      text: 'line 15 malformed: Artist is empty: fill it in.',
    });
  });

  it('imports nothing from a device-local log until the offset is given', async () => {
    const text = fixtureText('rockbox-local.scrobbler.log');
    const targets = [LASTFM, LIBREFM];
    const without = previewRows(await rowsOf('scrobbler-log', text), targets, {
      nowSec: FIXTURE_NOW_SEC,
    });
    expect(without.needsUtcOffset).toBe(true);
    expect(without.importable).toBe(0);
    expect(without.services.map((s) => s.plays)).toEqual([0, 0]);
    const withOffset = previewRows(
      await rowsOf('scrobbler-log', text, { utcOffsetMinutes: 60 }),
      targets,
      { nowSec: FIXTURE_NOW_SEC },
    );
    expect(withOffset.needsUtcOffset).toBe(false);
    expect(withOffset.services.map((s) => s.plays)).toEqual([2, 2]);
  });

  it('gives Last.fm only the last 14 days and ListenBrainz everything (Spotify file)', async () => {
    const rows = await rowsOf('spotify', fixtureText('Streaming_History_Audio_2026.json'));
    const preview = previewRows(rows, [LASTFM, LISTENBRAINZ], { nowSec: FIXTURE_NOW_SEC });
    expect(counts(preview.skipped)).toEqual({
      'too-short': 1,
      podcast: 1,
      'no-track-info': 1,
      'private-session': 1,
      duplicate: 1,
      malformed: 1,
    });
    expect(preview.services.map((s) => [s.id, s.plays, counts(s.skipped)])).toEqual([
      ['lastfm', 3, { 'too-old': 1 }],
      ['listenbrainz', 4, {}],
    ]);
  });

  it('treats plays differing only in letter case as the same play (ListenBrainz file)', async () => {
    const rows = await rowsOf('listenbrainz', fixtureText('listenbrainz-listens.jsonl'));
    const preview = previewRows(rows, [LIBREFM], { nowSec: FIXTURE_NOW_SEC });
    expect(preview.skipped.find((r) => r.reason === 'duplicate')?.examples).toEqual([
      { where: 'line 7', text: 'low – california, as on line 2' },
    ]);
  });

  it('allows 5 minutes of clock difference into the future, no more', () => {
    const at = (offset: number, line: number): ImportRow => ({
      kind: 'play',
      line,
      play: { artist: 'A', track: `T${line}`, timestamp: FIXTURE_NOW_SEC + offset },
    });
    const preview = previewRows([at(300, 1), at(301, 2)], [LIBREFM], { nowSec: FIXTURE_NOW_SEC });
    expect(preview.importable).toBe(1);
    expect(counts(preview.skipped)).toEqual({ 'too-new': 1 });
  });

  it('counts plays but imports nothing when no service is chosen', async () => {
    const rows = await rowsOf('listenbrainz', fixtureText('listenbrainz-export.json'));
    const preview = previewRows(rows, [], { nowSec: FIXTURE_NOW_SEC });
    expect(preview.plays).toBe(3);
    expect(preview.importable).toBe(0);
    expect(preview.services).toEqual([]);
  });

  it('keeps only the first N examples per reason but counts them all', () => {
    const rows: ImportRow[] = Array.from({ length: 10 }, (_, i) => ({
      kind: 'error',
      line: i + 1,
      message: `line ${i + 1} malformed: x`,
    }));
    const preview = previewRows(rows, [LIBREFM], { nowSec: FIXTURE_NOW_SEC, examplesPerReason: 3 });
    expect(preview.skipped).toEqual([
      {
        reason: 'malformed',
        label: 'malformed row',
        count: 10,
        examples: [1, 2, 3].map((n) => ({ where: `line ${n}`, text: `line ${n} malformed: x` })),
      },
    ]);
  });

  it('a play too old for every service is not importable', () => {
    const old: ImportTarget[] = [LASTFM, { id: 'other', name: 'Other', maxAgeDays: 30 }];
    const rows: ImportRow[] = [
      {
        kind: 'play',
        line: 1,
        play: { artist: 'A', track: 'B', timestamp: FIXTURE_NOW_SEC - 40 * 86400 },
      },
      {
        kind: 'play',
        line: 2,
        play: { artist: 'A', track: 'C', timestamp: FIXTURE_NOW_SEC - 20 * 86400 },
      },
    ];
    const preview = previewRows(rows, old, { nowSec: FIXTURE_NOW_SEC });
    expect(preview.plays).toBe(2);
    expect(preview.importable).toBe(1);
    expect(preview.services.map((s) => s.plays)).toEqual([0, 1]);
  });
});
