// The loopback plumbing both OAuth sign-ins share (RFC 8252 §7.3): start the 127.0.0.1
// server, send the user to the provider's page, wait for the browser to come back, turn what
// it brought into the result, and only then answer the tab, so "signed in" in the tab is
// never a lie. What to ask the provider and how to read the callback is each protocol's own
// (oauth1/flow.ts, oauth2/flow.ts).
import type { LoopbackManager } from '../auth/loopback-manager.js';
import type { CallbackShape, LoopbackCallback, PendingLoopback } from '../auth/loopback-server.js';
import { BROWSER_FAILURE, fromLoopbackError } from './loopback-errors.js';

/** What every OAuth sign-in is given; `G` is what the provider grants (the tokens). */
export interface LoopbackSignInOptions<G, T> {
  /** The provider's name for messages ("SoundCloud"). */
  service: string;
  loopback: LoopbackManager;
  /** Open (or print) the approval page. */
  openUrl: (url: string) => void | Promise<void>;
  /** Turns the grant into the result (looks up who signed in); `user` is shown in the tab. */
  complete: (grant: G) => Promise<{ result: T; user: string }>;
  /** Stores the result; runs last, only if the sign-in was not cancelled meanwhile, and
   * before the browser is told it worked. */
  keep?: (result: T) => Promise<void>;
  timeoutMs?: number;
  signal?: AbortSignal;
  now?: () => number;
}

/** The protocol's own part of a loopback sign-in. */
export interface LoopbackSteps<S, G> {
  /** Where the provider puts the token and the refusal in the callback URL. */
  callback: CallbackShape;
  /** Sends the user to the approval page. A failure cancels the loopback and is thrown as
   * it comes; what it returns is handed to `exchange`. */
  begin: (pending: PendingLoopback) => Promise<S>;
  /** Turns the browser's callback into the grant. */
  exchange: (callback: LoopbackCallback, begun: S, pending: PendingLoopback) => Promise<G>;
}

export async function runLoopbackSignIn<S, G, T>(
  opts: LoopbackSignInOptions<G, T>,
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
      throw fromLoopbackError(error, opts.service);
    }
    try {
      const done = await opts.complete(await steps.exchange(callback, begun, pending));
      // Cancelled or timed out meanwhile: the tab has been told so; keep nothing.
      if (pending.signal.aborted) throw pending.signal.reason;
      await opts.keep?.(done.result);
      callback.respond({ ok: true, user: done.user });
      return done.result;
    } catch (error) {
      callback.respond({ ok: false, message: BROWSER_FAILURE });
      throw fromLoopbackError(error, opts.service);
    }
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
