import { loadApiCredentials } from '../../auth/api-credentials.js';
import { LastfmClient } from '../../lastfm/client.js';
import type { TargetContext } from '../registry.js';
import type { ScrobbleTarget } from '../target.js';
import { createLastfmTarget } from './target.js';

/**
 * Builds a Last.fm 2.0 target: the API key and shared secret from settings and the keychain
 * (MissingApiCredentialsError when first run has not set them), one HTTP client per target.
 */
export async function createLastfmServiceTarget(ctx: TargetContext): Promise<ScrobbleTarget> {
  const { endpoints } = ctx;
  const credentials = await loadApiCredentials(endpoints, ctx.secrets, ctx.env);
  const client = new LastfmClient({
    apiUrl: endpoints.apiUrl,
    flavor: endpoints.preset.flavor,
    ...credentials,
    ...ctx.http,
  });
  return createLastfmTarget({
    serviceId: ctx.serviceId,
    serviceName: endpoints.preset.name,
    client,
    account: ctx.account,
    maxAgeDays: endpoints.preset.maxAgeDays,
  });
}
