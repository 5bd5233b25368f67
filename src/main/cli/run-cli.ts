import { APP_VERSION } from '../version.js';
import type { CliCommand } from './commands.js';
import { CliFailure, UsageError, type CliIo } from './io.js';

/**
 * Parse the command name and global flags, run the command, print its result, and map
 * failures to the contract's exit codes: 0 success, 1 a failure it explains, 2 bad usage.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CliCommand[],
): Promise<number> {
  const json = argv.includes('--json');
  // Like --json, --utc means the same to every command: how its text shows times.
  const utc = argv.includes('--utc');
  const args = argv.filter((a) => a !== '--json' && a !== '--utc');
  const [name, ...rest] = args;

  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText(commands, rest[0]));
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(json ? `${JSON.stringify({ version: APP_VERSION })}\n` : `${APP_VERSION}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) return fail(io, json, 2, `unknown command "${name}". Run scrobbletray --help.`);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`usage: ${command.usage}\n\n${command.summary}\n`);
    return 0;
  }

  try {
    const result = await command.run(rest, { io, json, utc });
    // A streaming command (`watch`) printed its JSON lines already and returns no data.
    if (json) {
      if (result.data !== undefined) io.stdout(`${JSON.stringify(result.data, null, 2)}\n`);
    } else if (result.human)
      io.stdout(result.human.endsWith('\n') ? result.human : `${result.human}\n`);
    return result.exitCode ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      return fail(io, json, 2, `${error.message}\nusage: ${command.usage}`);
    }
    if (error instanceof CliFailure) return fail(io, json, 1, error.message);
    // Every other error is still one the user should read, not a stack trace; our errors are
    // built so their messages never carry a secret. The exit code comes from the shared
    // error vocabulary, like the HTTP status and the window's result.
    const failure = await describeFailure(error);
    return fail(io, json, failure.code, failure.message);
  }
}

/** The exit code and message, from the shared error vocabulary. */
async function describeFailure(error: unknown): Promise<{ code: number; message: string }> {
  const message = error instanceof Error ? error.message : String(error);
  try {
    // Loaded here, not at startup: --help and --version stay fast (see command-table.test).
    const { errorView, EXIT_CODE } = await import('../errors/error-kinds.js');
    const view = errorView(error);
    return { code: EXIT_CODE[view.kind], message: view.message };
  } catch {
    return { code: 1, message }; // the vocabulary could not load: still a failure, explained
  }
}

function fail(io: CliIo, json: boolean, code: number, message: string): number {
  if (json) io.stdout(`${JSON.stringify({ error: { message, exitCode: code } }, null, 2)}\n`);
  io.stderr(`scrobbletray: ${message}\n`);
  return code;
}

function helpText(commands: readonly CliCommand[], topic?: string): string {
  const command = topic ? commands.find((c) => c.name === topic) : undefined;
  if (command) return `usage: ${command.usage}\n\n${command.summary}\n`;
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `Scrobbletray ${APP_VERSION}: records what you listen to on Last.fm and compatible services.`,
    '',
    'usage: scrobbletray <command> [options] [--json] [--utc]',
    '',
    'commands:',
    ...lines,
    '',
    'Every command takes --json for machine-readable output, and --utc to print times in UTC',
    '(local time otherwise). Exit codes: 0 ok, 1 failed, 2 bad usage.',
    'Run scrobbletray help <command> for a command’s options.',
    '',
  ].join('\n');
}
