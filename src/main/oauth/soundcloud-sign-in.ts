// Signing in to SoundCloud, by OAuth 1.0a (RFC 5849, for servers that still speak it) or
// OAuth 2.1 with PKCE (today's SoundCloud, the default). Both approve in the browser and come
// back through the loopback server; both end by asking the API who signed in. The result is
// one SoundCloudCredential record for the keychain.
import type { LoopbackManager } from '../auth/loopback-manager.js';
import { oauth1Authorizer, oauth2Authorizer } from '../soundcloud/authorizer.js';
import { SoundCloudClient } from '../soundcloud/client.js';
import { OAuthError } from './errors.js';
import { signInWithOAuth1 } from './oauth1/flow.js';
import { signInWithOAuth2 } from './oauth2/flow.js';
import type { SoundCloudCredential } from './soundcloud-credential.js';
import { soundCloudEndpoints } from './soundcloud-endpoints.js';
import type { SoundCloudEndpoints, SoundCloudMethod } from './soundcloud-endpoints.js';

export const SERVICE_NAME = 'SoundCloud';

export interface SoundCloudConsumer {
  /** The app's consumer key (OAuth 2.1: client_id). */
  key: string;
  /** The app's consumer secret (OAuth 2.1: client_secret). */
  secret: string;
}

export interface SoundCloudSignInOptions {
  method: SoundCloudMethod;
  consumer: SoundCloudConsumer;
  loopback: LoopbackManager;
  /** Opens the approval page (or prints it, for --no-browser). */
  openUrl: (url: string) => void | Promise<void>;
  /** Endpoints; default: soundCloudEndpoints(method, process.env). */
  endpoints?: SoundCloudEndpoints;
  /** Stores the credential; the browser tab hears "signed in" only after it resolved. */
  keep?: (credential: SoundCloudCredential) => Promise<void>;
  timeoutMs?: number;
  signal?: AbortSignal;
  now?: () => number;
}

export async function signInToSoundCloud(
  opts: SoundCloudSignInOptions,
): Promise<SoundCloudCredential> {
  if (opts.consumer.key.trim() === '' || opts.consumer.secret === '') {
    throw new OAuthError(
      'config',
      "SoundCloud sign-in needs the app's consumer key and secret: set SCROBBLETRAY_SOUNDCLOUD_CONSUMER_KEY and SCROBBLETRAY_SOUNDCLOUD_CONSUMER_SECRET (from your app on soundcloud.com/you/apps).",
    );
  }
  const endpoints = opts.endpoints ?? soundCloudEndpoints(opts.method);
  const common = {
    service: SERVICE_NAME,
    loopback: opts.loopback,
    openUrl: opts.openUrl,
    keep: opts.keep,
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
    now: opts.now,
  };
  if (opts.method === 'oauth1') {
    const consumer = { key: opts.consumer.key, secret: opts.consumer.secret };
    return signInWithOAuth1<SoundCloudCredential>({
      ...common,
      endpoints,
      consumer,
      async complete(access) {
        const api = new SoundCloudClient({
          apiUrl: endpoints.apiUrl,
          auth: oauth1Authorizer(consumer, access, opts.now),
          signal: opts.signal,
        });
        const user = await api.me();
        const credential: SoundCloudCredential = {
          method: 'oauth1',
          accessToken: access.token,
          tokenSecret: access.secret,
          user,
        };
        return { result: credential, user: user.username };
      },
    });
  }
  return signInWithOAuth2<SoundCloudCredential>({
    ...common,
    endpoints,
    client: { clientId: opts.consumer.key, clientSecret: opts.consumer.secret },
    async complete(tokens) {
      const api = new SoundCloudClient({
        apiUrl: endpoints.apiUrl,
        auth: oauth2Authorizer(tokens.accessToken),
        signal: opts.signal,
      });
      const user = await api.me();
      const credential: SoundCloudCredential = {
        method: 'oauth2',
        accessToken: tokens.accessToken,
        user,
      };
      if (tokens.refreshToken !== undefined) credential.refreshToken = tokens.refreshToken;
      if (tokens.expiresAt !== undefined) credential.expiresAt = tokens.expiresAt;
      return { result: credential, user: user.username };
    },
  });
}
