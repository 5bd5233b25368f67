// The player-watching layer, the same on every OS: a platform feed reports players and what
// they do; this applies the player policy (which players), one PlayTracker per player (the
// rule), the coordinator (one track on two players is one play), browser title parsing, and
// the timers the pure rule asks for. Its output is WatchEvents: the core queues `scrobble`,
// sends `now-playing`, and `scrobbletray watch` prints all of them.

import type { ScrobbleItem, TrackInfo } from '../../../shared/track.js';
import { parseVideoTitle } from '../../../shared/video-title.js';
import { PlayCoordinator } from './play-coordinator.js';
import { PlayTracker, type PlayProgress, type PlayRules } from './play-rule.js';
import type { PlayerFeed, SeenPlayer } from './player-feed.js';
import { decidePlayer, isBrowser } from './player-policy.js';
import type { PlayAction, PlayerInput, PlayerTrack, SkipReason } from './types.js';

export type WatchEvent =
  | {
      event: 'player-seen';
      at: number;
      player: string;
      playerId: string;
      watched: boolean;
      reason: string;
    }
  | { event: 'player-gone'; at: number; player: string; playerId: string }
  | {
      event: 'now-playing';
      at: number;
      player: string;
      playerId: string;
      track: TrackInfo;
      startedAt: number;
    }
  | {
      event: 'scrobble';
      at: number;
      player: string;
      playerId: string;
      scrobble: ScrobbleItem;
      playedMs: number;
    }
  | {
      event: 'skipped';
      at: number;
      player: string;
      playerId: string;
      track: TrackInfo | null;
      reason: SkipReason;
      detail: string;
      playedMs: number;
    }
  | { event: 'problem'; at: number; message: string };

export interface PlayerWatcherOptions {
  feed: PlayerFeed;
  onEvent: (event: WatchEvent) => void;
  /** Thresholds of the rule (tests shorten them); default: Last.fm's. */
  rules?: Partial<PlayRules>;
  /** The user's per-player on/off choices by stable name, read when a player appears. */
  playerSettings?: () => Readonly<Record<string, boolean>>;
  now?: () => number;
  /** After anything reached a watched player's rule (a pause changes the progress shown). */
  onInput?: (playerId: string) => void;
  /** A player's own name for itself (MPRIS `Identity`), by stable name. */
  onIdentified?: (player: string, identity: string) => void;
}

interface Watched {
  name: string;
  tracker: PlayTracker;
  timer: NodeJS.Timeout | null;
  browser: boolean;
}

export class PlayerWatcher {
  private readonly players = new Map<string, Watched>();
  /** Players present but not watched (switched off, browsers, proxies), by id: their names. */
  private readonly unwatched = new Map<string, string>();
  private readonly coordinator = new PlayCoordinator();
  private readonly now: () => number;
  private running = false;

