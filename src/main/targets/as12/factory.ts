import { APP_VERSION } from '../../version.js';
import type { TargetContext } from '../registry.js';
import type { ScrobbleTarget } from '../target.js';
import { createAs12Target } from './as12-target.js';

/**
 * Builds an Audioscrobbler 1.2 target at the service's handshake root (its `apiUrl`). The
 * account's md5(password) is read before every handshake, so signing in again takes effect
 * at once; a target is built without one (scrobbles wait for sign-in).
 */
export async function createAs12ServiceTarget(ctx: TargetContext): Promise<ScrobbleTarget> {
  return createAs12Target({
    serviceId: ctx.serviceId,
    handshakeUrl: ctx.endpoints.apiUrl,
    account: ctx.account,
    clientVersion: APP_VERSION,
    http: ctx.http,
  });
}
