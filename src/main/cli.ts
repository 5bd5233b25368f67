// The command line: a third front over the same core as the window and headless mode.
import { runCli } from './cli/run-cli.js';
import { processIo } from './cli/io.js';
import type { CliCommand } from './cli/commands.js';

/** Every command, in the order --help lists them. */
export const COMMANDS: readonly CliCommand[] = [];

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.exitCode = await runCli(argv, processIo(), COMMANDS);
}
