import { setTimeout as sleep } from 'node:timers/promises';
import { LastfmError } from '../lastfm/errors.js';
import type { LastfmSession } from '../lastfm/types.js';
import { authPageUrl, SignInCancelledError, SignInError, type AuthApi } from './auth-api.js';

// Desktop ("token") sign-in: for a browser on another device, or where no local port can be
// opened. Get a token, let the user approve it, poll auth.getSession until it is approved.

export interface TokenFlowOptions {
  api: AuthApi;
  authUrl: string;
  apiKey: string;
  /** Show or open the approval URL. */
  presentUrl: (url: string) => void | Promise<void>;
  signal?: AbortSignal;
  /** First wait between polls; grows by half each time up to maxPollMs. */
  pollMs?: number;
  maxPollMs?: number;
  /** Last.fm tokens live 60 minutes; waiting longer is pointless. */
  timeoutMs?: number;
  now?: () => number;
}

export async function signInWithToken(opts: TokenFlowOptions): Promise<LastfmSession> {
  const { api, signal } = opts;
  const now = opts.now ?? Date.now;
  const maxPoll = opts.maxPollMs ?? 10_000;
  const deadline = now() + (opts.timeoutMs ?? 60 * 60_000);
  let wait = opts.pollMs ?? 2_000;

  const token = await api.getToken();
  await opts.presentUrl(authPageUrl(opts.authUrl, opts.apiKey, { token }));

  for (;;) {
    try {
      await sleep(wait, undefined, { signal });
    } catch {
      throw new SignInCancelledError();
    }
    try {
      const session = await api.getSession(token);
      // Cancelled while that answer was on its way: the user no longer wants it kept.
      if (signal?.aborted) throw new SignInCancelledError();
      return session;
    } catch (error) {
      if (!(error instanceof LastfmError)) throw error;
      if (error.code === 15) {
        throw new SignInError(
          'The approval link expired before it was used: start signing in again.',
        );
      }
      if (error.code === 4) {
        throw new SignInError(
          'The service no longer recognises this sign-in request: start again.',
        );
      }
      // 14 = not approved yet; transient failures are worth another poll too.
      if (error.code !== 14 && !error.transient) throw error;
    }
    if (now() >= deadline) {
      throw new SignInError(
        'Nobody approved the sign-in within 60 minutes: start again when you are ready.',
      );
    }
    wait = Math.min(maxPoll, Math.round(wait * 1.5));
  }
}
