import type { EnqueueOutcome } from '../../shared/queue-types.js';
import { platformFeed } from '../sources/players/platform-feed.js';
import type { PlayRules } from '../sources/players/play-rule.js';
import { PlayerSource } from '../sources/players/player-source.js';
import type { WatchEvent } from '../sources/players/player-watcher.js';
import { watchEventJson, watchEventLine } from '../sources/players/watch-lines.js';
import { parseCommandArgs } from './args.js';
import type { CliCommand, CommandContext, CommandResult } from './commands.js';
import { withCore } from './core-session.js';
import { CliFailure } from './io.js';

// `scrobbletray watch [--json]`: player detection in the foreground. The same PlayerSource the
// app runs, on a core of its own that queues and sends the scrobbles; every event is printed
// as it happens (one line, or one JSON object per line with "event") until Ctrl+C.

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export interface WatchOptions {
  /** Resolves when watching should end; default: the first SIGINT or SIGTERM. */
  until?: Promise<unknown>;
  /** Shorter thresholds for tests; default Last.fm's rule. */
  rules?: Partial<PlayRules>;
}

export const watchCommand: CliCommand = {
  name: 'watch',
  usage: 'scrobbletray watch [--json]',
  summary:
    'Watch media players in the foreground: one line per event (player seen, now playing, scrobbled, skipped and why); --json prints one JSON object per line with "event". Ctrl+C stops.',
  run: (args, ctx) => runWatch(args, ctx),
};

export async function runWatch(
  args: string[],
  ctx: CommandContext,
  options: WatchOptions = {},
): Promise<CommandResult> {
  parseCommandArgs(args, {});
  const print = (event: WatchEvent, queued?: EnqueueOutcome) => {
    ctx.io.stdout(
      ctx.json
        ? `${JSON.stringify(watchEventJson(event, queued))}\n`
        : `${watchEventLine(event)}${queued && !queued.ok ? ' (not queued)' : ''}\n`,
    );
  };
  const source = new PlayerSource({
    feed: () => platformFeed({ busAddress: ctx.io.env.DBUS_SESSION_BUS_ADDRESS }),
    rules: options.rules,
    onEvent: print,
  });
  const stop = options.until ? null : listenForStop();
  try {
    return await withCore(ctx.io, async (core) => {
      try {
        await core.addSource(source);
      } catch (error) {
        throw new CliFailure(
          `cannot watch players: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      core.queue.startAutoSend();
      if (!ctx.json) ctx.io.stdout('Watching media players. Press Ctrl+C to stop.\n');
      await (options.until ?? stop?.received);
      // The JSON lines were the output; nothing more is printed after them.
      return { data: undefined, human: 'Stopped watching.' };
    });
  } finally {
    stop?.release();
  }
}

function listenForStop(): { received: Promise<void>; release(): void } {
  let resolve: () => void = () => undefined;
  const received = new Promise<void>((r) => (resolve = r));
  const handler = () => resolve();
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  return {
    received,
    release: () => {
      for (const signal of STOP_SIGNALS) process.off(signal, handler);
    },
  };
}
