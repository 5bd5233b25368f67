import { findBuiltinService, type ServicePreset } from '../../shared/services.js';
import type { SettingsStore } from './store.js';

export interface ServiceEndpoints {
  preset: ServicePreset;
  apiUrl: string;
  authUrl: string;
  /** The API account's key, or null when first run still has to ask for it. */
  apiKey: string | null;
}

/** Environment variables that override Last.fm's settings (DESIGN.md contract). */
export const LASTFM_ENV = {
  apiUrl: 'SCROBBLETRAY_LASTFM_API_URL',
  authUrl: 'SCROBBLETRAY_LASTFM_AUTH_URL',
  apiKey: 'SCROBBLETRAY_LASTFM_API_KEY',
  apiSecret: 'SCROBBLETRAY_LASTFM_API_SECRET',
} as const;

export class UnknownServiceError extends Error {
  constructor(id: string) {
    super(`Unknown service "${id}". Use one of: lastfm, librefm, or a custom service you added.`);
  }
}

/** Resolve a service's URLs and key: environment (Last.fm only) > settings > preset. */
export function resolveServiceEndpoints(
  serviceId: string,
  settings: SettingsStore,
  env: NodeJS.ProcessEnv = process.env,
): ServiceEndpoints {
  const preset = findBuiltinService(serviceId) ?? customService(serviceId, settings);
  if (!preset) throw new UnknownServiceError(serviceId);
  const fromEnv = (name: keyof typeof LASTFM_ENV): string | undefined =>
    serviceId === 'lastfm' ? env[LASTFM_ENV[name]] || undefined : undefined;
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
  const list = settings.get('customServices');
  if (!Array.isArray(list)) return undefined;
  return (list as ServicePreset[]).find((s) => s?.id === id);
}
