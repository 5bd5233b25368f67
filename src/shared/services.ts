// A service is "a preset of URLs + a protocol": Last.fm, Libre.fm and self-hosted GNU FM all
// speak the Last.fm 2.0 API at different roots. Adding a protocol: its name here, one folder
// under src/main/targets/ with its factory in targets/registry.ts, and its sign-in method
// (docs/ARCHITECTURE.md, "Adding a protocol").

import { LASTFM_MAX_AGE_DAYS } from './validation.js';

export type ServiceProtocol = 'lastfm2';

export interface ServicePreset {
  id: string;
  name: string;
  protocol: ServiceProtocol;
  apiUrl: string;
  authUrl: string;
  /** Where a user creates API credentials, when the service needs them. */
  apiAccountUrl?: string;
  /** GNU FM verifies no api_sig and wants authToken instead of password for mobile sign-in. */
  flavor: 'lastfm' | 'gnufm';
  /**
   * Credentials to use when the user has set none. GNU FM checks neither the key nor the
   * signature, so a fixed pair works there; Last.fm needs the user's own API account.
   */
  defaultApiKey?: string;
  defaultApiSecret?: string;
  /**
   * Oldest play the service records, in days, when it has such a limit (Last.fm: 14). The one
   * place the rule lives: validation, the sender and the window read it from here.
   */
  maxAgeDays?: number;
}

export const LASTFM: ServicePreset = {
  id: 'lastfm',
  name: 'Last.fm',
  protocol: 'lastfm2',
  apiUrl: 'https://ws.audioscrobbler.com/2.0/',
  authUrl: 'https://www.last.fm/api/auth/',
  apiAccountUrl: 'https://www.last.fm/api/account/create',
  flavor: 'lastfm',
  maxAgeDays: LASTFM_MAX_AGE_DAYS,
};

/** GNU FM checks neither the key nor api_sig: every GNU FM server gets this fixed pair. */
export const GNUFM_DEFAULT_CREDENTIALS = {
  defaultApiKey: 'scrobbletray000000000000000000000',
  defaultApiSecret: 'scrobbletray000000000000000000000',
} as const;

export const LIBREFM: ServicePreset = {
  id: 'librefm',
  name: 'Libre.fm',
  protocol: 'lastfm2',
  apiUrl: 'https://libre.fm/2.0/',
  authUrl: 'https://libre.fm/api/auth/',
  flavor: 'gnufm',
  ...GNUFM_DEFAULT_CREDENTIALS,
};

export const BUILTIN_SERVICES: readonly ServicePreset[] = [LASTFM, LIBREFM];

export function findBuiltinService(id: string): ServicePreset | undefined {
  return BUILTIN_SERVICES.find((s) => s.id === id);
}
