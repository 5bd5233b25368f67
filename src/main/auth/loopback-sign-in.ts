// The loopback plumbing every browser sign-in shares (RFC 8252 §7.3), Last.fm's web auth and
// both OAuth flows: start the 127.0.0.1 server, send the user to the service's page, wait for
// the browser to come back, turn what it brought into the result and keep it, and only then
// answer the tab, so "signed in" in the tab is never a lie. What to ask the service, how to
// read the callback and how to word a failure is each protocol's own.
import type { LoopbackManager } from './loopback-manager.js';
import type { CallbackShape, LoopbackCallback, PendingLoopback } from './loopback-server.js';

/** What the waiting browser tab is told when the app side fails after the callback. */
export const BROWSER_FAILURE =
  'Scrobbletray could not finish signing in. Go back to Scrobbletray to see why.';

/** What a browser sign-in is given; `G` is what the service grants (a session, tokens). */
export interface LoopbackRun<G, T> {
  loopback: LoopbackManager;
  /** Turns the grant into the result (looks up who signed in); `user` is shown in the tab. */
  complete: (grant: G) => Promise<{ result: T; user: string }>;
  /** Stores the result; runs last, only if the sign-in was not cancelled meanwhile, and
   * before the browser is told it worked. */
  keep?: (result: T) => Promise<void>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The protocol's own part of a browser sign-in. */
export interface LoopbackSteps<S, G> {
  /** Where the service puts the token and the refusal in the callback URL (default: Last.fm's). */
  callback?: CallbackShape;
  /** Sends the user to the approval page. A failure cancels the loopback and is thrown as
   * it comes; what it returns is handed to `exchange`. */
  begin: (pending: PendingLoopback) => Promise<S>;
  /** Turns the browser's callback into the grant. */
  exchange: (callback: LoopbackCallback, begun: S, pending: PendingLoopback) => Promise<G>;
  /** A loopback failure (timeout, cancelled, replaced, denied) in the protocol's words;
   * other errors pass through it unchanged. */
  translateError: (error: unknown) => Error;
}

export async function runLoopbackSignIn<S, G, T>(
  opts: LoopbackRun<G, T>,
  steps: LoopbackSteps<S, G>,
): Promise<T> {
  const pending = await opts.loopback.start({
    timeoutMs: opts.timeoutMs,
    callback: steps.callback,
  });
  const onAbort = () => pending.cancel('cancelled');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let begun: S;
    try {
      begun = await steps.begin(pending);
    } catch (error) {
      pending.cancel('cancelled');
      throw error;
    }

    let callback;
    try {
      callback = await pending.result;
    } catch (error) {
      throw steps.translateError(error);
    }
    try {
      const done = await opts.complete(await steps.exchange(callback, begun, pending));
      // Cancelled, replaced or timed out meanwhile: the tab has been told so; keep nothing.
      if (pending.signal.aborted) throw pending.signal.reason;
      await opts.keep?.(done.result);
      callback.respond({ ok: true, user: done.user });
      return done.result;
    } catch (error) {
      callback.respond({ ok: false, message: BROWSER_FAILURE });
      throw steps.translateError(error);
    }
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