  constructor(private readonly options: PlayerWatcherOptions) {
    this.now = options.now ?? Date.now;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.options.feed.start({
        appeared: (player) => this.appeared(player),
        input: (id, input) => this.input(id, input),
        vanished: (id, at) => this.vanished(id, at),
        problem: (message) => this.emit({ event: 'problem', at: this.now(), message }),
        identified: (id, identity) => {
          const name = this.players.get(id)?.name ?? this.unwatched.get(id);
          if (name) this.options.onIdentified?.(name, identity);
        },
      });
    } catch (error) {
      this.running = false;
      throw error;
    }
  }

  /** Stops watching. Plays in progress end without a verdict: the app is going away. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const player of this.players.values()) if (player.timer) clearTimeout(player.timer);
    this.players.clear();
    this.unwatched.clear();
    await this.options.feed.stop();
  }

  /**
   * The user's choices changed: players switched off stop being watched at once (their play
   * ends without a verdict), players switched on are followed from their current state.
   */
  reconsider(): void {
    if (!this.running) return;
    if (this.options.feed.rescan) {
      this.options.feed.rescan();
      return;
    }
    // A feed that cannot re-offer players: at least stop watching the ones switched off.
    for (const [id, player] of [...this.players]) this.appeared({ id, name: player.name });
  }

  /** Where the play on one watched player stands now, or null (none, or not announced). */
  progress(playerId: string, at = this.now()): PlayProgress | null {
    return this.players.get(playerId)?.tracker.progress(at) ?? null;
  }

  private appeared(player: SeenPlayer): boolean {
    const decision = decidePlayer(player.name, this.options.playerSettings?.() ?? {});
    const known = this.players.get(player.id);
    if (known && decision.watch) return true; // offered again, unchanged
    if (!known && !decision.watch && this.unwatched.has(player.id)) return false;
    if (known) {
      // Switched off while present.
      if (known.timer) clearTimeout(known.timer);
      this.players.delete(player.id);
      this.coordinator.forget(player.id);
    }
    this.unwatched.delete(player.id);
    if (!decision.watch) this.unwatched.set(player.id, player.name);
    this.emit({
      event: 'player-seen',
      at: this.now(),
      player: player.name,
      playerId: player.id,
      watched: decision.watch,
      reason: decision.reason,
    });
    if (decision.watch) {
      this.players.set(player.id, {
        name: player.name,
        tracker: new PlayTracker(this.options.rules),
        timer: null,
        browser: isBrowser(player.name),
      });
    }
    return decision.watch;
  }

  private input(id: string, input: PlayerInput): void {
    const player = this.players.get(id);
    if (!player) return;
    const fed =
      input.type === 'track' && player.browser
        ? { ...input, track: browserTrack(input.track) }
        : input;
    this.deliver(id, player, player.tracker.handle(fed), input.at);
    this.schedule(id, player);
    this.notifyInput(id);
  }

  private notifyInput(id: string): void {
    try {
      this.options.onInput?.(id);
    } catch {
      // As for events: one listener's failure must not stop the watching.
    }
  }

  private vanished(id: string, at: number): void {
    const unwatchedName = this.unwatched.get(id);
    if (unwatchedName !== undefined) {
      this.unwatched.delete(id);
      this.emit({ event: 'player-gone', at, player: unwatchedName, playerId: id });
      return;
    }
    const player = this.players.get(id);
    if (!player) return;
    if (player.timer) clearTimeout(player.timer);
    this.players.delete(id);
    this.deliver(id, player, player.tracker.handle({ type: 'gone', at }), at);
    this.coordinator.forget(id);
    this.emit({ event: 'player-gone', at, player: player.name, playerId: id });
  }

  /** One timer per player, at the moment the rule said something may become due. */
  private schedule(id: string, player: Watched): void {
    if (player.timer) clearTimeout(player.timer);
    player.timer = null;
    const wake = player.tracker.nextWakeAt();
    if (wake === null || !this.running) return;
    player.timer = setTimeout(
      () => {
        player.timer = null;
        if (this.players.get(id) !== player) return;
        const at = Math.max(wake, this.now());
        this.deliver(id, player, player.tracker.handle({ type: 'tick', at }), at);
        this.schedule(id, player);
        this.notifyInput(id);
      },
      Math.max(0, wake - this.now()),
    );
    player.timer.unref();
  }

  private deliver(id: string, player: Watched, actions: PlayAction[], at: number): void {
    for (const raw of actions) {
      const action = this.coordinator.accept(id, player.name, raw);
      if (!action) continue;
      const base = { at, player: player.name, playerId: id };
      if (action.type === 'now-playing') {
        this.emit({
          event: 'now-playing',
          ...base,
          track: action.track,
          startedAt: action.startedAt,
        });
      } else if (action.type === 'scrobble') {
        this.emit({
          event: 'scrobble',
          ...base,
          scrobble: action.scrobble,
          playedMs: action.playedMs,
        });
      } else {
        this.emit({
          event: 'skipped',
          ...base,
          track: action.track,
          reason: action.reason,
          detail: action.detail,
          playedMs: action.playedMs,
        });
      }
    }
  }

  private emit(event: WatchEvent): void {
    try {
      this.options.onEvent(event);
    } catch {
      // A listener's failure must not stop the watching of every other player.
    }
  }
}

/**
 * Browsers report a video's page title as the title and the channel as the artist; turn that
 * into what was actually heard. When the site already gave a clean pair (YouTube Music does),
 * the parse keeps it: a title without a separator stays the title, the artist stays.
 */
export function browserTrack(track: PlayerTrack): PlayerTrack {
  if (!track.title) return track;
  const parsed = parseVideoTitle(track.title, track.artist);
  if (!parsed) return track;
  return { ...track, artist: parsed.artist, title: parsed.track };
}
