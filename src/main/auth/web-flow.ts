import type { LastfmSession } from '../lastfm/types.js';
import { authPageUrl, SignInCancelledError, SignInError, type AuthApi } from './auth-api.js';
import type { LoopbackManager } from './loopback-manager.js';
import { LoopbackError } from './loopback-server.js';

// Web sign-in (the default): open the service's approval page with a callback on a
// short-lived 127.0.0.1 server; the service redirects the browser there with a token, which
// we exchange for a session. The browser tab is told the outcome only after the session is
// safely stored, so "you can close this tab" is never a lie.

export interface WebFlowOptions {
  api: AuthApi;
  authUrl: string;
  apiKey: string;
  loopback: LoopbackManager;
  /** Open (or print) the approval page. */
  openUrl: (url: string) => void | Promise<void>;
  /** Store the session; returns the user name to greet. Runs before the browser is answered. */
  keep: (session: LastfmSession) => Promise<string>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export async function signInWithBrowser(opts: WebFlowOptions): Promise<LastfmSession> {
  const pending = await opts.loopback.start({ timeoutMs: opts.timeoutMs });
  const onAbort = () => pending.cancel('cancelled');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    try {
      await opts.openUrl(authPageUrl(opts.authUrl, opts.apiKey, { cb: pending.callbackUrl }));
    } catch (error) {
      pending.cancel('cancelled');
      throw error;
    }
    let callback;
    try {
      callback = await pending.result;
    } catch (error) {
      throw translateLoopbackError(error);
    }
    try {
      const session = await opts.api.getSession(callback.token);
      // Cancelled, replaced or timed out while the token was being exchanged: the browser
      // has already been told so, and that must stay true. Keep nothing.
      if (pending.signal.aborted) throw translateLoopbackError(pending.signal.reason);
      const user = await opts.keep(session);
      callback.respond({ ok: true, user });
      return session;
    } catch (error) {
      callback.respond({
        ok: false,
        message: 'Scrobbletray could not finish signing in. Go back to Scrobbletray to see why.',
      });
      throw error;
    }
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
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
