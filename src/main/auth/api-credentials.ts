import type { SecretStore } from '../secrets/secret-store.js';
import { apiSecretAccount } from '../secrets/accounts.js';
import { LASTFM_ENV, type ServiceEndpoints } from '../settings/service-config.js';
import type { SettingsStore } from '../settings/store.js';

// An open-source build ships no API account of its own: the user brings a key and shared
// secret (first run asks). The key is not secret and sits in settings; the shared secret
// goes to the keychain. The environment variables override both.

export interface ApiCredentials {
  apiKey: string;
  apiSecret: string;
}

export class MissingApiCredentialsError extends Error {
  override readonly name = 'MissingApiCredentialsError';
  readonly kind = 'needs-sign-in';
  constructor(endpoints: ServiceEndpoints, missing: 'key' | 'secret' | 'both') {
    const where = endpoints.preset.apiAccountUrl
      ? ` Create an API account at ${endpoints.preset.apiAccountUrl} (any name and description will do),`
      : ' Get an API key and shared secret from your server’s administrator,';
    const what =
      missing === 'both'
        ? 'API key and shared secret'
        : `API ${missing === 'key' ? 'key' : 'shared secret'}`;
    const env =
      endpoints.preset.id === 'lastfm'
        ? ` or set ${LASTFM_ENV.apiKey} and ${LASTFM_ENV.apiSecret}`
        : '';
    super(
      `No ${what} for ${endpoints.preset.name} is set up.${where} then run \`scrobbletray login\` and enter them${env}.`,
    );
  }
}

export async function loadApiCredentials(
  endpoints: ServiceEndpoints,
  secrets: SecretStore,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ApiCredentials> {
  const { preset } = endpoints;
  const apiKey = endpoints.apiKey ?? preset.defaultApiKey ?? null;
  const envSecret = preset.id === 'lastfm' ? env[LASTFM_ENV.apiSecret] || null : null;
  const apiSecret =
    envSecret ??
    (await secrets.get(apiSecretAccount(preset.id))) ??
    preset.defaultApiSecret ??
    null;
  if (apiKey && apiSecret) return { apiKey, apiSecret };
  throw new MissingApiCredentialsError(
    endpoints,
    !apiKey && !apiSecret ? 'both' : !apiKey ? 'key' : 'secret',
  );
}

/**
 * Keep a key and shared secret the user entered: the secret in the keychain, first. `check`
 * asks the service whether they work (api-key-check.ts) after the shape is known good and
 * before anything is stored, so a refused key never replaces one that worked.
 */
export async function saveApiCredentials(
  serviceId: string,
  credentials: ApiCredentials,
  settings: SettingsStore,
  secrets: SecretStore,
  check?: (credentials: ApiCredentials) => Promise<void>,
): Promise<void> {
  const apiKey = credentials.apiKey.trim();
  const apiSecret = credentials.apiSecret.trim();
  if (!/^[0-9a-zA-Z]{16,64}$/.test(apiKey) || !/^[0-9a-zA-Z]{16,64}$/.test(apiSecret)) {
    throw new ApiCredentialsShapeError();
  }
  await check?.({ apiKey, apiSecret });
  await secrets.set(apiSecretAccount(serviceId), apiSecret);
  settings.set(`services.${serviceId}.apiKey`, apiKey);
}

/** A key or secret that cannot be one (spaces, punctuation, too short): input to fix. */
export class ApiCredentialsShapeError extends TypeError {
  override readonly name = 'ApiCredentialsShapeError';
  readonly kind = 'invalid-input';
  constructor() {
    super(
      'That does not look like an API key and shared secret: each is a string of letters and digits (32 on Last.fm). Copy them from your API account page.',
    );
  }
}
