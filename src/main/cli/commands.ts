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
}

export interface CommandResult {
  /** Machine-readable result, printed as JSON with --json. */
  data: unknown;
  /** What a person reads; defaults to nothing. */
  human?: string;
  exitCode?: number;
}
