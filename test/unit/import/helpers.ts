import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRows } from '../../../src/main/sources/import/read-import.js';
import { textChunks } from '../../../src/main/sources/import/text-chunks.js';
import type {
  ImportFormat,
  ImportRow,
  ParseOptions,
} from '../../../src/main/sources/import/types.js';

/** The clock the fixtures were written against: 2026-12-05T12:00:00Z. */
export const FIXTURE_NOW_SEC = Date.parse('2026-12-05T12:00:00Z') / 1000;

export const LASTFM = { id: 'lastfm', name: 'Last.fm', maxAgeDays: 14 };
export const LIBREFM = { id: 'librefm', name: 'Libre.fm' };
export const LISTENBRAINZ = { id: 'listenbrainz', name: 'ListenBrainz' };

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url));
}

export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

export function unixOf(iso: string): number {
  return Date.parse(iso) / 1000;
}

/** Every row of a text, streamed in chunks of `chunkSize` characters. */
export async function rowsOf(
  format: ImportFormat,
  text: string,
  options: ParseOptions = {},
  chunkSize = 64 * 1024,
): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  for await (const row of parseRows(format, textChunks(text, chunkSize), options)) rows.push(row);
  return rows;
}

/** A compact view of a row for assertions: kind, where, and reason or play or message. */
export function summary(row: ImportRow): string {
  if (row.kind === 'play') return `play@${row.line}: ${row.play.artist} – ${row.play.track}`;
  if (row.kind === 'skip') return `skip@${row.line}: ${row.reason}`;
  return `error@${row.line}`;
}
