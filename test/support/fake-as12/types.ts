// Public types of the fake Audioscrobbler 1.2 server: what tests configure and inspect.

import type { Fault, FaultOptions } from './loopback.js';

export type { Fault, FaultOptions };

/** Routes for fault matching. */
export type As12Route = 'handshake' | 'nowplaying' | 'submission';

export interface FakeAs12Options {
  /** Name -> password. Default { alice: 'alice-password' }. */
  users?: Record<string, string>;
  /** Millisecond clock. Default Date.now; advanceClock() adds an offset on top. */
  now?: () => number;
  /** Handshake `t` and play times may be this far off the server clock. Default 300 (GNU FM). */
  toleranceSec?: number;
  /** Session lifetime. Default 86,400 s (GNU FM). */
  sessionLifetimeSec?: number;
  /** Client ids answered BANNED at handshake (Last.fm's behaviour; GNU FM bans none). */
  bannedClients?: string[];
  /**
   * Enforce the rules of the 1.2.1 spec that GNU FM does not check: every key present for
   * every track (GNU FM's PHP would print notices into the reply otherwise), `o` one of
   * P/R/E/L/U, `l` present when o=P, at most 50 tracks. Default true.
   */
  strict?: boolean;
  /**
   * GNU FM's upstream bug: via 1.2, an artist differing only in case from one already known
   * answers OK and is not stored. Default false.
   */
  artistCaseBug?: boolean;
}

export interface RecordedAs12Scrobble {
  user: string;
  artist: string;
  track: string;
  /** '' when not sent. */
  album: string;
  timestamp: number;
  source: string;
  rating: string;
  /** null when `l` was empty or absent. */
  length: number | null;
  trackNumber: string;
  mbid: string;
  sessionId: string;
  /** Server clock (ms). */
  receivedAt: number;
}

export interface RecordedAs12NowPlaying {
  user: string;
  artist: string;
  track: string;
  album: string;
  length: string;
  trackNumber: string;
  mbid: string;
  receivedAt: number;
}

export interface RecordedHandshake {
  user: string | null;
  t: string | null;
  client: string | null;
  protocol: string | null;
  /** Which form: 'standard' (password) or 'web-service' (api_key + sk). */
  form: 'standard' | 'web-service';
  /** First line of the reply. */
  reply: string;
  at: number;
}

export interface RecordedAction {
  route: 'nowplaying' | 'submission';
  sessionId: string | null;
  /** Tracks in the request (submission), 1 for now playing. */
  tracks: number;
  /** First line of the reply. */
  reply: string;
  at: number;
}

/** A track the server answered OK for and did not store (the reason 1.2 cannot be trusted). */
export interface DroppedScrobble {
  user: string;
  artist: string;
  track: string;
  timestamp: number;
  reason: 'duplicate' | 'artist-case';
}

export interface FakeAs12 {
  /** 'http://127.0.0.1:PORT/' */
  readonly handshakeUrl: string;
  close(): Promise<void>;
  /** Close the port (connections refused); comeBack() listens on the same port again. */
  goDown(): Promise<void>;
  comeBack(): Promise<void>;
  addUser(name: string, password: string): void;
  /** A 2.0 session key for the web-service handshake form (api_key + sk). */
  createWebSession(user: string): string;
  /** Forget a session id: later requests with it get BADSESSION. */
  dropSession(sessionId: string): void;
  /** Session ids currently valid. */
  readonly sessions: readonly string[];
  advanceClock(ms: number): void;
  nowMs(): number;
  injectFault(fault: Fault, opts?: FaultOptions & { route?: As12Route }): void;
  clearFaults(): void;
  /** Every stored scrobble, in arrival order (a snapshot). */
  readonly scrobbles: readonly RecordedAs12Scrobble[];
  /** Tracks answered OK but not stored. */
  readonly dropped: readonly DroppedScrobble[];
  readonly handshakes: readonly RecordedHandshake[];
  /** Every now-playing and submission request that reached the handler, with its reply. */
  readonly actions: readonly RecordedAction[];
  /** How many requests arrived for a route, including faulted ones never processed. */
  requestCount(route: As12Route): number;
  nowPlaying(user: string): RecordedAs12NowPlaying | undefined;
}
