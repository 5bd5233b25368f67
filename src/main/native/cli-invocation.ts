// The installed app is also the `scrobbletray` command: started with a CLI command
// (`scrobbletray whoami`), its Electron entry runs bin/scrobbletray.js on Electron's own
// Node instead of opening the tray (src/main/electron/launch.ts). Pure, so it is unit-tested.

/** Arguments that mean "the command line", though they start with a dash. */
const CLI_FLAGS = new Set(['--help', '-h', '--version', '-V']);

/**
 * The CLI arguments when this start is a CLI call, else null. `argv` is process.argv:
 * [electron, app dir, ...args] in development, [app binary, ...args] when packaged. A CLI
 * command is a word (`whoami`, `serve`); the tray app's own arguments are all flags
 * (`--hidden`, Chromium's `--no-sandbox`), so a first argument that is not a flag is a
 * command.
 */
export function cliArguments(argv: readonly string[], packaged: boolean): string[] | null {
  const args = argv.slice(packaged ? 1 : 2);
  const first = args[0];
  if (first === undefined) return null;
  return !first.startsWith('-') || CLI_FLAGS.has(first) ? [...args] : null;
}
