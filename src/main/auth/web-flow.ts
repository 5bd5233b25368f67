import type { LastfmSession } from '../lastfm/types.js';
import { authPageUrl, SignInCancelledError, SignInError, type AuthApi } from './auth-api.js';
import { runLoopbackSignIn } from './loopback-sign-in.js';
import type { LoopbackManager } from './loopback-manager.js';
import { LoopbackError } from './loopback-server.js';

// Web sign-in (the default): open the service's approval page with a callback on a
// short-lived 127.0.0.1 server; the service redirects the browser there with a token, which
// we exchange for a session. The browser tab is told the outcome only after the session is
// safely stored, so "you can close this tab" is never a lie (loopback-sign-in.ts).

export interface WebFlowOptions {
  api: AuthApi;
  authUrl: string;
  apiKey: string;
  loopback: LoopbackManager;
  /** Open (or print) the approval page. */
  openUrl: (url: string) => void | Promise<void>;
  /** Store the session. Runs before the browser is answered, which greets the session's user. */
  keep: (session: LastfmSession) => Promise<void>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export function signInWithBrowser(opts: WebFlowOptions): Promise<LastfmSession> {
  return runLoopbackSignIn(
    {
      loopback: opts.loopback,
      complete: async (session: LastfmSession) => ({ result: session, user: session.name }),
      keep: opts.keep,
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
    },
    {
      begin: async (pending) =>
        opts.openUrl(authPageUrl(opts.authUrl, opts.apiKey, { cb: pending.callbackUrl })),
      exchange: (callback) => opts.api.getSession(callback.token),
      translateError: translateLoopbackError,
    },
  );
}

function translateLoopbackError(error: unknown): Error {
  if (!(error instanceof LoopbackError))
    return error instanceof Error ? error : new Error(String(error));
  switch (error.reason) {
    case 'timeout':
      return new SignInError('Nobody came back from the browser in time: start signing in again.');
    case 'cancelled':
      return new SignInCancelledError();
    case 'replaced':
      return new SignInCancelledError('A newer sign-in replaced this one.');
    default:
      return new SignInError(`The local sign-in server failed: ${error.message}`);
  }
}
