// OAuth 2.1 authorization-code sign-in with PKCE (S256) through the loopback server
// (RFC 8252 §7.3): redirect_uri is http://127.0.0.1:PORT/callback, `state` is the loopback's
// unguessable value, and the loopback checks Host, path, state and single use before the
// code is handed over. A callback with `error` (access_denied) ends the sign-in at once.
import type { LoopbackManager } from '../../auth/loopback-manager.js';
import { BROWSER_FAILURE, fromLoopbackError } from '../loopback-errors.js';
import { buildAuthorizeUrl } from './authorize-url.js';
import { codeChallengeS256, createCodeVerifier } from './pkce.js';
import { exchangeAuthorizationCode } from './token-endpoint.js';
import type { OAuth2Client, OAuth2Tokens } from './token-endpoint.js';

export interface OAuth2Endpoints {
  authorizeUrl: string;
  tokenUrl: string;
}

export interface OAuth2SignInOptions<T> {
  /** The provider's name for messages ("SoundCloud"). */
  service: string;
  endpoints: OAuth2Endpoints;
  client: OAuth2Client;
  loopback: LoopbackManager;
  /** Open (or print) the approval page. */
  openUrl: (url: string) => void | Promise<void>;
  /** Turns the tokens into the result (looks up who signed in); `user` is shown in the tab. */
  complete: (tokens: OAuth2Tokens) => Promise<{ result: T; user: string }>;
  /** Stores the result; runs last, only if the sign-in was not cancelled meanwhile, and
   * before the browser is told it worked. */
  keep?: (result: T) => Promise<void>;
  scope?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  now?: () => number;
}

export async function signInWithOAuth2<T>(opts: OAuth2SignInOptions<T>): Promise<T> {
  const pending = await opts.loopback.start({
    timeoutMs: opts.timeoutMs,
    // The redirect_uri must match exactly at the token endpoint, and the provider appends
    // `state` itself: so no state in the URL, the code in `code`, refusals in `error`.
    callback: { stateInUrl: false, tokenParam: 'code', errorParam: 'error' },
  });
  const onAbort = () => pending.cancel('cancelled');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const verifier = createCodeVerifier();
  try {
    try {
      await opts.openUrl(
        buildAuthorizeUrl({
          authorizeUrl: opts.endpoints.authorizeUrl,
          clientId: opts.client.clientId,
          redirectUri: pending.callbackUrl,
          codeChallenge: codeChallengeS256(verifier),
          state: pending.state,
          scope: opts.scope,
        }),
      );
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
      const tokens = await exchangeAuthorizationCode({
        tokenUrl: opts.endpoints.tokenUrl,
        client: opts.client,
        service: opts.service,
        code: callback.token,
        redirectUri: pending.callbackUrl,
        codeVerifier: verifier,
        signal: pending.signal,
        now: opts.now,
      });
      const done = await opts.complete(tokens);
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
