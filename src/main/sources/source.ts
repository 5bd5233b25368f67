import type { EnqueueOutcome } from '../../shared/queue-types.js';
import type { TrackInfo } from '../../shared/track.js';

// Where plays come from besides the forms and the CLI: player watchers (MPRIS), importers,
// later others. The core owns their lifecycle (Core.addSource starts one, Core.close stops
// them all); a source only reports, through its context, and never touches the queue's store.

export interface PlaySourceContext {
  /**
   * What is playing now, or null when playback stopped. Shown on the tray's now-playing line
   * (the `now-playing` core event) and sent to the signed-in services, best effort.
   */
  nowPlaying(track: TrackInfo | null): void;
  /**
   * Finished plays to queue. Each is validated on its own and gets its own outcome (queued ids,
   * or why it was refused), so one stale or malformed play never rejects the others.
   */
  submit(plays: readonly unknown[]): EnqueueOutcome[];
  /** A line for the log (`serve`'s output, the app's log file): what happened and why. */
  log(message: string): void;
  /** Aborted when the source is stopped. */
  signal: AbortSignal;
}

export interface PlaySource {
  /** Stable name, used as the queue's `source` for its plays (e.g. `player`, `import`). */
  readonly id: string;
  start(ctx: PlaySourceContext): void | Promise<void>;
  /** Stop watching and release what start() took; submitted plays are already safe. */
  stop(): void | Promise<void>;
}
