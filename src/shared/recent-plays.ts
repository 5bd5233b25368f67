// What a service says it recorded in a time span: how the sender settles scrobbles whose answer
// was lost (docs/QUEUE.md, "Crash safety"). Each protocol that can be asked maps its own
// look-up (Last.fm's user.getRecentTracks, ListenBrainz's listens) to these.

export interface RecentPlay {
  artist: string;
  track: string;
  /** Empty when the service recorded none. */
  album: string;
  /** UTC seconds the play started. */
  timestamp: number;
}

/** The look-up a target offers: plays recorded between two times (unix s, inclusive). */
export type RecentPlaysLookup = (fromSec: number, toSec: number) => Promise<RecentPlay[]>;
