import { ContractInputError } from '../../shared/contract.js';
import {
  newCustomService,
  parseCustomServices,
  presetOf,
  type CustomServices,
  type NewServiceInput,
} from '../../shared/custom-service.js';
import { BUILTIN_SERVICES, findBuiltinService, type ServicePreset } from '../../shared/services.js';
import { describeProblems, type FieldProblem } from '../../shared/validation.js';
import type { SettingsStore } from './store.js';

export interface ServiceEndpoints {
  preset: ServicePreset;
  apiUrl: string;
  authUrl: string;
  /** The API account's key, or null when first run still has to ask for it. */
  apiKey: string | null;
}

/** Environment variables that override Last.fm's settings (a contract: README, Environment). */
export const LASTFM_ENV = {
  apiUrl: 'SCROBBLETRAY_LASTFM_API_URL',
  authUrl: 'SCROBBLETRAY_LASTFM_AUTH_URL',
  apiKey: 'SCROBBLETRAY_LASTFM_API_KEY',
  apiSecret: 'SCROBBLETRAY_LASTFM_API_SECRET',
} as const;

/** The environment variable that overrides ListenBrainz's API root (a contract). */
export const LISTENBRAINZ_ENV = { apiUrl: 'SCROBBLETRAY_LISTENBRAINZ_API_URL' } as const;

export class UnknownServiceError extends Error {
  override readonly name = 'UnknownServiceError';
  /** A service id is input: the caller named one that does not exist. */
  readonly kind = 'invalid-input';
  constructor(id: string) {
    super(
      `Unknown service "${id}". Use one of: ${BUILTIN_SERVICES.map((s) => s.id).join(', ')}, or a service you added (see scrobbletray services).`,
    );
  }
}

/**
 * Resolve a service's URLs and key: environment (Last.fm's, and ListenBrainz's API root) >
 * settings > preset.
 */
export function resolveServiceEndpoints(
  serviceId: string,
  settings: SettingsStore,
  env: NodeJS.ProcessEnv = process.env,
): ServiceEndpoints {
  const preset = findBuiltinService(serviceId) ?? customService(serviceId, settings);
  if (!preset) throw new UnknownServiceError(serviceId);
  const fromEnv = (name: keyof typeof LASTFM_ENV): string | undefined => {
    if (serviceId === 'lastfm') return env[LASTFM_ENV[name]] || undefined;
    if (serviceId === 'listenbrainz' && name === 'apiUrl') {
      return env[LISTENBRAINZ_ENV.apiUrl] || undefined;
    }
    return undefined;
  };
  const fromSettings = (name: string): string | undefined => {
    const value = settings.get(`services.${serviceId}.${name}`);
    return typeof value === 'string' && value ? value : undefined;
  };
  return {
    preset,
    apiUrl: fromEnv('apiUrl') ?? fromSettings('apiUrl') ?? preset.apiUrl,
    authUrl: fromEnv('authUrl') ?? fromSettings('authUrl') ?? preset.authUrl,
    apiKey: fromEnv('apiKey') ?? fromSettings('apiKey') ?? null,
  };
}

function customService(id: string, settings: SettingsStore): ServicePreset | undefined {
  return readCustomServices(settings).services.find((s) => s.id === id);
}

const CUSTOM_SERVICES_KEY = 'customServices';

/** The self-hosted servers in settings.json, checked; entries that fail are skipped with why. */
export function readCustomServices(settings: SettingsStore): CustomServices {
  return parseCustomServices(settings.get(CUSTOM_SERVICES_KEY));
}

/** What the user typed to add a server was refused; `problems` name the fields (name, url). */
export class CustomServiceInputError extends ContractInputError {
  readonly problems: FieldProblem[];
  constructor(problems: FieldProblem[]) {
    super(describeProblems(problems));
    this.problems = problems;
  }
}

/**
 * Add a self-hosted GNU FM server to settings.json from a name and an address. Other entries,
 * broken ones included, stay as they are. `takenIds` are ids not to reuse (services whose
 * scrobbles are still in the history).
 */
export function addCustomService(
  settings: SettingsStore,
  input: NewServiceInput,
  takenIds: readonly string[] = [],
): ServicePreset {
  const raw = settings.get(CUSTOM_SERVICES_KEY);
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    // Writing a list over it would lose what the user wrote there.
    throw new ContractInputError(
      'customServices in settings.json is not a list ([…]): fix or delete it there first, then add the server again.',
    );
  }
  const list: unknown[] = Array.isArray(raw) ? raw : [];
  const { services } = parseCustomServices(list);
  // Every id written there counts, a skipped entry's too: the user may still fix it.
  const writtenIds = list.flatMap((entry) => {
    const id = (entry as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [id] : [];
  });
  const result = newCustomService(
    input,
    services.map((s) => resolveServiceEndpoints(s.id, settings, {})).map(knownFrom),
    [...writtenIds, ...takenIds],
  );
  if (!result.ok) throw new CustomServiceInputError(result.problems);
  settings.set(CUSTOM_SERVICES_KEY, [...list, result.entry]);
  return presetOf(result.entry);
}

/**
 * Forget a custom server's settings: its entries in customServices (a broken one too) and
 * its `services.<id>` block (account facts, API key). True if there was an entry.
 */
export function removeCustomService(settings: SettingsStore, id: string): boolean {
  const raw = settings.get(CUSTOM_SERVICES_KEY);
  if (!Array.isArray(raw)) return false;
  const kept = raw.filter((entry) => (entry as { id?: unknown } | null)?.id !== id);
  if (kept.length === raw.length) return false;
  settings.set(CUSTOM_SERVICES_KEY, kept);
  settings.delete(`services.${id}`);
  return true;
}

/** Every service id: the built-in ones, then the valid custom ones. */
export function allServiceIds(settings: SettingsStore): string[] {
  return [
    ...BUILTIN_SERVICES.map((s) => s.id),
    ...readCustomServices(settings).services.map((s) => s.id),
  ];
}

function knownFrom(e: ServiceEndpoints): { id: string; name: string; apiUrl: string } {
  return { id: e.preset.id, name: e.preset.name, apiUrl: e.apiUrl };
}

/**
 * Whether new scrobbles go to this service (its "scrobble to" switch; on unless turned off).
 * A setting, not a secret: it sits next to the account in `services.<id>.scrobbleTo`.
 */
export function scrobbleToSwitch(settings: SettingsStore, serviceId: string): boolean {
  return settings.get(`services.${serviceId}.scrobbleTo`) !== false;
}

export function setScrobbleToSwitch(settings: SettingsStore, serviceId: string, on: boolean): void {
  settings.set(`services.${serviceId}.scrobbleTo`, on);
}
