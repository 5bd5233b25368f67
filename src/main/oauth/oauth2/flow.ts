// OAuth 2.1 authorization-code sign-in with PKCE (S256) through the loopback server
// (RFC 8252 §7.3): redirect_uri is http://127.0.0.1:PORT/callback, `state` is the loopback's
// unguessable value, and the loopback checks Host, path, state and single use before the
// code is handed over. A callback with `error` (access_denied) ends the sign-in at once.
import { runLoopbackSignIn } from '../loopback-flow.js';
import type { LoopbackSignInOptions } from '../loopback-flow.js';
import { buildAuthorizeUrl } from './authorize-url.js';
import { codeChallengeS256, createCodeVerifier } from './pkce.js';
import { exchangeAuthorizationCode } from './token-endpoint.js';
import type { OAuth2Client, OAuth2Tokens } from './token-endpoint.js';

export interface OAuth2Endpoints {
  authorizeUrl: string;
  tokenUrl: string;
}

export interface OAuth2SignInOptions<T> extends LoopbackSignInOptions<OAuth2Tokens, T> {
  endpoints: OAuth2Endpoints;
  client: OAuth2Client;
  scope?: string;
}

export async function signInWithOAuth2<T>(opts: OAuth2SignInOptions<T>): Promise<T> {
  const verifier = createCodeVerifier();
  return runLoopbackSignIn(opts, {
    // The redirect_uri must match exactly at the token endpoint, and the provider appends
    // `state` itself: so no state in the URL, the code in `code`, refusals in `error`.
    callback: { stateInUrl: false, tokenParam: 'code', errorParam: 'error' },
    async begin(pending) {
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
    },
    exchange: (callback, _begun, pending) =>
      exchangeAuthorizationCode({
        tokenUrl: opts.endpoints.tokenUrl,
        client: opts.client,
        service: opts.service,
        code: callback.token,
        redirectUri: pending.callbackUrl,
        codeVerifier: verifier,
        signal: pending.signal,
        now: opts.now,
      }),
  });
}
