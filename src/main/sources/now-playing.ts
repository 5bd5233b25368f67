import type { CoreEvents } from '../events.js';
import type { TrackInfo } from '../../shared/track.js';

// What is playing right now, as the last source to say so reported it. Kept in memory only:
// it means nothing after a restart. Every change is a `now-playing` core event.

export interface NowPlayingTrack extends TrackInfo {
  /** The source that reported it (`player`, `cli`, `manual`...). */
  source: string;
  /** When it was reported (unix ms). */
  since: number;
}

export class NowPlaying {
  #current: NowPlayingTrack | null = null;

  constructor(
    private readonly events: CoreEvents,
    private readonly now: () => number = Date.now,
  ) {}

  current(): NowPlayingTrack | null {
    return this.#current;
  }

  /** A track started (or null: playback stopped). A source clearing only clears its own. */
  report(track: TrackInfo | null, source: string): void {
    if (track === null) {
      if (this.#current === null || this.#current.source !== source) return;
      this.#current = null;
    } else {
      this.#current = { ...track, source, since: this.now() };
    }
    this.events.emit({ type: 'now-playing', track: this.#current });
  }
}
