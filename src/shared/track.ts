// Domain types shared by every front (Electron, headless, CLI) and the core.
// Pure data: no I/O, no Node or DOM APIs.
import type { IgnoredKind } from './ignored.js';

export type { IgnoredKind } from './ignored.js';

/** What identifies a played track, as the user or a player describes it. */
export interface TrackInfo {
  artist: string;
  track: string;
  album?: string;
  albumArtist?: string;
  /** Length of the track in whole seconds. */
  duration?: number;
  trackNumber?: number;
  mbid?: string;
}

/** One play to scrobble: a track plus when it started (UTC seconds). */
export interface ScrobbleItem extends TrackInfo {
  timestamp: number;
  /** True when the user picked the track (not radio or a recommendation). */
  chosenByUser?: boolean;
}

/** The four fields Last.fm may correct, as it recorded them. */
export interface RecordedTrack {
  artist: string;
  track: string;
  album: string;
  albumArtist: string;
}

export type CorrectionFlags = Record<keyof RecordedTrack, boolean>;

/** What the service said about one scrobble in a batch. */
export type ScrobbleOutcome =
  | {
      status: 'accepted';
      recorded: RecordedTrack;
      corrected: CorrectionFlags;
    }
  | {
      status: 'ignored';
      /** Why, by name: what the queue and the window act on. */
      kind: IgnoredKind;
      /**
       * The code as stored and shown (Last.fm's ignoredMessage numbering, see ignored.ts): the
       * service's own code for Last.fm 2.0 services, the kind's number for other protocols.
       */
      code: number;
      /** The reason in words a user understands. */
      reason: string;
      recorded: RecordedTrack;
      corrected: CorrectionFlags;
    };

export interface ScrobbleBatchResult {
  accepted: number;
  ignored: number;
  /** One outcome per submitted item, in submission order. */
  items: ScrobbleOutcome[];
  /**
   * The service asked for a pause before the next request although this one succeeded
   * (ListenBrainz's rate-limit headers: none left in the window, reset in N seconds), in ms.
   */
  waitMs?: number;
}

/** Human reasons for ignoredMessage codes, in Last.fm's numbering (GNU FM's are translated first). */
export const IGNORED_REASONS: Readonly<Record<number, string>> = {
  0: 'Not ignored.',
  1: 'The service ignored the artist name (it is on its filter list or looks like spam).',
  2: 'The service ignored the track title (it is on its filter list or looks like spam).',
  3: 'The play is too old for this service to accept (on Last.fm: more than 14 days ago). Re-time it to scrobble it.',
  4: 'The play is too far in the future: check the time and your clock.',
  5: 'The daily scrobble limit was reached; it will be sent again after the limit resets.',
  91: 'The server already has this scrobble (duplicate).',
};

export function ignoredReason(code: number, serverMessage?: string): string {
  const known = IGNORED_REASONS[code];
  if (known) return known;
  const extra = serverMessage?.trim() ? ` (${serverMessage.trim()})` : '';
  return `The service ignored the scrobble, code ${code}${extra}.`;
}
