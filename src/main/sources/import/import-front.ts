import type {
  FilePreview,
  ImportFormat,
  ImportProgressEvent,
  ImportRemoval,
  ImportResult,
  ImportSummary,
  ImportUpload,
} from '../../../shared/import-types.js';
import type { CoreEvent } from '../../../shared/core-events.js';
import { ImportService, type ImportOptions, type ImportQueue } from './import-service.js';
import { ImportUploads } from './import-uploads.js';
import type { ImportTarget } from './preview.js';
import { ImportFileError } from './types.js';

// Imports as the window drives them (the `import.*` contract methods): a file uploaded in
// chunks, its preview, the import with progress events, and the list of past imports with
// "remove unsent". The CLI reads a path instead and calls ImportService itself.

export interface ImportFrontQueue extends ImportQueue {
  listImports(): ImportSummary[];
  removeImport(id: string): ImportRemoval;
}

export interface ImportFrontOptions {
  dataDir: string;
  queue: ImportFrontQueue;
  /** The services new scrobbles go to, with their names and age limits. */
  targets: () => ImportTarget[];
  emit: (event: CoreEvent) => void;
  now?: () => number;
}

export interface ImportChoice {
  upload: string;
  format?: ImportFormat;
  utcOffsetMinutes?: number;
  services?: string[];
}

/** Progress events at most this often (plus the last one): a 70 MB file reads 280 chunks. */
const PROGRESS_EVERY_MS = 100;

export class ImportFront {
  readonly #opts: ImportFrontOptions;
  readonly #uploads: ImportUploads;
  readonly #service: ImportService;

  constructor(opts: ImportFrontOptions) {
    this.#opts = opts;
    this.#uploads = new ImportUploads(opts.dataDir, opts.now);
    this.#service = new ImportService({
      queue: opts.queue,
      targets: opts.targets,
      ...(opts.now ? { now: opts.now } : {}),
    });
  }

  begin(fileName: string, size: number): Promise<ImportUpload> {
    return this.#uploads.begin(fileName, size);
  }

  append(upload: string, offset: number, data: string): Promise<ImportUpload> {
    return this.#uploads.append(upload, offset, data);
  }

  discard(upload: string): Promise<void> {
    return this.#uploads.discard(upload);
  }

  /** What importing the uploaded file would do, per service. The file stays for the import. */
  async preview(choice: ImportChoice): Promise<FilePreview> {
    const { path, fileName } = this.#uploads.complete(choice.upload);
    const release = this.#uploads.claim(choice.upload);
    try {
      return await this.#service.preview(path, this.#options(choice, fileName, 'preview'));
    } catch (error) {
      throw renamed(error, path, fileName);
    } finally {
      release();
    }
  }

  /** Imports the uploaded file, with `import-progress` events; the upload is removed after. */
  async run(choice: ImportChoice): Promise<ImportResult> {
    const { path, fileName } = this.#uploads.complete(choice.upload);
    const release = this.#uploads.claim(choice.upload);
    try {
      return await this.#service.import(path, this.#options(choice, fileName, 'import'));
    } catch (error) {
      throw renamed(error, path, fileName);
    } finally {
      release();
      await this.#uploads.discard(choice.upload);
    }
  }

  list(): ImportSummary[] {
    return this.#opts.queue.listImports();
  }

  remove(id: string): ImportRemoval {
    return this.#opts.queue.removeImport(id);
  }

  close(): Promise<void> {
    return this.#uploads.discardAll();
  }

  #options(choice: ImportChoice, fileName: string, phase: 'preview' | 'import'): ImportOptions {
    let last = 0;
    const options: ImportOptions = {
      fileName,
      onProgress: (p) => {
        const done = p.bytesRead >= p.totalBytes;
        const now = Date.now();
        if (!done && now - last < PROGRESS_EVERY_MS) return;
        last = now;
        const event: ImportProgressEvent = { job: choice.upload, phase, ...p, done };
        this.#opts.emit({ type: 'import-progress', ...event });
      },
    };
    if (choice.format) options.format = choice.format;
    if (choice.utcOffsetMinutes !== undefined) options.utcOffsetMinutes = choice.utcOffsetMinutes;
    if (choice.services) options.services = choice.services;
    return options;
  }
}

/** A message about the temp file names the file the user chose instead. */
function renamed(error: unknown, path: string, fileName: string): unknown {
  if (!(error instanceof ImportFileError)) return error;
  const base = path.split(/[\\/]/).pop() ?? path;
  return new ImportFileError(error.message.split(path).join(fileName).split(base).join(fileName));
}
