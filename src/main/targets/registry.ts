import type { SignedInAccount } from '../auth/account-store.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { ServiceEndpoints } from '../settings/service-config.js';
import { scrobblesTo, type ServiceProtocol } from '../../shared/services.js';
import { createAs12ServiceTarget } from './as12/factory.js';
import { createLastfmServiceTarget } from './lastfm/factory.js';
import { createListenBrainzServiceTarget } from './listenbrainz/factory.js';
import type { ScrobbleTarget } from './target.js';

// The one place a service's protocol picks its delivery adapter. Adding a protocol adds its
// name to ServiceProtocol (src/shared/services.ts) and one line here; tsc then insists.

/** What a factory gets to build a service's target. */
export interface TargetContext {
  /** The service id (the queue's `target`). */
  serviceId: string;
  /** Its preset and URLs (environment > settings > preset), API key if any. */
  endpoints: ServiceEndpoints;
  /**
   * The signed-in account and its credential record, or null. Read it for every call, not
   * once: signing in again must take effect at once.
   */
  account: () => Promise<SignedInAccount | null>;
  /** For app-level secrets (an API shared secret, an OAuth consumer secret). */
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  http: { userAgent: string; connectTimeoutMs?: number; responseTimeoutMs?: number };
}

export type TargetFactory = (ctx: TargetContext) => Promise<ScrobbleTarget>;

export const TARGET_FACTORIES: { readonly [P in ServiceProtocol]: TargetFactory } = {
  lastfm2: createLastfmServiceTarget,
  as12: createAs12ServiceTarget,
  listenbrainz: createListenBrainzServiceTarget,
};

/** Asked for the target of an account-only service (SoundCloud): a wiring mistake. */
export class NotAScrobbleServiceError extends Error {
  override readonly name = 'NotAScrobbleServiceError';
  readonly kind = 'invalid-input';
  constructor(name: string) {
    super(`${name} is an account only: scrobbles are never sent there.`);
  }
}

/** The target for a service, built by its protocol's factory. */
export function createTarget(ctx: TargetContext): Promise<ScrobbleTarget> {
  const { preset } = ctx.endpoints;
  if (!scrobblesTo(preset)) return Promise.reject(new NotAScrobbleServiceError(preset.name));
  return TARGET_FACTORIES[preset.protocol](ctx);
}
