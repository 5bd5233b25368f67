// What an import of a listening-history file looks like to every front (the CLI, the window):
// the preview, the result of a run, and the imports kept in the queue's database. Plain data;
// the code that computes them is in src/main/sources/import and src/main/queue/storage.
import type { ScrobbleState } from './scrobble-state.js';

/** Bytes of a file per `import.append` call: as base64 683 KB, under the server's 1 MB cap. */
export const IMPORT_CHUNK_BYTES = 512 * 1024;

/** The file formats `scrobbletray import --format` accepts (contract names). */
export const IMPORT_FORMATS = ['scrobbler-log', 'spotify', 'listenbrainz'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * Why a row of the file is not imported at all. `too-old` is not here: it depends on the
 * service.
 */
export const FILE_SKIP_REASONS = [
  'skipped-on-device',
  'too-short',
  'podcast',
  'no-track-info',
  'private-session',
  'no-time',
  'needs-utc-offset',
  'too-new',
  'duplicate',
  'malformed',
] as const;
export type FileSkipReason = (typeof FILE_SKIP_REASONS)[number];

export interface ReasonExample {
  /** "line 12" or "item 3 (line 40)". */
  where: string;
  text: string;
}

export interface ReasonCount {
  reason: FileSkipReason | 'too-old';
  /** The reason in plain words. */
  label: string;
  count: number;
  /** The first few rows with this reason, in file order. */
  examples: ReasonExample[];
}

export interface ServicePreview {
  id: string;
  name: string;
  maxAgeDays?: number;
  /** Plays that would be queued for this service. */
  plays: number;
  /** Plays of the file this service would not get, by reason (only `too-old` today). */
  skipped: ReasonCount[];
}

export interface ImportPreview {
  /** Rows read (plays, skips and malformed rows; headers and comments are not rows). */
  rows: number;
  /** Distinct valid plays in the file. */
  plays: number;
  /** Plays that go to at least one service. */
  importable: number;
  /** Rows left out for every service, by reason, in a fixed order. */
  skipped: ReasonCount[];
  services: ServicePreview[];
  /** A `#TZ/UNKNOWN` log read without an offset: nothing is importable until one is given. */
  needsUtcOffset: boolean;
  /** Start times of the first and last valid play (UTC seconds), when there are any. */
  earliest?: number;
  latest?: number;
}

export interface FilePreview extends ImportPreview {
  file: string;
  format: ImportFormat;
  importId: string;
  bytes: number;
}

/** Per service: what a run queued, found already there, or was refused. */
export interface ServiceImportCounts {
  id: string;
  name: string;
  /** New rows queued for this service. */
  queued: number;
  /** Plays this service already had from an earlier import (the same play identity). */
  alreadyThere: number;
  /** Plays the queue refused for this service (e.g. too old for it), by reason. */
  refused: number;
}

export interface ImportResult {
  preview: FilePreview;
  /** Plays queued for at least one service in this run. */
  queued: number;
  /** Plays every chosen service already had: nothing was added for them. */
  alreadyThere: number;
  /** Plays the queue refused for every service, with its reasons (first few). */
  refused: number;
  refusedExamples: { where: string; problem: string }[];
  services: ServiceImportCounts[];
}

/** How far an import has got: for progress bars (the `import-progress` event). */
export interface ImportProgressEvent {
  /** The upload or file being read. */
  job: string;
  phase: 'preview' | 'import';
  bytesRead: number;
  totalBytes: number;
  rows: number;
  /** Plays queued so far (import only). */
  queued: number;
  done: boolean;
}

/** An import as the queue keeps it, with what became of its rows so far. */
export interface ImportSummary {
  id: string;
  fileName: string;
  format: ImportFormat;
  utcOffsetMinutes: number | null;
  /** ms since the epoch. */
  createdAt: number;
  lastRunAt: number;
  /** What the last run did. */
  counts: Partial<ImportResult> & { services?: ServiceImportCounts[] };
  /** Rows of this import now in the queue and history, per service and state. */
  rows: { target: string; state: ScrobbleState; count: number }[];
  /** Rows that "remove" would delete now (queued, retrying or failed). */
  unsent: number;
  /** Rows sent, being sent, or answered (they stay when the import is removed). */
  sent: number;
  removedAt: number | null;
}

/** What removing an import did. */
export interface ImportRemoval {
  id: string;
  /** Unsent rows deleted. */
  removed: number;
  /** Rows that stayed because they were sent (or are being sent right now). */
  kept: number;
  keptByState: Partial<Record<ScrobbleState, number>>;
}

/** A file being uploaded from the window into the data dir (see import-uploads.ts). */
export interface ImportUpload {
  upload: string;
  fileName: string;
  /** Bytes received so far. */
  bytes: number;
  size: number;
}
