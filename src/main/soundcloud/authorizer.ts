// How a SoundCloud API request proves who is asking: `Authorization: OAuth <access token>`
// for an OAuth 2.1 sign-in, or an OAuth 1.0a signature over the request for a 1.0a one.
// Both live in a header only, so no token ever sits in a URL.
import { signRequest } from '../oauth/oauth1/sign-request.js';
import type { OAuth1Consumer, OAuth1Token } from '../oauth/oauth1/sign-request.js';
import type { TokenKeeper } from '../oauth/oauth2/token-keeper.js';

export interface RequestAuthorizer {
  /** The Authorization header for one request. */
  header(method: 'GET' | 'POST', url: string): Promise<string>;
  /** The API answered 401 to a request sent with `header`: resolve true to retry once with a
   * fresh header, false to give up. May reject (e.g. the refresh token was refused). */
  rejected(header: string): Promise<boolean>;
}

/** OAuth 2.1: a fixed token (just signed in), or a keeper that refreshes and rotates. */
export function oauth2Authorizer(source: TokenKeeper | string): RequestAuthorizer {
  if (typeof source === 'string') {
    return {
      header: () => Promise.resolve(`OAuth ${source}`),
      rejected: () => Promise.resolve(false),
    };
  }
  return {
    header: async () => `OAuth ${await source.accessToken()}`,
    async rejected(header) {
      await source.renewAfterRejection(header.slice('OAuth '.length));
      return true;
    },
  };
}

/** OAuth 1.0a: every request signed with the consumer and the access token. */
export function oauth1Authorizer(
  consumer: OAuth1Consumer,
  token: OAuth1Token,
  now: () => number = Date.now,
): RequestAuthorizer {
  return {
    header: (method, url) =>
      Promise.resolve(
        signRequest({ method, url, consumer, token, timestamp: Math.floor(now() / 1000) })
          .authorization,
      ),
    // A 1.0a token does not expire or refresh: a 401 means it was revoked.
    rejected: () => Promise.resolve(false),
  };
}
