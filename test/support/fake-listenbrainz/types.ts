// Public types of the fake ListenBrainz server.

import type { Fault, FaultOptions } from '../fake-as12/loopback.js';

export type { Fault, FaultOptions };

export type ListenBrainzRoute = 'validate-token' | 'submit' | 'listens';

export interface FakeListenBrainzOptions {
  /** Token -> user name. Default { 'alice-token-…': 'alice' } (see FakeListenBrainz.tokenOf). */
  tokens?: Record<string, string>;
  /** Millisecond clock. Default Date.now; advanceClock() adds an offset. */
  now?: () => number;
  /** Requests per window per token (or per client without one). Default 50 per 10 s. */
  rateLimit?: { limit: number; windowSec: number };
  /** listened_at may be this far ahead of the server clock. Default 3600 s. */
  maxSkewSec?: number;
}

export interface StoredListen {
  user: string;
  listenedAt: number;
  artist: string;
  track: string;
  release: string | null;
  additionalInfo: Record<string, unknown>;
  /** Server clock (ms). */
  insertedAt: number;
}

export interface RecordedSubmit {
  listenType: string | null;
  listens: number;
  status: number;
  error: string | null;
}

export interface FakeListenBrainz {
  /** 'http://127.0.0.1:PORT/' */
  readonly apiUrl: string;
  close(): Promise<void>;
  goDown(): Promise<void>;
  comeBack(): Promise<void>;
  addToken(token: string, user: string): void;
  revokeToken(token: string): void;
  advanceClock(ms: number): void;
  nowMs(): number;
  injectFault(fault: Fault, opts?: FaultOptions & { route?: ListenBrainzRoute }): void;
  clearFaults(): void;
  /** Stored listens in arrival order. A repeat (same user, listened_at, track) is stored once. */
  readonly listens: readonly StoredListen[];
  /** Every submit that reached the handler, with its status. */
  readonly submits: readonly RecordedSubmit[];
  playingNow(user: string): StoredListen | undefined;
  requestCount(route: ListenBrainzRoute): number;
  /** Requests answered 429 because the rate limit was exceeded (injected faults not counted). */
  readonly rateLimited: number;
}
