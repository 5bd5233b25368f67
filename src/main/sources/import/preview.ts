import { FUTURE_TOLERANCE_SEC, validateScrobble } from '../../../shared/validation.js';
import type { ScrobbleItem } from '../../../shared/track.js';
import { playIdentity } from './identity.js';
import { plainScrobble } from './plain-play.js';
import type { ImportPreview, ReasonCount, ReasonExample } from '../../../shared/import-types.js';
import {
  describePosition,
  describeTrack,
  FILE_SKIP_REASONS,
  type FileSkipReason,
  type ImportRow,
  type RowPosition,
} from './types.js';

// What an import would do, decided row by row: which plays go to which service, and what is
// left out and why. The same planner drives `import --dry-run`, the window's preview and the
// import itself, so what the preview promises is what the import does.

/** A service the plays could go to, with its age limit (undefined: any age). */
export interface ImportTarget {
  id: string;
  name: string;
  maxAgeDays?: number;
}

export type {
  ReasonExample,
  ReasonCount,
  ServicePreview,
  ImportPreview,
} from '../../../shared/import-types.js';

/** One play the import would queue, with the services it goes to. */
export interface PlannedPlay {
  identity: string;
  item: ScrobbleItem;
  targets: string[];
  position: RowPosition;
}

export interface PlannerOptions {
  /** Clock in unix seconds. */
  nowSec: number;
  /** Examples kept per reason (default 3). */
  examplesPerReason?: number;
}

const LABELS: Record<FileSkipReason, string> = {
  'skipped-on-device': 'skipped on the device',
  'too-short': 'played less than 30 s (or the track is shorter than 30 s)',
  podcast: 'podcast episode or audiobook',
  'no-track-info': 'no artist or title in the file',
  'private-session': 'played in a private session',
  'no-time': 'no play time (a timeless log)',
  'needs-utc-offset': 'device-local time: give the UTC offset to import',
  'too-new': 'more than 5 minutes in the future',
  duplicate: 'duplicate within the file',
  malformed: 'malformed row',
};

export function tooOldLabel(target: ImportTarget): string {
  return `older than ${target.maxAgeDays} days (${target.name} takes only the last ${target.maxAgeDays} days)`;
}

class ReasonTally {
  readonly #counts = new Map<string, ReasonCount>();
  constructor(readonly examplesPerReason: number) {}

  /** Counts one row; the label and example are only built while examples are still wanted. */
  add(reason: ReasonCount['reason'], label: () => string, example: () => ReasonExample): void {
    let entry = this.#counts.get(reason);
    if (!entry) {
      entry = { reason, label: label(), count: 0, examples: [] };
      this.#counts.set(reason, entry);
    }
    entry.count++;
    if (entry.examples.length < this.examplesPerReason) entry.examples.push(example());
  }

  list(order: readonly string[]): ReasonCount[] {
    return order.flatMap((reason) => {
      const entry = this.#counts.get(reason);
      return entry ? [{ ...entry, examples: [...entry.examples] }] : [];
    });
  }
}

export class ImportPlanner {
  readonly #targets: readonly ImportTarget[];
  readonly #nowSec: number;
  readonly #fileSkips: ReasonTally;
  readonly #serviceSkips: Map<string, ReasonTally>;
  readonly #servicePlays = new Map<string, number>();
  /** Identity -> the line where the play first appeared, to name it in duplicate examples. */
  readonly #seen = new Map<string, number>();
  #rows = 0;
  #plays = 0;
  #importable = 0;
  #earliest: number | undefined;
  #latest: number | undefined;

  constructor(targets: readonly ImportTarget[], options: PlannerOptions) {
    this.#targets = targets;
    this.#nowSec = options.nowSec;
    const examples = options.examplesPerReason ?? 3;
    this.#fileSkips = new ReasonTally(examples);
    this.#serviceSkips = new Map(targets.map((t) => [t.id, new ReasonTally(examples)]));
    for (const t of targets) this.#servicePlays.set(t.id, 0);
  }

