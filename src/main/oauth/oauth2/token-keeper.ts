// Keeps an OAuth 2.1 access token fresh. Before it expires (or after the API said 401) the
// refresh token is traded for new tokens; the provider rotates the refresh token, so the new
// pair is saved before it is used, and only one refresh runs at a time: two refreshes with
// the same token would look like theft to the provider, which then revokes the whole family.
import { OAuthError } from '../errors.js';
import type { OAuth2Tokens } from './token-endpoint.js';

/** Refresh this long before the provider's expiry, so a request never starts with a dying token. */
export const EXPIRY_MARGIN_MS = 60_000;

export interface TokenKeeperOptions {
  /** The provider's name for messages ("SoundCloud"). */
  service: string;
  initial: OAuth2Tokens;
  /** Trades a refresh token for new tokens (refreshAccessToken with the endpoint bound). */
  refresh: (refreshToken: string) => Promise<OAuth2Tokens>;
  /** Stores new tokens (the keychain). Awaited before the new access token is used. */
  save: (tokens: OAuth2Tokens) => Promise<void>;
  now?: () => number;
}

export interface TokenKeeper {
  /** A usable access token, refreshed first when it has expired or is about to. */
  accessToken(): Promise<string>;
  /** The API refused `rejected`: refresh unless that already happened; resolves to the token to
   * retry with, or rejects with OAuthError('reauth') when there is no way to get one. */
  renewAfterRejection(rejected: string): Promise<string>;
  /** The tokens as they stand (after any rotation). */
  current(): OAuth2Tokens;
}

export function createTokenKeeper(opts: TokenKeeperOptions): TokenKeeper {
  const now = opts.now ?? Date.now;
  let tokens = opts.initial;
  let inFlight: Promise<OAuth2Tokens> | null = null;

  function renew(): Promise<OAuth2Tokens> {
    inFlight ??= (async () => {
      try {
        const refreshToken = tokens.refreshToken;
        if (!refreshToken) {
          throw new OAuthError(
            'reauth',
            `Scrobbletray's ${opts.service} sign-in has expired and cannot be renewed. Sign in to ${opts.service} again.`,
          );
        }
        const fresh = await opts.refresh(refreshToken);
        // Saved first: if saving fails, the rotated refresh token would be lost with the
        // process, and the old one no longer works.
        await opts.save(fresh);
        tokens = fresh;
        return fresh;
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  }

  function fresh(t: OAuth2Tokens): boolean {
    return t.expiresAt === undefined || t.expiresAt - EXPIRY_MARGIN_MS > now();
  }

  return {
    async accessToken() {
      if (inFlight) return (await inFlight).accessToken;
      if (fresh(tokens)) return tokens.accessToken;
      return (await renew()).accessToken;
    },
    async renewAfterRejection(rejected) {
      if (inFlight) return (await inFlight).accessToken;
      if (tokens.accessToken !== rejected) return tokens.accessToken;
      return (await renew()).accessToken;
    },
    current: () => tokens,
  };
}
