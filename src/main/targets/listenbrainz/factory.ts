import { APP_VERSION } from '../../version.js';
import type { TargetContext } from '../registry.js';
import type { ScrobbleTarget } from '../target.js';
import { createListenBrainzTarget } from './listenbrainz-target.js';

/**
 * Builds a ListenBrainz target at the service's API root (environment > settings > preset).
 * The user token is read from the account for every call, so signing in again takes effect at
 * once.
 */
export async function createListenBrainzServiceTarget(ctx: TargetContext): Promise<ScrobbleTarget> {
  return createListenBrainzTarget({
    serviceId: ctx.serviceId,
    serviceName: ctx.endpoints.preset.name,
    apiUrl: ctx.endpoints.apiUrl,
    account: ctx.account,
    clientVersion: APP_VERSION,
    http: ctx.http,
  });
}
