// What the import parsers produce, row by row, whatever the file format.

import { IMPORT_FORMATS, type FileSkipReason } from '../../../shared/import-types.js';

export {
  IMPORT_FORMATS,
  FILE_SKIP_REASONS,
  type ImportFormat,
  type FileSkipReason,
} from '../../../shared/import-types.js';
export function isImportFormat(value: string): value is (typeof IMPORT_FORMATS)[number] {
  return (IMPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * One play as read from a file: the fields of a ScrobbleItem (shared/track.ts), not yet
 * validated. `timestamp` is when the play started, in UTC unix seconds. Optional fields the
 * file lacks may be present as undefined (validation drops them).
 */
export interface ImportedPlay {
  artist: string;
  track: string;
  album?: string;
  albumArtist?: string;
  /** Track length in whole seconds, when the file knows it. */
  duration?: number;
  trackNumber?: number;
  mbid?: string;
  timestamp: number;
}

/** Where a row is in its file: a 1-based line, and for JSON arrays the 1-based item. */
export interface RowPosition {
  line: number;
  item?: number;
}

export type ImportRow =
  | (RowPosition & { kind: 'play'; play: ImportedPlay })
  | (RowPosition & {
      kind: 'skip';
      reason: Exclude<FileSkipReason, 'malformed' | 'duplicate' | 'too-new'>;
      /** What the row was, for examples: "Artist – Title". */
      what: string;
    })
  | (RowPosition & { kind: 'error'; message: string });

/** How far reading has got: for progress bars. */
export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

export interface ParseOptions {
  /**
   * Minutes to add to UTC to get the device's local time (+120 for UTC+2). Only for a
   * `.scrobbler.log` whose header says `#TZ/UNKNOWN`; no offset is ever guessed.
   */
  utcOffsetMinutes?: number;
}

/** The file cannot be read as the format at all (not one bad row: the whole file). */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  /** The file is the problem, not the app: a front shows the message as it is. */
  readonly kind = 'invalid-input';
}

/** "line 12" or "item 3 (line 40)": how a row is named in messages. */
export function describePosition(pos: RowPosition): string {
  return pos.item === undefined ? `line ${pos.line}` : `item ${pos.item} (line ${pos.line})`;
}

/** "line N malformed: …", the one wording every parser uses for a row it cannot read. */
export function malformed(pos: RowPosition, problem: string): ImportRow {
  return { ...pos, kind: 'error', message: `${describePosition(pos)} malformed: ${problem}` };
}

/** "Artist – Title" for examples in a preview. */
export function describeTrack(artist: unknown, track: unknown): string {
  const a = typeof artist === 'string' && artist.trim() ? artist.trim() : '(no artist)';
  const t = typeof track === 'string' && track.trim() ? track.trim() : '(no title)';
  return `${a} – ${t}`;
}
