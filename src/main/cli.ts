// The command line: a third front over the same core as the window and headless mode.
import { loginCommand, logoutCommand, whoamiCommand } from './cli/account-commands.js';
import type { CliCommand } from './cli/commands.js';
import { processIo } from './cli/io.js';
import {
  editCommand,
  flushCommand,
  nowPlayingCommand,
  queueCommand,
  removeCommand,
  retryCommand,
  scrobbleCommand,
} from './cli/queue-commands.js';
import { runCli } from './cli/run-cli.js';
import { serveCommand } from './cli/serve-command.js';

/** Every command, in the order --help lists them (DESIGN.md's CLI contract). */
export const COMMANDS: readonly CliCommand[] = [
  loginCommand,
  logoutCommand,
  whoamiCommand,
  scrobbleCommand,
  nowPlayingCommand,
  queueCommand,
  retryCommand,
  editCommand,
  removeCommand,
  flushCommand,
  serveCommand,
];

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.exitCode = await runCli(argv, processIo(), COMMANDS);
}
