import type { CliIo } from './io.js';

/** One CLI command: its usage line, a one-line summary and what it does. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /** Returns the value to print: with --json as JSON, otherwise through `human`. */
  run(args: string[], ctx: CommandContext): Promise<CommandResult>;
}

export interface CommandContext {
  io: CliIo;
  json: boolean;
  /** --utc: print times in UTC instead of local time (time-format.ts). */
  utc?: boolean;
}

export interface CommandResult {
  /** Machine-readable result, printed as JSON with --json. */
  data: unknown;
  /** What a person reads; defaults to nothing. */
  human?: string;
  exitCode?: number;
}

/**
 * Every form --at takes (parsePlayTime in play-time.ts reads them), for help. Here rather than
 * beside the parser: help must not load a command's module.
 */
export const AT_FORMS =
  'WHEN: now (the default); unix seconds (1763820000); ISO 8601 with a zone ' +
  '(2026-11-22T14:05:00Z, 2026-11-22T15:05+01:00) or without one for local time ' +
  '(2026-11-22 15:05); or "20 minutes ago", "2 hours ago", "1 day ago" (m, min, h, d work too).';
