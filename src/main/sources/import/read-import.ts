import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { detectFormat, HEAD_CHARS } from './detect-format.js';
import { importId } from './identity.js';
import { ListenBrainzParser } from './listenbrainz.js';
import type { FilePreview } from '../../../shared/import-types.js';
import { ImportPlanner, type ImportTarget, type PlannedPlay } from './preview.js';
import { rowBatches, type RowParser } from './row-parser.js';
import { ScrobblerLogParser } from './scrobbler-log.js';
import { SpotifyHistoryParser } from './spotify.js';
import { openTextFile } from './text-chunks.js';
import {
  ImportFileError,
  type ImportFormat,
  type ImportProgress,
  type ImportRow,
  type ParseOptions,
} from './types.js';

// From a file on disk to rows, previews and planned plays: format guessing, streaming,
// progress and the import's id in one place.

export interface ReadOptions extends ParseOptions {
  /** The format; guessed from the first bytes when absent. */
  format?: ImportFormat;
  onProgress?: (progress: ImportProgress) => void;
}

/** The parser for a format. */
export function rowParser(format: ImportFormat, options: ParseOptions = {}): RowParser {
  switch (format) {
    case 'scrobbler-log':
      return new ScrobblerLogParser(options);
    case 'spotify':
      return new SpotifyHistoryParser();
    case 'listenbrainz':
      return new ListenBrainzParser();
  }
}

/** Rows from already-decoded text chunks, one at a time, for a known format. */
export async function* parseRows(
  format: ImportFormat,
  chunks: AsyncIterable<string>,
  options: ParseOptions = {},
): AsyncGenerator<ImportRow> {
  for await (const batch of rowBatches(rowParser(format, options), chunks)) yield* batch;
}

/** The format given, or the one the file's first bytes show. */
export async function resolveFormat(path: string, given?: ImportFormat): Promise<ImportFormat> {
  await checkReadable(path);
  if (given) return given;
  const file = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new ImportFileError(cannotOpen(path, error));
  });
  try {
    // Bytes, not characters: a cut multi-byte character at the end only spoils the head's
    // last character, and detection never needs that far.
    const buffer = Buffer.alloc(HEAD_CHARS);
    const { bytesRead } = await file.read(buffer, 0, HEAD_CHARS, 0);
    const detection = detectFormat(buffer.subarray(0, bytesRead).toString('utf8'));
    if (!detection.ok) throw new ImportFileError(`${basename(path)}: ${detection.message}`);
    return detection.format;
  } finally {
    await file.close();
  }
}

export interface FileRows {
  format: ImportFormat;
  /** The rows, a batch per chunk read (so a big file costs one await per chunk, not per row). */
  batches: AsyncGenerator<ImportRow[]>;
  /** Size of the file in bytes. */
  totalBytes: number;
  /** The import's id (file content + options); known once `batches` is exhausted. */
  importId(): string;
}

/** Streams a file's rows. Progress is reported per chunk read, with the rows so far. */
export async function readImportFile(path: string, options: ReadOptions = {}): Promise<FileRows> {
  const format = await resolveFormat(path, options.format);
  const file = await openTextFile(path, options.onProgress).catch(
    (error: NodeJS.ErrnoException) => {
      throw new ImportFileError(cannotOpen(path, error));
    },
  );
  const parseOptions: ParseOptions =
    options.utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes: options.utcOffsetMinutes };
  async function* batches(): AsyncGenerator<ImportRow[]> {
    for await (const batch of rowBatches(rowParser(format, parseOptions), file.chunks)) {
      file.state.rows += batch.length;
      yield batch;
    }
    options.onProgress?.({ ...file.state });
  }
  return {
    format,
    batches: batches(),
    totalBytes: file.state.totalBytes,
    importId: () => importId(file.contentHash(), format, parseOptions),
  };
}

export type { FilePreview } from '../../../shared/import-types.js';

export interface PlanOptions extends ReadOptions {
  nowSec: number;
  examplesPerReason?: number;
}

/**
 * Reads the whole file once, handing the plays that some service would get to `onPlays`, a
 * batch per chunk read (nothing is kept), and returns the preview. With no `onPlays` this is
 * the dry run. The next chunk is read only once `onPlays` has finished with the last batch.
 */
export async function planImportFile(
  path: string,
  targets: readonly ImportTarget[],
  options: PlanOptions,
  onPlays?: (plays: PlannedPlay[]) => void | Promise<void>,
): Promise<FilePreview> {
  const source = await readImportFile(path, options);
  const planner = new ImportPlanner(targets, options);
  for await (const batch of source.batches) {
    const planned: PlannedPlay[] = [];
    for (const row of batch) {
      const play = planner.add(row);
      if (play) planned.push(play);
    }
    if (onPlays && planned.length > 0) await onPlays(planned);
  }
  return {
    file: basename(path),
    format: source.format,
    importId: source.importId(),
    bytes: source.totalBytes,
    ...planner.summary(),
  };
}

/** A missing file or a folder gets a plain sentence before any reading starts. */
async function checkReadable(path: string): Promise<void> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new ImportFileError(cannotOpen(path, error));
  });
  if (info.isDirectory())
    throw new ImportFileError(`${path} is a folder: give the file inside it.`);
}

function cannotOpen(path: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return `${path}: no such file.`;
  if (error.code === 'EISDIR') return `${path} is a folder: give the file inside it.`;
  if (error.code === 'EACCES') return `${path}: permission denied.`;
  return `${path}: cannot be read (${error.code ?? error.message}).`;
}
