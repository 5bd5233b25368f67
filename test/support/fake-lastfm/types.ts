// Public types of the fake Last.fm server: what tests configure and what they can inspect.

import type { FakeCatalogueAlbum } from './catalogue.js';

export type { FakeCatalogueAlbum, FakeCatalogueTrack } from './catalogue.js';

export interface FakeLastfmOptions {
  /**
   * Whose rules to follow. 'gnufm' (Libre.fm, self-hosted GNU FM, per PROTOCOLS.md): no key or
   * api_sig check, auth.getMobileSession takes only `authToken`, the auth page takes `cb` or
   * `token` but not both, ignored codes 3 and 4 swapped (3 = too new, 4 = too old) and 91 for
   * a scrobble it already has. Default 'lastfm'.
   */
  flavor?: 'lastfm' | 'gnufm';
  /** Default 'test-api-key'. */
  apiKey?: string;
  /** Default 'test-api-secret'. */
  apiSecret?: string;
  /** Name -> password. Default { alice: 'alice-password' }. */
  users?: Record<string, string>;
  /** Accepted scrobbles per user per UTC day (server clock). Default 2800. */
  dailyCap?: number;
  /** Scrobbles older than this are ignored with code 3. Default 14. */
  maxAgeDays?: number;
  /** Scrobbles further ahead than this are ignored with code 4. Default 600. */
  futureToleranceSec?: number;
  /** Artist as sent (case-insensitive) -> corrected artist. Default { 'the beatles': 'The Beatles' }. */
  corrections?: Record<string, string>;
  /** Millisecond clock. Default Date.now; advanceClock() adds an offset on top. */
  now?: () => number;
  /** Artists ignored with code 1 (case-insensitive). Default ['spam artist']. */
  rejectArtists?: string[];
  /**
   * Track titles that make the whole track.scrobble request fail with error 6, as one
   * malformed item does on Last.fm (case-insensitive). Default ['poisoned track'].
   */
  poisonTracks?: string[];
  /**
   * Last.fm's rate limit, enforced: more than `requests` API calls arriving in any `perMs`
   * (server clock, refused calls counted too) are answered error 29 with HTTP 429, and
   * nothing is processed. Default: no limit.
   */
  rateLimit?: { requests: number; perMs: number };
  /**
   * The records track.search, artist.search, album.search and album.getInfo know. Default
   * DEFAULT_CATALOGUE (catalogue.ts): OK Computer, In Rainbows, Abbey Road, Believe.
   */
  catalogue?: readonly FakeCatalogueAlbum[];
}

export interface RecordedScrobble {
  /** Canonical user name (as registered). */
  user: string;
  /** Artist as the client sent it. */
  artist: string;
  /** Artist as the fake recorded it, after `corrections`. */
  correctedArtist: string;
  /** True when correctedArtist differs from artist. */
  artistCorrected: boolean;
  track: string;
  /** '' when not sent. */
  album: string;
  /** '' when not sent. */
  albumArtist: string;
  duration?: number;
  trackNumber?: number;
  mbid?: string;
  chosenByUser?: boolean;
  /** UTC seconds when the play started, as sent. */
  timestamp: number;
  /** Server clock (ms) when the scrobble arrived. */
  receivedAt: number;
}

export interface RecordedNowPlaying {
  user: string;
  artist: string;
  correctedArtist: string;
  track: string;
  album: string;
  albumArtist: string;
  duration?: number;
  trackNumber?: number;
  mbid?: string;
  receivedAt: number;
}

export interface RecordedRequest {
  /** The `method` parameter as sent; null for the auth page or when absent. */
  method: string | null;
  httpMethod: string;
  /** Server clock (ms). */
  at: number;
}

export interface LovedTrack {
  artist: string;
  track: string;
}

/**
 * A failure injected in place of the next matching API request (/2.0/ only, not the auth page).
 * Only 'delay' lets the request through: it is processed at once (a scrobble is recorded) and
 * only the response is held back, like a reply lost to a client timeout. The other kinds answer
 * instead of the API, so nothing is recorded.
 */
export type Fault =
  | { kind: 'status'; status: number; retryAfterSec?: number; body?: string }
  | { kind: 'delay'; ms: number }
  | { kind: 'reset' }
  | { kind: 'malformed' }
  | { kind: 'error'; code: number; message?: string };

export interface FaultOptions {
  /** Only requests with this `method` parameter (case-insensitive) match. */
  method?: string;
  /** How many matching requests get the fault. Default 1. */
  times?: number;
}

export interface FakeLastfm {
  /** 'http://127.0.0.1:PORT/2.0/' */
  readonly apiUrl: string;
  /** 'http://127.0.0.1:PORT/api/auth/' */
  readonly authUrl: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  /** Stops listening, drops pending delayed replies and destroys open sockets. */
  close(): Promise<void>;
  addUser(name: string, password: string): void;
  /** A new session key for the user, as if they had signed in. */
  createSession(user: string): string;
  /** Later calls with this key get error 9. */
  revokeSession(sessionKey: string): void;
  /** As if the user clicked Allow on the auth page for this token. */
  approveToken(token: string, user: string): void;
  advanceClock(ms: number): void;
  nowMs(): number;
  injectFault(fault: Fault, opts?: FaultOptions): void;
  /** API calls refused with error 29 by the `rateLimit` option. */
  readonly rateLimited: number;
  clearFaults(): void;
  /** Every accepted scrobble, in arrival order (a snapshot). */
  readonly scrobbles: ReadonlyArray<RecordedScrobble>;
  /** Every request to the API and the auth page, in arrival order (a snapshot). */
  readonly requests: ReadonlyArray<RecordedRequest>;
  /** The user's last updateNowPlaying, however old. */
  nowPlaying(user: string): RecordedNowPlaying | undefined;
  loved(user: string): ReadonlyArray<LovedTrack>;
}
