// The command line: a third front over the same core as the window and headless mode.
//
// A player hook runs `scrobbletray` once per track, so a command loads only what it uses:
// this table holds each command's name, usage and summary (all that --help and --version
// need) and imports the command's module when it runs. The core, SQLite, undici and zod are
// therefore never loaded for help or the version. test/unit/cli/command-table.test.ts checks
// that the text here matches each module's own.
import module from 'node:module';
import { AT_FORMS, type CliCommand } from './cli/commands.js';
import { processIo } from './cli/io.js';
import { runCli } from './cli/run-cli.js';

/** A command whose code is imported on first run. */
export interface LazyCliCommand extends CliCommand {
  /** The command's module, imported (once; the module cache keeps it). */
  load(): Promise<CliCommand>;
}

function lazy(meta: Omit<LazyCliCommand, 'run'>): LazyCliCommand {
  return { ...meta, run: async (args, ctx) => (await meta.load()).run(args, ctx) };
}

/** Every command, in the order --help lists them (DESIGN.md's CLI contract). */
export const COMMANDS: readonly LazyCliCommand[] = [
  lazy({
    name: 'login',
    usage:
      'scrobbletray login [--service lastfm|librefm|listenbrainz|soundcloud|ID] [--method web|token|password|oauth1|oauth2] [--username U] [--no-browser]',
    summary:
      'Sign in. web (default): approve in the browser; token: approve on any device; password: user name and password (from stdin or SCROBBLETRAY_PASSWORD; the only method for as12 servers). ListenBrainz: the user token from stdin or SCROBBLETRAY_USER_TOKEN. SoundCloud: oauth2 (default) or oauth1 in the browser.',
    load: async () => (await import('./cli/account-commands.js')).loginCommand,
  }),
  lazy({
    name: 'logout',
    usage: 'scrobbletray logout [--service S]',
    summary: 'Sign out: forget the account and delete its session key from the keychain.',
    load: async () => (await import('./cli/account-commands.js')).logoutCommand,
  }),
  lazy({
    name: 'whoami',
    usage: 'scrobbletray whoami [--service S]',
    summary: 'Show who is signed in, and whether the service wants you to sign in again.',
    load: async () => (await import('./cli/account-commands.js')).whoamiCommand,
  }),
  lazy({
    name: 'services',
    usage:
      'scrobbletray services [add ID --name NAME --url URL --protocol lastfm2|gnufm|as12|listenbrainz [--api-url U] [--auth-url U] | remove ID]',
    summary:
      'List every service (id, name, protocol, address, who is signed in); add a server of your own (URL is what you open in a browser; for as12 the handshake root, for listenbrainz the API root) or remove one.',
    load: async () => (await import('./cli/services-commands.js')).servicesCommand,
  }),
  lazy({
    name: 'scrobble',
    usage:
      'scrobbletray scrobble (--artist A --track T | --url URL) [--album B] [--album-artist C] [--duration SEC] [--track-number N] [--at WHEN]',
    summary: 'Queue a scrobble, then try to send it. Exit 1 if the service ignored it. ' + AT_FORMS,
    load: async () => (await import('./cli/queue-commands.js')).scrobbleCommand,
  }),
  lazy({
    name: 'now-playing',
    usage:
      'scrobbletray now-playing --artist A --track T [--album B] [--album-artist C] [--duration SEC]',
    summary: 'Tell the service what is playing now (best effort; never queued or retried).',
    load: async () => (await import('./cli/queue-commands.js')).nowPlayingCommand,
  }),
  lazy({
    name: 'queue',
    usage: 'scrobbletray queue [--state queued|retrying|failed|accepted|ignored|all] [--limit N]',
    summary: 'List scrobbles: by default everything not yet accepted, oldest first.',
    load: async () => (await import('./cli/queue-commands.js')).queueCommand,
  }),
  lazy({
    name: 'retry',
    usage: 'scrobbletray retry [ID ... | --all]',
    summary: 'Queue failed or ignored scrobbles again (--all: every failed one), then try to send.',
    load: async () => (await import('./cli/queue-commands.js')).retryCommand,
  }),
  lazy({
    name: 'edit',
    usage:
      'scrobbletray edit ID [--artist A] [--track T] [--album B] [--album-artist C] [--duration SEC] [--at WHEN]',
    summary:
      'Change a queued, failed or ignored scrobble; it is checked again, queued and sent. ' +
      AT_FORMS,
    load: async () => (await import('./cli/queue-commands.js')).editCommand,
  }),
  lazy({
    name: 'remove',
    usage: 'scrobbletray remove ID ...',
    summary: 'Delete scrobbles from the queue or history (not from the service).',
    load: async () => (await import('./cli/queue-commands.js')).removeCommand,
  }),
  lazy({
    name: 'flush',
    usage: 'scrobbletray flush',
    summary:
      'Send everything waiting now, including scrobbles waiting to retry after an outage (rate limits and the daily cap still hold); wait and report the counts.',
    load: async () => (await import('./cli/queue-commands.js')).flushCommand,
  }),
  lazy({
    name: 'serve',
    usage: 'scrobbletray serve [--port N]',
    summary:
      'Headless mode: run Scrobbletray and serve its window on 127.0.0.1; open the address it prints. Ctrl+C stops it.',
    load: async () => (await import('./cli/serve-command.js')).serveCommand,
  }),
  lazy({
    name: 'watch',
    usage: 'scrobbletray watch [--json]',
    summary:
      'Watch media players in the foreground: one line per event (player seen, now playing, scrobbled, skipped and why); --json prints one JSON object per line with "event". Ctrl+C stops.',
    load: async () => (await import('./cli/watch-command.js')).watchCommand,
  }),
  lazy({
    name: 'import',
    usage:
      'scrobbletray import FILE [--format scrobbler-log|spotify|listenbrainz] [--service ID ...] [--utc-offset +HH:MM] [--dry-run]',
    summary:
      'Queue plays from a .scrobbler.log, a Spotify extended streaming history or a ListenBrainz export; --dry-run shows what would be queued, left out and why.',
    load: async () => (await import('./cli/import-command.js')).importCommand,
  }),
];

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // Node 22.1+ keeps compiled code on disk, so the command modules imported below (and the
  // core under them) load faster from the second run on. Node 20 has no such switch.
  const cache = (module as { enableCompileCache?: () => unknown }).enableCompileCache;
  try {
    cache?.();
  } catch {
    // A read-only temp folder only costs speed.
  }
  process.exitCode = await runCli(argv, processIo(), COMMANDS);
}