  /** Classify one row; returns the play when at least one service would get it. */
  add(row: ImportRow): PlannedPlay | undefined {
    this.#rows++;
    const where = () => describePosition(row);
    if (row.kind === 'error') {
      this.#skip('malformed', () => ({ where: where(), text: row.message }));
      return undefined;
    }
    if (row.kind === 'skip') {
      this.#skip(row.reason, () => ({ where: where(), text: row.what }));
      return undefined;
    }
    const { play } = row;
    const what = () => describeTrack(play.artist, play.track);
    if (play.timestamp > this.#nowSec + FUTURE_TOLERANCE_SEC) {
      this.#skip('too-new', () => ({ where: where(), text: `${what()} (${iso(play.timestamp)})` }));
      return undefined;
    }
    // Shape only: the age limit differs per service and is checked below. Most plays are
    // plainly fine and pass the quick check; the rest get the shared rules and their words.
    let item = plainScrobble(play, this.#nowSec);
    if (!item) {
      const checked = validateScrobble(play, { nowSec: this.#nowSec });
      if (!checked.ok) {
        const problem = checked.problems.map((p) => p.message).join(' ');
        this.#skip('malformed', () => ({
          where: where(),
          text: `${where()} malformed: ${problem}`,
        }));
        return undefined;
      }
      item = checked.value;
    }
    const identity = playIdentity(item);
    const firstLine = this.#seen.get(identity);
    if (firstLine !== undefined) {
      this.#skip('duplicate', () => ({
        where: where(),
        text: `${what()}, as on line ${firstLine}`,
      }));
      return undefined;
    }
    // Only the line is kept per play: this map is the one thing that grows with the file.
    this.#seen.set(identity, row.line);
    this.#plays++;
    if (this.#earliest === undefined || item.timestamp < this.#earliest)
      this.#earliest = item.timestamp;
    if (this.#latest === undefined || item.timestamp > this.#latest) this.#latest = item.timestamp;
    const targets: string[] = [];
    for (const target of this.#targets) {
      const days = target.maxAgeDays;
      if (days !== undefined && item.timestamp < this.#nowSec - days * 86400) {
        this.#serviceSkips.get(target.id)?.add(
          'too-old',
          () => tooOldLabel(target),
          () => ({ where: where(), text: `${what()} (${iso(item.timestamp)})` }),
        );
        continue;
      }
      targets.push(target.id);
      this.#servicePlays.set(target.id, (this.#servicePlays.get(target.id) ?? 0) + 1);
    }
    if (targets.length === 0) return undefined;
    this.#importable++;
    const position =
      row.item === undefined ? { line: row.line } : { line: row.line, item: row.item };
    return { identity, item, targets, position };
  }

  #skip(reason: FileSkipReason, example: () => ReasonExample): void {
    this.#fileSkips.add(reason, () => LABELS[reason], example);
  }

  summary(): ImportPreview {
    const skipped = this.#fileSkips.list(FILE_SKIP_REASONS);
    return {
      rows: this.#rows,
      plays: this.#plays,
      importable: this.#importable,
      skipped,
      services: this.#targets.map((t) => ({
        id: t.id,
        name: t.name,
        ...(t.maxAgeDays === undefined ? {} : { maxAgeDays: t.maxAgeDays }),
        plays: this.#servicePlays.get(t.id) ?? 0,
        skipped: this.#serviceSkips.get(t.id)?.list(['too-old']) ?? [],
      })),
      needsUtcOffset: skipped.some((s) => s.reason === 'needs-utc-offset'),
      ...(this.#earliest === undefined ? {} : { earliest: this.#earliest, latest: this.#latest }),
    };
  }
}

/** The preview of rows already parsed: pure, no I/O. */
export function previewRows(
  rows: Iterable<ImportRow>,
  targets: readonly ImportTarget[],
  options: PlannerOptions,
): ImportPreview {
  const planner = new ImportPlanner(targets, options);
  for (const row of rows) planner.add(row);
  return planner.summary();
}

function iso(unixSec: number): string {
  return new Date(unixSec * 1000).toISOString().replace('.000Z', 'Z');
}
