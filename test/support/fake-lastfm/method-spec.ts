// What each API method of the fake requires before its handler runs.

import type { ApiResult } from './responses.js';
import type { FakeLastfmState } from './state.js';

export type Params = Readonly<Record<string, string>>;

export interface MethodContext {
  state: FakeLastfmState;
  params: Params;
  /** Canonical name of the user whose valid session key came with the call, else null. */
  sessionUser: string | null;
}

export interface MethodSpec {
  /** Writes must come by POST; the error Last.fm gives a GET. */
  postOnly?: { code: number; message: string };
  /** auth.* methods are always signed; others are signed when they carry `sk`. */
  alwaysSigned: boolean;
  /** Whether the method takes `sk`. 'required' implies `sk` in `required`. */
  session: 'required' | 'optional' | 'none';
  /** Parameters that must be present and non-empty (error 6 otherwise). */
  required: readonly string[];
  /** What GNU FM requires instead, where it differs. */
  gnufmRequired?: readonly string[];
  handle(ctx: MethodContext): ApiResult;
}

/** Writes refused by GET. 3 rather than 4: Last.fm answers a GET write with "Invalid method". */
export const POST_ONLY_WRITE = {
  code: 3,
  message: 'Invalid method: this method must be called via POST',
} as const;
