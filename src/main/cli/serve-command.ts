import { Core } from '../core.js';
import type { WatchingOptions } from '../sources/players/players-service.js';
import { resolveDataDir } from '../data-dir.js';
import { startServer, type RunningServer } from '../server/server.js';
import { parseCommandArgs } from './args.js';
import type { CliCommand, CommandResult } from './commands.js';
import { CliFailure, UsageError } from './io.js';

// `scrobbletray serve`: headless mode. One long-lived core (sending by itself, as the tray app
// does) behind the HTTP server, until SIGINT or SIGTERM; then the server and the core close
// in that order, so no call is cut off by a closed database.

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type StopSignal = (typeof STOP_SIGNALS)[number];

export interface ServeOptions {
  /** Resolves when serving should end; default: the first SIGINT or SIGTERM. */
  until?: Promise<unknown>;
  /** How players are watched (tests inject a bus and shorter thresholds). */
  players?: WatchingOptions;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: 'scrobbletray serve [--port N]',
  summary:
    'Headless mode: run Scrobbletray and serve its window on 127.0.0.1; open the address it prints. Ctrl+C stops it.',
  run: (args, ctx) => runServe(args, ctx),
};

export async function runServe(
  args: string[],
  ctx: Parameters<CliCommand['run']>[1],
  options: ServeOptions = {},
): Promise<CommandResult> {
  const { values } = parseCommandArgs(args, { port: { type: 'string' } });
  const port = portOption(values.port);
  const core = new Core({
    dataDir: resolveDataDir(ctx.io.env),
    env: ctx.io.env,
    // What happens with nobody waiting (players seen, a failed automatic send) goes to stderr.
    log: (line) => ctx.io.stderr(`${line}\n`),
  });
  let server: RunningServer;
  try {
    server = await startServer({ core, port });
  } catch (error) {
    await core.close();
    throw listenFailure(error, port);
  }
  const stop = options.until ? null : listenForStop();
  core.queue.startAutoSend();
  // Players are watched while the preference is on (a missing session bus is one log line).
  await core.players.startWatching(options.players);
  ctx.io.stdout(
    ctx.json
      ? `${JSON.stringify({ url: server.url, port: server.port })}\n`
      : `Scrobbletray is running at ${server.url}\n` +
          'Open that address in your browser. Press Ctrl+C to stop.\n',
  );
  const signal = stop ? await stop.received : (await options.until, null);
  try {
    await server.close();
    await core.close();
  } finally {
    stop?.release();
  }
  return { data: { stopped: true, signal }, human: 'Scrobbletray stopped.' };
}

/** 0 is allowed (any free port), unlike other numeric options. */
function portOption(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value) || Number(value) > 65_535) {
    throw new UsageError(`--port must be a port number from 0 to 65535 (got "${value}")`);
  }
  return Number(value);
}

function listenFailure(error: unknown, port: number): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new CliFailure(
      `port ${port} on 127.0.0.1 is already in use (another Scrobbletray, or another program). ` +
        'Choose another with --port N, or leave --port out to take any free port.',
    );
  }
  if (code === 'EACCES') {
    return new CliFailure(`not allowed to listen on port ${port}; choose a port above 1023.`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

interface StopSignals {
  /** The first SIGINT or SIGTERM. */
  received: Promise<StopSignal>;
  /** Stop listening (after shutdown). */
  release(): void;
}

/**
 * Listens for SIGINT and SIGTERM. Signals after the first are ignored rather than killing the
 * process mid-shutdown (`npm start` and a terminal may both deliver one Ctrl+C); shutdown is
 * bounded, so the process still ends promptly.
 */
function listenForStop(): StopSignals {
  let first: StopSignal | null = null;
  let resolveReceived: (signal: StopSignal) => void = () => undefined;
  const received = new Promise<StopSignal>((resolve) => (resolveReceived = resolve));
  const handlers = STOP_SIGNALS.map((signal) => {
    const handler = () => {
      if (first) return;
      first = signal;
      resolveReceived(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return {
    received,
    release: () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    },
  };
}
