import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { appendFile, open, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ImportUpload } from '../../../shared/import-types.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../../../shared/errors.js';

// Files the window imports reach main as their content, uploaded in bounded chunks into a temp
// file in the data dir. Why not a path: the window also runs in a plain browser (`serve`),
// where a page never learns a file's path, and Electron no longer gives one either (File.path
// is gone; webUtils.getPathForFile exists only in the preload). Why chunks: the headless
// server caps a call's body at 1 MB (src/main/server/read-json-body.ts), and one 70 MB string
// would be held whole in both processes. Why a file: the importer streams files, so a 70 MB
// history costs the same bounded memory as one given on the command line. The file is removed
// after the import, when the window discards it, when the core closes, and a leftover of a
// crashed process is removed a day later (the CLI and the app share the data dir, so a fresh
// upload of the other process must not be swept away).

/** The largest file accepted: Spotify splits its history into files of about 12 MB. */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
/** Leftovers of a crashed process older than this are removed. */
const STALE_MS = 24 * 60 * 60 * 1000;

interface Upload extends ImportUpload {
  path: string;
  busy: boolean;
}

export class ImportUploads {
  readonly #dir: string;
  readonly #uploads = new Map<string, Upload>();

  constructor(dataDir: string, now: () => number = Date.now) {
    this.#dir = join(dataDir, 'import-uploads');
    sweepStale(this.#dir, now());
  }

  /** Starts an upload of `size` bytes; the name is only shown, never used as a path. */
  async begin(fileName: string, size: number): Promise<ImportUpload> {
    if (size > MAX_UPLOAD_BYTES) {
      throw new InvalidInputError(
        `${fileName} is ${Math.round(size / 1024 / 1024)} MB; files up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB can be imported. Split it, or import it with the command line.`,
      );
    }
    mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
    const upload = randomUUID();
    const path = join(this.#dir, `${upload}.part`);
    await (await open(path, 'wx', 0o600)).close();
    const entry: Upload = {
      upload,
      fileName: basename(fileName),
      bytes: 0,
      size,
      path,
      busy: false,
    };
    this.#uploads.set(upload, entry);
    return view(entry);
  }

  /**
   * Adds the next chunk. `offset` must be where the last one ended: a chunk sent twice or
   * out of order would corrupt the file, so it is refused instead.
   */
  async append(upload: string, offset: number, base64: string): Promise<ImportUpload> {
    const entry = this.#get(upload);
    if (offset !== entry.bytes) {
      throw new ConflictError(
        `The upload of ${entry.fileName} is at byte ${entry.bytes}, not ${offset}: send the chunk that starts there.`,
      );
    }
    const bytes = Buffer.from(base64, 'base64');
    if (entry.bytes + bytes.length > entry.size) {
      throw new InvalidInputError(
        `${entry.fileName} is larger than the ${entry.size} bytes announced: start the upload again.`,
      );
    }
    await appendFile(entry.path, bytes);
    entry.bytes += bytes.length;
    return view(entry);
  }

  /** The complete file's path, for the importer; `busy` while an import reads it. */
  complete(upload: string): { path: string; fileName: string } {
    const entry = this.#get(upload);
    if (entry.bytes !== entry.size) {
      throw new ConflictError(
        `${entry.fileName} is not uploaded yet (${entry.bytes} of ${entry.size} bytes).`,
      );
    }
    return { path: entry.path, fileName: entry.fileName };
  }

  /** Marks the upload as being imported; refuses a second import of it at the same time. */
  claim(upload: string): () => void {
    const entry = this.#get(upload);
    if (entry.busy) throw new ConflictError(`${entry.fileName} is being imported already.`);
    entry.busy = true;
    return () => {
      entry.busy = false;
    };
  }

  /** Removes the upload's file (done with, or abandoned). */
  async discard(upload: string): Promise<void> {
    const entry = this.#uploads.get(upload);
    if (!entry) return;
    this.#uploads.delete(upload);
    await unlink(entry.path).catch(() => undefined);
  }

  /** Removes every upload of this process (the core is closing). */
  async discardAll(): Promise<void> {
    await Promise.all([...this.#uploads.keys()].map((u) => this.discard(u)));
  }

  #get(upload: string): Upload {
    const entry = this.#uploads.get(upload);
    if (!entry) {
      throw new NotFoundError(
        'That upload is gone (imported, discarded, or the app restarted): choose the file again.',
      );
    }
    return entry;
  }
}

function view(entry: Upload): ImportUpload {
  return { upload: entry.upload, fileName: entry.fileName, bytes: entry.bytes, size: entry.size };
}

function sweepStale(dir: string, now: number): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // No uploads yet.
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs > STALE_MS) unlinkSync(path);
    } catch {
      // Gone already, or not ours to remove: only space is at stake.
    }
  }
}
