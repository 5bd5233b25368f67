import { loadApiCredentials } from '../../auth/api-credentials.js';
import type { SignedInAccount } from '../../auth/account-store.js';
import { LastfmClient } from '../../lastfm/client.js';
import { LastfmError } from '../../lastfm/errors.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { ServiceEndpoints } from '../../settings/service-config.js';
import { CoreError, InvalidInputError } from '../../../shared/errors.js';

// Love or unlove a track on a service, from the History: one signed call with the account's
// session key. Only the Last.fm 2.0 protocol (Last.fm, Libre.fm, GNU FM) has loved tracks
// Scrobbletray can set; other services are refused in words, before any request.

export interface LoveDeps {
  endpoints: ServiceEndpoints;
  account: SignedInAccount | null;
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  http: { userAgent: string; connectTimeoutMs?: number; responseTimeoutMs?: number };
}

export interface LoveInput {
  artist: string;
  track: string;
  love: boolean;
}

export async function loveTrack(deps: LoveDeps, input: LoveInput): Promise<{ loved: boolean }> {
  const { preset } = deps.endpoints;
  if (preset.protocol !== 'lastfm2') {
    throw new InvalidInputError(
      `${preset.name} has no loved tracks Scrobbletray can set: love a track on Last.fm instead.`,
    );
  }
  const account = deps.account;
  if (account?.credential.kind !== 'session-key') {
    throw new CoreError('needs-sign-in', `Sign in to ${preset.name} to love a track there.`);
  }
  const credentials = await loadApiCredentials(deps.endpoints, deps.secrets, deps.env);
  const client = new LastfmClient({
    apiUrl: deps.endpoints.apiUrl,
    flavor: preset.flavor,
    ...credentials,
    ...deps.http,
  });
  const track = { artist: input.artist, track: input.track };
  try {
    if (input.love) await client.love(account.credential.sessionKey, track);
    else await client.unlove(account.credential.sessionKey, track);
    return { loved: input.love };
  } catch (error) {
    throw loveFailure(preset.name, input.love, error);
  } finally {
    await client.close();
  }
}

/** The client's error in the core's vocabulary; the raw text stays as the cause. */
function loveFailure(service: string, love: boolean, error: unknown): Error {
  const what = love ? 'love' : 'unlove';
  if (!(error instanceof LastfmError))
    return error instanceof Error ? error : new Error(String(error));
  switch (error.errorClass) {
    case 'reauth':
      return new CoreError(
        'needs-sign-in',
        `${service} no longer accepts your sign-in: sign in again to ${what} this track.`,
        { cause: error },
      );
    case 'transient':
    case 'rate-limited':
      return new CoreError(
        'unavailable',
        `${service} could not be reached to ${what} this track; try again in a moment. (${error.message})`,
        { cause: error },
      );
    default:
      return new InvalidInputError(`${service} refused to ${what} this track. (${error.message})`);
  }
}
