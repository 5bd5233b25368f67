import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planImportFile, readImportFile } from '../../../src/main/sources/import/read-import.js';
import type { ImportProgress } from '../../../src/main/sources/import/types.js';
import { ImportFileError } from '../../../src/main/sources/import/types.js';
import {
  writeListenBrainzJsonl,
  writeScrobblerLog,
  writeSpotifyHistory,
} from '../../support/import-fixtures.js';
import { tempDir } from '../../support/temp-dir.js';
import { fileURLToPath } from 'node:url';

// Real files in a temp dir, read through the same path `scrobbletray import` uses.

const LASTFM = { id: 'lastfm', name: 'Last.fm', maxAgeDays: 14 };
const LIBREFM = { id: 'librefm', name: 'Libre.fm' };
const NOW = Date.parse('2026-12-05T12:00:00Z') / 1000;

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url));

function count(list: { reason: string; count: number }[], reason: string): number {
  return list.find((r) => r.reason === reason)?.count ?? 0;
}

let dir: { path: string; cleanup: () => void };
beforeEach(() => {
  dir = tempDir('scrobbletray-import-');
});
afterEach(() => dir.cleanup());

describe('importing from a file', () => {
  it('previews a 20,000-play Spotify history as the generator wrote it, with progress', async () => {
    const path = join(dir.path, 'Streaming_History_Audio_2026.json');
    const wrote = await writeSpotifyHistory(path, { count: 20_000, endSec: NOW, spanDays: 60 });
    const progress: ImportProgress[] = [];
    const preview = await planImportFile(path, [LASTFM, LIBREFM], {
      nowSec: NOW,
      onProgress: (p) => progress.push(p),
    });
    expect(preview.format).toBe('spotify');
    expect(preview.rows).toBe(wrote.rows);
    expect(preview.plays).toBe(wrote.music);
    expect(count(preview.skipped, 'too-short')).toBe(wrote.short);
    expect(count(preview.skipped, 'podcast')).toBe(wrote.podcasts);
    expect(count(preview.skipped, 'private-session')).toBe(wrote.private);
    expect(count(preview.skipped, 'duplicate')).toBe(wrote.duplicates);
    const [lastfm, librefm] = preview.services;
    expect(librefm?.plays).toBe(wrote.music);
    // 60 days of plays: Last.fm gets some, not all, and the rest are counted as too old.
    expect(lastfm!.plays).toBeGreaterThan(0);
    expect(lastfm!.plays + count(lastfm!.skipped, 'too-old')).toBe(wrote.music);
    // Progress: more than one report, never going back, ending at the whole file.
    expect(progress.length).toBeGreaterThan(2);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.bytesRead).toBeGreaterThanOrEqual(progress[i - 1]!.bytesRead);
      expect(progress[i]!.rows).toBeGreaterThanOrEqual(progress[i - 1]!.rows);
    }
    expect(progress.at(-1)).toEqual({
      bytesRead: preview.bytes,
      totalBytes: preview.bytes,
      rows: wrote.rows,
    });
  });

  it('hands each importable play to the caller once, with the services it goes to', async () => {
    const path = join(dir.path, 'listens.jsonl');
    const wrote = await writeListenBrainzJsonl(path, { count: 3_000, endSec: NOW, spanDays: 30 });
    const seen = new Set<string>();
    let toLastfm = 0;
    const preview = await planImportFile(path, [LASTFM, LIBREFM], { nowSec: NOW }, (plays) => {
      for (const play of plays) {
        expect(seen.has(play.identity)).toBe(false);
        seen.add(play.identity);
        if (play.targets.includes('lastfm')) toLastfm++;
        expect(play.targets).toContain('librefm');
      }
    });
    expect(preview.format).toBe('listenbrainz');
    expect(seen.size).toBe(wrote.music);
    expect(preview.importable).toBe(wrote.music);
    expect(toLastfm).toBe(preview.services[0]!.plays);
  });

  it('names an import by content and options: same file, same id; other offset, other id', async () => {
    const a = join(dir.path, 'a.scrobbler.log');
    const b = join(dir.path, 'renamed copy.log');
    copyFileSync(fixture('rockbox-local.scrobbler.log'), a);
    copyFileSync(a, b);
    const plan = (path: string, utcOffsetMinutes?: number) =>
      planImportFile(path, [LIBREFM], { nowSec: NOW, utcOffsetMinutes });
    const first = await plan(a, 60);
    expect((await plan(a, 60)).importId).toBe(first.importId);
    expect((await plan(b, 60)).importId).toBe(first.importId);
    expect((await plan(a, 120)).importId).not.toBe(first.importId);
    writeFileSync(b, '\n', { flag: 'a' });
    expect((await plan(b, 60)).importId).not.toBe(first.importId);
  });

  it('guesses each format from the file, and explains a file it cannot read', async () => {
    const log = join(dir.path, 'device.log');
    await writeScrobblerLog(log, { count: 50, endSec: NOW });
    expect((await readImportFile(log)).format).toBe('scrobbler-log');
    const csv = join(dir.path, 'scrobbles.csv');
    writeFileSync(csv, 'artist,track,time\nA,B,1\n');
    await expect(readImportFile(csv)).rejects.toThrow(
      'scrobbles.csv: Cannot tell what kind of file this is. Give its format with --format (scrobbler-log, spotify, listenbrainz).',
    );
    await expect(readImportFile(join(dir.path, 'missing.json'))).rejects.toThrow(
      /missing\.json: no such file\./,
    );
    await expect(readImportFile(dir.path)).rejects.toThrow(ImportFileError);
  });

  it('reads a file given with the wrong --format as a whole-file error, not as rows', async () => {
    const source = await readImportFile(fixture('Streaming_History_Audio_2026.json'), {
      format: 'scrobbler-log',
    });
    await expect(source.batches.next()).rejects.toThrow(/not a \.scrobbler\.log/);
  });

  it('reads a file that starts with a byte-order mark', async () => {
    const path = join(dir.path, 'bom.jsonl');
    writeFileSync(
      path,
      '\uFEFF{"listened_at": 1796000000, "track_metadata": {"artist_name": "A", "track_name": "B"}}\n',
    );
    const preview = await planImportFile(path, [LIBREFM], { nowSec: NOW });
    expect(preview).toMatchObject({ format: 'listenbrainz', plays: 1, importable: 1 });
  });
});
