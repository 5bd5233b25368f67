import type { EnqueueOutcome } from '../../../shared/queue-types.js';
import { planImportFile, type FilePreview, type ReadOptions } from './read-import.js';
import type { ImportTarget, PlannedPlay } from './preview.js';

// Preview and import a file through the queue's per-item batch enqueue (QueueService
// .enqueueEach): the same planner decides both, so the import does what the preview said.
//
// Today's seam queues each play for every signed-in service under the strictest age rule.
// A play the plan sends to only some services (e.g. older than Last.fm's 14 days but fine for
// Libre.fm) cannot be queued for just those yet: it is counted as `notQueued` with the
// services it was meant for, never sent to the wrong ones. See docs/IMPORT.md.

/** The part of QueueService the importer needs. */
export interface ImportQueue {
  enqueueEach(inputs: readonly unknown[], source: string): EnqueueOutcome[];
}

export interface ImportServiceOptions {
  queue: ImportQueue;
  /** The services new scrobbles go to, with their age limits, at the time of the call. */
  targets: () => ImportTarget[];
  now?: () => number;
}

export interface ImportOptions extends ReadOptions {
  examplesPerReason?: number;
}

export interface ImportResult {
  preview: FilePreview;
  /** Plays queued (for every service in `preview.services`). */
  queued: number;
  /** Plays the queue refused, with its reasons (first few). */
  refused: number;
  refusedExamples: { where: string; problem: string }[];
  /** Plays meant for only some services: not queued until the queue takes per-service plays. */
  notQueued: number;
}

/** The queue's `source` for imported plays. */
export const IMPORT_SOURCE = 'import';

export class ImportService {
  readonly #opts: ImportServiceOptions;

  constructor(opts: ImportServiceOptions) {
    this.#opts = opts;
  }

  /** What an import of this file would do: the `--dry-run` and the window's preview. */
  preview(path: string, options: ImportOptions = {}): Promise<FilePreview> {
    return planImportFile(path, this.#opts.targets(), { ...options, nowSec: this.#nowSec() });
  }

  /** Reads the file once more and queues its plays, a batch per chunk read. */
  async import(path: string, options: ImportOptions = {}): Promise<ImportResult> {
    const targets = this.#opts.targets();
    const everyTarget = targets.length;
    let queued = 0;
    let refused = 0;
    let notQueued = 0;
    const refusedExamples: ImportResult['refusedExamples'] = [];
    const submit = (plays: PlannedPlay[]) => {
      const whole = plays.filter((p) => p.targets.length === everyTarget);
      notQueued += plays.length - whole.length;
      if (whole.length === 0) return;
      const outcomes = this.#opts.queue.enqueueEach(
        whole.map((p) => p.item),
        IMPORT_SOURCE,
      );
      outcomes.forEach((outcome, i) => {
        if (outcome.ok) {
          queued++;
          return;
        }
        refused++;
        const play = whole[i];
        if (play && refusedExamples.length < (options.examplesPerReason ?? 3)) {
          refusedExamples.push({
            where: `line ${play.position.line}`,
            problem: outcome.problems.map((p) => p.message).join(' '),
          });
        }
      });
    };
    const preview = await planImportFile(
      path,
      targets,
      { ...options, nowSec: this.#nowSec() },
      submit,
    );
    return { preview, queued, refused, refusedExamples, notQueued };
  }

  #nowSec(): number {
    return Math.floor((this.#opts.now?.() ?? Date.now()) / 1000);
  }
}
