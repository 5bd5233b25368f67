// A SoundCloudClient for a saved credential: OAuth 1.0a requests are signed; OAuth 2.1 ones
// carry the access token, refreshed before it expires, and every rotation of the refresh
// token is handed to `save` (the keychain) as a complete new record before it is used.
import { refreshAccessToken, type OAuth2Tokens } from '../oauth/oauth2/token-endpoint.js';
import { EXPIRY_MARGIN_MS } from '../oauth/oauth2/token-keeper.js';
import { createTokenKeeper } from '../oauth/oauth2/token-keeper.js';
import type { SoundCloudCredential } from '../oauth/soundcloud-credential.js';
import type { SoundCloudEndpoints } from '../oauth/soundcloud-endpoints.js';
import type { SoundCloudConsumer } from '../oauth/soundcloud-sign-in.js';
import { SERVICE_NAME } from '../oauth/soundcloud-sign-in.js';
import { oauth1Authorizer, oauth2Authorizer } from './authorizer.js';
import { SoundCloudClient } from './client.js';

export interface ConnectOptions {
  credential: SoundCloudCredential;
  endpoints: Pick<SoundCloudEndpoints, 'apiUrl' | 'tokenUrl'>;
  consumer: SoundCloudConsumer;
  /** Stores a credential whose tokens were refreshed (OAuth 2.1 only). */
  save: (credential: SoundCloudCredential) => Promise<void>;
  /**
   * The newest saved tokens (OAuth 2.1 only), read just before a refresh: when another
   * process already rotated the refresh token and its access token is still good, those are
   * used instead of presenting the dead one (which the provider treats as theft).
   */
  latest?: () => Promise<OAuth2Tokens | null>;
  now?: () => number;
  signal?: AbortSignal;
}

export function connectSoundCloud(opts: ConnectOptions): SoundCloudClient {
  const cred = opts.credential;
  if (cred.method === 'oauth1') {
    return new SoundCloudClient({
      apiUrl: opts.endpoints.apiUrl,
      auth: oauth1Authorizer(
        { key: opts.consumer.key, secret: opts.consumer.secret },
        { token: cred.accessToken, secret: cred.tokenSecret },
        opts.now,
      ),
      signal: opts.signal,
    });
  }
  const keeper = createTokenKeeper({
    service: SERVICE_NAME,
    initial: {
      accessToken: cred.accessToken,
      refreshToken: cred.refreshToken,
      expiresAt: cred.expiresAt,
    },
    refresh: async (refreshToken) => {
      const saved = await opts.latest?.();
      const now = (opts.now ?? Date.now)();
      if (
        saved?.refreshToken !== undefined &&
        saved.refreshToken !== refreshToken &&
        (saved.expiresAt === undefined || saved.expiresAt - EXPIRY_MARGIN_MS > now)
      ) {
        return saved;
      }
      return refreshAccessToken({
        tokenUrl: opts.endpoints.tokenUrl,
        client: { clientId: opts.consumer.key, clientSecret: opts.consumer.secret },
        service: SERVICE_NAME,
        refreshToken,
        signal: opts.signal,
        now: opts.now,
      });
    },
    save: (tokens) => {
      const next: SoundCloudCredential = {
        method: 'oauth2',
        accessToken: tokens.accessToken,
        user: cred.user,
      };
      if (tokens.refreshToken !== undefined) next.refreshToken = tokens.refreshToken;
      if (tokens.expiresAt !== undefined) next.expiresAt = tokens.expiresAt;
      return opts.save(next);
    },
    now: opts.now,
  });
  return new SoundCloudClient({
    apiUrl: opts.endpoints.apiUrl,
    auth: oauth2Authorizer(keeper),
    signal: opts.signal,
  });
}
