import type {
  FilePreview,
  ImportResult,
  ServiceImportCounts,
} from '../../../shared/import-types.js';
import type { EnqueueOutcome } from '../../../shared/queue-types.js';
import { importId } from './identity.js';
import { planImportFile, resolveFormat, type ReadOptions } from './read-import.js';
import type { ImportTarget, PlannedPlay } from './preview.js';
import { sha256OfFile } from './text-chunks.js';
import type { ImportProgress, ParseOptions } from './types.js';

// Preview and import a file through the queue's per-item batch enqueue (QueueService
// .enqueueEach): the same planner decides both, so the import does what the preview said.
// Each play goes to every chosen service whose rules it meets (a play too old for Last.fm
// still goes to Libre.fm or ListenBrainz), with its identity, so importing the same plays
// again adds nothing, and under the import's id, so the import can be reviewed and removed.

export type { ImportResult } from '../../../shared/import-types.js';

/** The part of QueueService the importer needs. */
export interface ImportQueue {
  enqueueEach(
    inputs: readonly unknown[],
    source: string,
    options: { targets?: readonly string[]; playIds?: readonly string[]; importId?: string },
  ): EnqueueOutcome[];
  beginImport(record: {
    id: string;
    fileName: string;
    format: string;
    utcOffsetMinutes?: number;
  }): void;
  setImportCounts(id: string, counts: object): void;
}

export interface ImportServiceOptions {
  queue: ImportQueue;
  /** The services new scrobbles go to, with their age limits, at the time of the call. */
  targets: () => ImportTarget[];
  now?: () => number;
}

export interface ImportOptions extends Omit<ReadOptions, 'onProgress'> {
  examplesPerReason?: number;
  /** Services to preview or import for: some of `targets()` (default: all of them). */
  services?: readonly string[];
  /** The name to show and keep for the file (an uploaded file's temp name means nothing). */
  fileName?: string;
  /** Per chunk read, and once at the end; `queued` counts plays queued so far. */
  onProgress?: (progress: ImportProgress & { queued: number }) => void;
}

/** The queue's `source` for imported plays. */
export const IMPORT_SOURCE = 'import';

export class ImportService {
  readonly #opts: ImportServiceOptions;

  constructor(opts: ImportServiceOptions) {
    this.#opts = opts;
  }

  /** What an import of this file would do: the `--dry-run` and the window's preview. */
  async preview(path: string, options: ImportOptions = {}): Promise<FilePreview> {
    const { onProgress, fileName, services, ...read } = options;
    const preview = await planImportFile(path, this.#targets(services), {
      ...read,
      nowSec: this.#nowSec(),
      ...(onProgress ? { onProgress: (p: ImportProgress) => onProgress({ ...p, queued: 0 }) } : {}),
    });
    return fileName ? { ...preview, file: fileName } : preview;
  }

  /**
   * Reads the file and queues its plays, a batch (one transaction) per chunk read (256 KB). The
   * import's id is known before the first play is queued: the file is hashed first.
   */
  async import(path: string, options: ImportOptions = {}): Promise<ImportResult> {
    const { onProgress, fileName, services, ...read } = options;
    const targets = this.#targets(services);
    const ids = targets.map((t) => t.id);
    const format = await resolveFormat(path, read.format);
    const parse: ParseOptions =
      read.utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes: read.utcOffsetMinutes };
    const id = importId(await sha256OfFile(path), format, parse);
    const name = fileName ?? path.split(/[\\/]/).pop() ?? path;
    const perService = new Map<string, ServiceImportCounts>(
      targets.map((t) => [
        t.id,
        { id: t.id, name: t.name, queued: 0, alreadyThere: 0, refused: 0 },
      ]),
    );
    let begun = false;
    let queued = 0;
    let alreadyThere = 0;
    let refused = 0;
    const refusedExamples: ImportResult['refusedExamples'] = [];
    const submit = (plays: PlannedPlay[]) => {
      if (!begun) {
        // Only once there is something to queue: a log that needs an offset leaves no record.
        this.#opts.queue.beginImport({ id, fileName: name, format, ...parse });
        begun = true;
      }
      const outcomes = this.#opts.queue.enqueueEach(
        plays.map((p) => p.item),
        IMPORT_SOURCE,
        { targets: ids, playIds: plays.map((p) => p.identity), importId: id },
      );
      outcomes.forEach((outcome, i) => {
        for (const r of outcome.refused ?? []) count(perService, r.target, 'refused');
        if (!outcome.ok) {
          refused++;
          const play = plays[i];
          if (play && refusedExamples.length < (options.examplesPerReason ?? 3)) {
            refusedExamples.push({
              where: `line ${play.position.line}`,
              problem: outcome.problems.map((p) => p.message).join(' '),
            });
          }
          return;
        }
        for (const t of outcome.targets ?? []) count(perService, t, 'queued');
        for (const t of outcome.alreadyThere ?? []) count(perService, t, 'alreadyThere');
        if ((outcome.targets ?? []).length > 0) queued++;
        else alreadyThere++;
      });
    };
    const preview = await planImportFile(
      path,
      targets,
      {
        ...read,
        nowSec: this.#nowSec(),
        // The reader's last report comes before the last batch is queued: the one after the
        // loop below is the import's last word.
        ...(onProgress
          ? {
              onProgress: (p: ImportProgress) => {
                if (p.bytesRead < p.totalBytes) onProgress({ ...p, queued });
              },
            }
          : {}),
      },
      submit,
    );
    const result: ImportResult = {
      preview: { ...preview, file: name },
      queued,
      alreadyThere,
      refused,
      refusedExamples,
      services: [...perService.values()],
    };
    if (begun) {
      const { preview: p, ...counts } = result;
      this.#opts.queue.setImportCounts(id, { ...counts, rows: p.rows, plays: p.plays });
    }
    onProgress?.({
      bytesRead: preview.bytes,
      totalBytes: preview.bytes,
      rows: preview.rows,
      queued,
    });
    return result;
  }

  #targets(services: readonly string[] | undefined): ImportTarget[] {
    const all = this.#opts.targets();
    if (services === undefined) return all;
    const unknown = services.filter((id) => !all.some((t) => t.id === id));
    if (unknown.length > 0) {
      throw new ImportServiceError(
        `Not signed in to ${unknown.join(', ')}: sign in first (scrobbletray login --service ${unknown[0]}). Signed in: ${all.map((t) => t.id).join(', ')}.`,
      );
    }
    if (services.length === 0) throw new ImportServiceError('Choose at least one service.');
    return all.filter((t) => services.includes(t.id));
  }

  #nowSec(): number {
    return Math.floor((this.#opts.now?.() ?? Date.now()) / 1000);
  }
}

/** A choice of services that cannot be imported to. */
export class ImportServiceError extends Error {
  override readonly name = 'ImportServiceError';
  readonly kind = 'invalid-input';
}

function count(
  map: Map<string, ServiceImportCounts>,
  target: string,
  key: 'queued' | 'alreadyThere' | 'refused',
): void {
  const entry = map.get(target);
  if (entry) entry[key]++;
}
