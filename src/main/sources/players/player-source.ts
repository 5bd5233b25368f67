// The player watcher as one of the core's play sources (src/main/sources/source.ts): the core
// starts it with Core.addSource and stops it on close. Now playing goes to the tray and the
// services, finished plays to the queue (source `player`), everything else to the log.

import type { EnqueueOutcome } from '../../../shared/queue-types.js';
import { describeProblems } from '../../../shared/validation.js';
import type { PlaySource, PlaySourceContext } from '../source.js';
import type { PlayRules } from './play-rule.js';
import { platformFeed } from './platform-feed.js';
import type { PlayerFeed } from './player-feed.js';
import { PlayerWatcher, type WatchEvent } from './player-watcher.js';
import { watchEventLine } from './watch-lines.js';

export interface PlayerSourceOptions {
  /** The platform feed; default: the one for this OS on the session bus (see platform-feed.ts). */
  feed?: () => Promise<PlayerFeed>;
  rules?: Partial<PlayRules>;
  /** The user's per-player on/off choices by stable name (browsers are off without one). */
  playerSettings?: () => Readonly<Record<string, boolean>>;
  /** Every event, with the queue's answer for a scrobble (the `watch` command prints these). */
  onEvent?: (event: WatchEvent, queued?: EnqueueOutcome) => void;
}

export class PlayerSource implements PlaySource {
  readonly id = 'player';
  private watcher: PlayerWatcher | null = null;
  /** The player whose track the core shows as playing now, to clear it when it leaves. */
  private showing: string | null = null;

  constructor(private readonly options: PlayerSourceOptions = {}) {}

  async start(ctx: PlaySourceContext): Promise<void> {
    const feed = await (this.options.feed ?? (() => platformFeed()))();
    const watcher = new PlayerWatcher({
      feed,
      rules: this.options.rules,
      playerSettings: this.options.playerSettings,
      onEvent: (event) => this.handle(ctx, event),
    });
    await watcher.start();
    this.watcher = watcher;
    ctx.signal.addEventListener('abort', () => void this.stop(), { once: true });
  }

  async stop(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = null;
    await watcher?.stop();
  }

  private handle(ctx: PlaySourceContext, event: WatchEvent): void {
    let queued: EnqueueOutcome | undefined;
    switch (event.event) {
      case 'now-playing':
        this.showing = event.playerId;
        ctx.nowPlaying(event.track);
        break;
      case 'scrobble':
        queued = ctx.submit([event.scrobble])[0];
        if (queued && !queued.ok) {
          ctx.log(`${watchEventLine(event)}: not queued: ${describeProblems(queued.problems)}`);
        }
        break;
      case 'player-gone':
        if (this.showing === event.playerId) {
          this.showing = null;
          ctx.nowPlaying(null);
        }
        ctx.log(watchEventLine(event));
        break;
      default:
        ctx.log(watchEventLine(event));
    }
    this.options.onEvent?.(event, queued);
  }
}
