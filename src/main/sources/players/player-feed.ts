// What a platform layer (MPRIS on Linux, SMTC on Windows, MediaRemote on macOS) provides: it
// finds players as they come and go and turns what they report into PlayerInput. The
// PlayerWatcher on top applies the policy, the rule and the dedupe, the same on every OS.

import type { PlayerInput } from './types.js';

export interface SeenPlayer {
  /** Unique while the player runs (a D-Bus unique name, an app id): keys its state. */
  id: string;
  /** Stable across runs (`vlc`, `spotify`, `firefox`): what settings and people use. */
  name: string;
}

export interface FeedSink {
  /** A player appeared. Returns whether to watch it; unwatched players are not polled. */
  appeared(player: SeenPlayer): boolean;
  input(playerId: string, input: PlayerInput): void;
  vanished(playerId: string, at: number): void;
  /** Something went wrong that the user should hear about (in plain words). */
  problem(message: string): void;
  /** What the player calls itself (MPRIS `Identity`), once read; optional for feeds. */
  identified?(playerId: string, identity: string): void;
}

export interface PlayerFeed {
  start(sink: FeedSink): Promise<void>;
  stop(): Promise<void>;
  /**
   * Offer every player present to `appeared` again (the user's choices changed), following
   * the ones now watched from their current state. Feeds without it pick up a choice when the
   * player next appears.
   */
  rescan?(): void;
}
