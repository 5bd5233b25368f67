import type { Core } from '../core.js';
import { resolveServiceEndpoints } from '../settings/service-config.js';
import {
  ImportService,
  ImportServiceError,
  type ImportResult,
} from '../sources/import/import-service.js';
import type { FilePreview, ImportTarget } from '../sources/import/index.js';
import { ImportFileError, IMPORT_FORMATS, type ImportFormat } from '../sources/import/types.js';
import { parseUtcOffset } from '../sources/import/utc-offset.js';
import { oneOf, parseCommandArgs } from './args.js';
import type { CliCommand, CommandResult } from './commands.js';
import { withCore } from './core-session.js';
import { CliFailure, UsageError } from './io.js';

// `scrobbletray import FILE [--format F] [--service ID ...] [--utc-offset ±HH:MM] [--dry-run]`
// The preview and the import are the same planner (src/main/sources/import), so --dry-run
// shows exactly what the import would queue, refuse and why.

export const importCommand: CliCommand = {
  name: 'import',
  usage:
    'scrobbletray import FILE [--format scrobbler-log|spotify|listenbrainz] [--service ID ...] [--utc-offset +HH:MM] [--dry-run]',
  summary:
    'Queue plays from a .scrobbler.log, a Spotify extended streaming history or a ListenBrainz export; --dry-run shows what would be queued, left out and why.',
  async run(args, ctx): Promise<CommandResult> {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        format: { type: 'string' },
        service: { type: 'string', multiple: true },
        'utc-offset': { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
      true,
    );
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('give exactly one FILE to import');
    const format =
      values.format === undefined
        ? undefined
        : oneOf<ImportFormat>('format', values.format, IMPORT_FORMATS, 'spotify');
    let utcOffsetMinutes: number | undefined;
    if (values['utc-offset'] !== undefined) {
      const offset = parseUtcOffset(values['utc-offset']);
      if (!offset.ok) throw new UsageError(offset.message);
      utcOffsetMinutes = offset.minutes;
    }
    return withCore(ctx.io, async (core) => {
      const signedIn = core.signedInServices();
      const chosen = values.service ?? signedIn;
      const unknown = chosen.filter((id) => !signedIn.includes(id));
      if (unknown.length > 0) {
        throw new CliFailure(
          `Not signed in to ${unknown.join(', ')}: sign in first (scrobbletray login --service ${unknown[0]}). Signed in: ${signedIn.join(', ')}.`,
        );
      }
      const dryRun = values['dry-run'] === true;
      const importer = new ImportService({
        queue: core.queue,
        targets: () => signedIn.map((id) => importTarget(core, ctx.io.env, id)),
      });
      const progress = progressPrinter(ctx.io.stderr, dryRun ? 'Reading' : 'Importing');
      const options = { format, utcOffsetMinutes, services: chosen, onProgress: progress };
      try {
        if (dryRun) {
          const preview = await importer.preview(file, options);
          return { data: preview, human: describePreview(preview, true), exitCode: 0 };
        }
        const result = await importer.import(file, options);
        return {
          data: result,
          human: describeImport(result),
          exitCode: result.preview.needsUtcOffset ? 1 : 0,
        };
      } catch (error) {
        if (error instanceof ImportFileError || error instanceof ImportServiceError)
          throw new CliFailure(error.message);
        throw error;
      }
    });
  },
};

/** Files smaller than this finish before a progress line would help. */
const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;
const PROGRESS_EVERY_MS = 1000;

/**
 * Progress of a long import on stderr, at most once a second: stdout stays the result alone
 * (the --json object, or the report), so it can be piped.
 */
function progressPrinter(
  stderr: (text: string) => void,
  verb: string,
): (p: { bytesRead: number; totalBytes: number; rows: number; queued: number }) => void {
  let last = 0;
  return (p) => {
    if (p.totalBytes < PROGRESS_MIN_BYTES) return;
    const now = Date.now();
    const done = p.bytesRead >= p.totalBytes;
    if (!done && now - last < PROGRESS_EVERY_MS) return;
    if (done && last === 0) return;
    last = now;
    const percent = Math.floor((100 * p.bytesRead) / Math.max(1, p.totalBytes));
    const queued = verb === 'Importing' ? `, ${p.queued} plays queued` : '';
    stderr(`${verb}: ${percent}% (${p.rows} rows${queued})\n`);
  };
}

function importTarget(core: Core, env: NodeJS.ProcessEnv, id: string): ImportTarget {
  const preset = resolveServiceEndpoints(id, core.settings, env).preset;
  return preset.maxAgeDays === undefined
    ? { id, name: preset.name }
    : { id, name: preset.name, maxAgeDays: preset.maxAgeDays };
}

function day(unixSec: number): string {
  return new Date(unixSec * 1000).toISOString().slice(0, 10);
}

export function describePreview(preview: FilePreview, dryRun: boolean): string {
  const lines = [
    `${preview.file}: ${preview.format}, ${preview.rows} rows, ${preview.plays} plays` +
      (preview.earliest !== undefined && preview.latest !== undefined
        ? ` from ${day(preview.earliest)} to ${day(preview.latest)}`
        : ''),
  ];
  if (preview.needsUtcOffset) {
    lines.push(
      "The log says #TZ/UNKNOWN: its times are the device's own clock. Give the device's offset from UTC, e.g. --utc-offset +01:00; nothing is imported without it.",
    );
  }
  for (const service of preview.services) {
    lines.push(`${dryRun ? 'Would queue' : 'For'} ${service.name}: ${service.plays} plays`);
    for (const skip of service.skipped) {
      lines.push(`  not sent to ${service.name}, ${skip.label}: ${skip.count}`);
      for (const example of skip.examples) lines.push(`    ${example.where}: ${example.text}`);
    }
  }
  if (preview.skipped.length > 0) lines.push('Left out:');
  for (const skip of preview.skipped) {
    lines.push(`  ${skip.label}: ${skip.count}`);
    for (const example of skip.examples) {
      lines.push(
        `    ${example.text.startsWith(example.where) ? example.text : `${example.where}: ${example.text}`}`,
      );
    }
  }
  return lines.join('\n');
}

function describeImport(result: ImportResult): string {
  const lines = [describePreview(result.preview, false), `Queued ${result.queued} plays.`];
  for (const service of result.services) {
    const already =
      service.alreadyThere > 0
        ? `, ${service.alreadyThere} already there from an earlier import`
        : '';
    lines.push(`  ${service.name}: ${service.queued} queued${already}`);
  }
  if (result.alreadyThere > 0) {
    lines.push(
      `Already there: ${result.alreadyThere} plays were imported before; nothing was added for them.`,
    );
  }
  if (result.refused > 0) {
    lines.push(`Refused by the queue: ${result.refused}`);
    for (const r of result.refusedExamples) lines.push(`  ${r.where}: ${r.problem}`);
  }
  return lines.join('\n');
}
