// OAuth 1.0a sign-in through the loopback server (RFC 5849 §2 with the 1.0a callback rules):
//   1. request token, with oauth_callback = our loopback URL; the provider must confirm it;
//   2. the user approves on the provider's page (authorize URL + oauth_token);
//   3. the browser comes back to 127.0.0.1 with oauth_token and oauth_verifier; the loopback
//      checks Host, path, our own `state` and single use, and we check that oauth_token is the
//      request token we asked for;
//   4. the verifier is exchanged for the access token.
// The browser tab learns the outcome only after `complete` (look up the user, store the
// credential) has succeeded, so "signed in" in the tab is never a lie (loopback-flow.ts).
import { secretsMatch } from '../../secure-compare.js';
import type { PendingLoopback } from '../../auth/loopback-server.js';
import { OAuthError } from '../errors.js';
import { deniedError, fromLoopbackError } from '../loopback-errors.js';
import { runLoopbackSignIn } from '../loopback-flow.js';
import type { LoopbackSignInOptions } from '../loopback-flow.js';
import { authorizePageUrl, fetchAccessToken, fetchRequestToken } from './provider-client.js';
import type { OAuth1AccessToken, OAuth1CallOptions, OAuth1Endpoints } from './provider-client.js';
import type { OAuth1Consumer } from './sign-request.js';

/** Verifiers are opaque; this only keeps markup and control characters out. */
const VERIFIER = /^[\x21-\x7E]{1,512}$/;

export interface OAuth1SignInOptions<T> extends LoopbackSignInOptions<OAuth1AccessToken, T> {
  endpoints: OAuth1Endpoints;
  consumer: OAuth1Consumer;
}

export async function signInWithOAuth1<T>(opts: OAuth1SignInOptions<T>): Promise<T> {
  const callFor = (pending: PendingLoopback): OAuth1CallOptions => ({
    service: opts.service,
    signal: pending.signal,
    now: opts.now,
  });
  return runLoopbackSignIn(opts, {
    // Our state stays in the callback URL; the provider appends oauth_token and
    // oauth_verifier, or `denied` (the common convention) when the user says no.
    callback: { tokenParam: 'oauth_token', errorParam: 'denied' },
    async begin(pending) {
      try {
        const requestToken = await fetchRequestToken(
          opts.endpoints,
          opts.consumer,
          pending.callbackUrl,
          callFor(pending),
        );
        await opts.openUrl(authorizePageUrl(opts.endpoints.authorizeUrl, requestToken.token));
        return requestToken;
      } catch (error) {
        throw fromLoopbackError(error, opts.service);
      }
    },
    async exchange(callback, requestToken, pending) {
      // The loopback proved the browser carries our state; the token must also be the one
      // this sign-in asked for, not one an attacker had approved for themselves.
      if (!secretsMatch(requestToken.token, callback.token)) {
        throw new OAuthError(
          'forged-callback',
          `The browser came back with approval for a different ${opts.service} sign-in than the one Scrobbletray started. Nothing was saved; start signing in again.`,
        );
      }
      const verifiers = callback.url.searchParams.getAll('oauth_verifier');
      const verifier = verifiers[0];
      if (verifiers.length !== 1 || verifier === undefined || !VERIFIER.test(verifier)) {
        throw callback.url.searchParams.has('denied')
          ? deniedError(opts.service)
          : new OAuthError(
              'forged-callback',
              `${opts.service} sent the browser back without a verification code (oauth_verifier), so the sign-in cannot finish. Start signing in again.`,
            );
      }
      return fetchAccessToken(
        opts.endpoints,
        opts.consumer,
        requestToken,
        verifier,
        callFor(pending),
      );
    },
  });
}
