// The player watcher as one of the core's play sources (src/main/sources/source.ts): the core
// starts it with Core.addSource and stops it on close. Now playing goes to the tray and the
// services, finished plays to the queue (source `player`), everything else to the log.

import type { EnqueueOutcome } from '../../../shared/queue-types.js';
import { describeProblems } from '../../../shared/validation.js';
import type { PlaySource, PlaySourceContext } from '../source.js';
import type { PlayProgress, PlayRules } from './play-rule.js';
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
  /** The play shown (current()) may look different now: another track, paused, scrobbled. */
  onPlayChanged?: () => void;
  /** A player's own name for itself (MPRIS `Identity`), by stable name. */
  onIdentified?: (player: string, identity: string) => void;
}

/** The play in progress on the player shown as playing now. */
export interface SourcePlay extends PlayProgress {
  /** The player's stable name. */
  player: string;
}

export class PlayerSource implements PlaySource {
  readonly id = 'player';
  private watcher: PlayerWatcher | null = null;
  /** The player whose track the core shows as playing now, to clear it when it leaves. */
  private showing: string | null = null;
  /** What current() looked like when last told, to tell only real changes. */
  private shownKey = '';
  private ctx: PlaySourceContext | null = null;

  constructor(private readonly options: PlayerSourceOptions = {}) {}

  async start(ctx: PlaySourceContext): Promise<void> {
    this.ctx = ctx;
    const feed = await (this.options.feed ?? (() => platformFeed()))();
    const watcher = new PlayerWatcher({
      feed,
      rules: this.options.rules,
      playerSettings: this.options.playerSettings,
      onEvent: (event) => this.handle(ctx, event),
      onInput: () => this.checkPlayChanged(),
      onIdentified: this.options.onIdentified,
    });
    try {
      await watcher.start();
    } catch (error) {
      // The feed may hold a bus connection already: let it go before saying why.
      await feed.stop().catch(() => undefined);
      throw error;
    }
    this.watcher = watcher;
    if (ctx.signal.aborted) {
      // Stopped while starting (the app quit, the preference went off): let go at once.
      await this.stop();
      return;
    }
    ctx.signal.addEventListener('abort', () => void this.stop(), { once: true });
  }

  async stop(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = null;
    // What a player was playing is no longer known to be playing: clear the tray's line.
    if (this.showing !== null) this.ctx?.nowPlaying(null);
    this.showing = null;
    await watcher?.stop();
    this.checkPlayChanged();
  }

  /** The user's per-player choices changed: apply them to the players present. */
  reconsider(): void {
    this.watcher?.reconsider();
    this.checkPlayChanged();
  }

  /** The play on the player shown as playing now, with its progress; null when none. */
  current(at?: number): SourcePlay | null {
    const showing = this.showing;
    if (!showing || !this.watcher) return null;
    const progress = this.watcher.progress(showing, at);
    if (!progress) return null;
    return { ...progress, player: this.players.get(showing) ?? showing };
  }

  /** Stable names of the players seen, by id (for current()). */
  private readonly players = new Map<string, string>();

  private checkPlayChanged(): void {
    const play = this.current();
    // Play time grows by itself; what a view cannot work out alone is in this key.
    const key = play
      ? JSON.stringify([
          play.player,
          play.track,
          play.startedAt,
          play.counting,
          play.scrobbled,
          play.neededMs,
        ])
      : '';
    if (key === this.shownKey) return;
    this.shownKey = key;
    this.options.onPlayChanged?.();
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
        this.players.delete(event.playerId);
        ctx.log(watchEventLine(event));
        break;
      case 'player-seen':
        this.players.set(event.playerId, event.player);
        if (!event.watched && this.showing === event.playerId) {
          // Switched off while it played: it is no longer what plays here.
          this.showing = null;
          ctx.nowPlaying(null);
        }
        ctx.log(watchEventLine(event));
        break;
      default:
        ctx.log(watchEventLine(event));
    }
    this.options.onEvent?.(event, queued);
    this.checkPlayChanged();
  }
}
