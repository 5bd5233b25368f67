// What the core pushes to every front (window, tray, headless clients), and the account view
// of the world. Plain data, never a secret: these reach the renderer as they are.
import type { ImportProgressEvent } from './import-types.js';
import type { TrackInfo } from './track.js';

export type StopReason =
  'done' | 'paused' | 'needs-auth' | 'rate-limited' | 'daily-cap' | 'unreachable' | 'busy';

export interface FlushReport {
  target: string;
  /** Scrobbles handed to the service in this flush. */
  sent: number;
  accepted: number;
  ignored: number;
  failed: number;
  /** Put back for a later attempt (transient failure, rate limit, daily cap, sign-in). */
  deferred: number;
  recovered: number;
  stoppedBecause: StopReason;
  /** A message for people when the flush stopped early. */
  detail: string | null;
  /** When sending can next make progress (ms), if known. */
  nextAttemptAt: number | null;
}

/** A flush that has sent nothing yet: the start of every report. */
export function emptyFlushReport(target: string): FlushReport {
  return {
    target,
    sent: 0,
    accepted: 0,
    ignored: 0,
    failed: 0,
    deferred: 0,
    recovered: 0,
    stoppedBecause: 'done',
    detail: null,
    nextAttemptAt: null,
  };
}

export type SenderEvent =
  | { type: 'flush-started'; target: string; due: number }
  | { type: 'flush-progress'; target: string; done: number; due: number }
  | { type: 'flush-finished'; report: FlushReport }
  | { type: 'queue-changed'; target: string }
  | { type: 'needs-auth'; target: string; message: string };

/** Everything the core tells its fronts. */
export type CoreEvent =
  | SenderEvent
  | { type: 'account-changed'; target: string }
  | { type: 'sign-in-failed'; target: string; message: string }
  /** Read them again with preferences.get (the event carries nothing). */
  | { type: 'preferences-changed' }
  /** How far an import (or its preview) has read and queued (src/shared/import-types.ts). */
  | ({ type: 'import-progress' } & ImportProgressEvent)
  /** What plays now, as a source (a player, the CLI, the form) reported it; null: stopped. */
  | { type: 'now-playing'; track: (TrackInfo & { source: string; since: number }) | null }
  /** The players seen or their on/off choices changed: read players.list again. */
  | { type: 'players-changed' }
  /** The play in progress changed (another track, paused, scrobbled): read playing.current. */
  | { type: 'playing-changed' };

export interface AccountSummary {
  service: string;
  name: string;
  user: string | null;
  signedInAt: string | null;
  /** The service no longer accepts the session (revoked) or the key is missing. */
  needsSignIn: boolean;
  /** False on first run: the API key and shared secret must be entered first. */
  hasApiCredentials: boolean;
  /** Where to create API credentials, when the service needs them. */
  apiAccountUrl: string | null;
  /** A server the user added (a self-hosted GNU FM): it can be removed. */
  custom?: boolean;
  /**
   * Reached over plain http:// on another machine: password sign-in is refused there and the
   * session key crosses the network readable.
   */
  plainHttp?: boolean;
  /** A settings.json entry that was skipped: what is wrong with it. No sign-in is offered. */
  problem?: string;
  /**
   * How the service is signed in to and spoken to: lastfm2 and gnufm (web, token, password),
   * as12 (password), listenbrainz (user token), soundcloud (OAuth; an account only).
   */
  protocol?: 'lastfm2' | 'gnufm' | 'as12' | 'listenbrainz' | 'soundcloud';
  /** The service's address: the 2.0 API root, the 1.2 handshake root or the API root. */
  url?: string;
  /** False for an account-only service (SoundCloud): scrobbles never go there. */
  scrobbles?: boolean;
  /** Its "scrobble to" switch: new scrobbles go there while signed in (default on). */
  scrobbleTo?: boolean;
  /** Where the user finds what signs them in, when it is a page (ListenBrainz's token). */
  tokenUrl?: string | null;
}
