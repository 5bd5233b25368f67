// A service is "a preset of URLs + a protocol": Last.fm, Libre.fm and self-hosted GNU FM all
// speak the Last.fm 2.0 API at different roots; GNU FM servers also speak Audioscrobbler 1.2,
// and ListenBrainz has its own API. Adding a protocol: its name here, one folder under
// src/main/targets/ with its factory in targets/registry.ts, and its sign-in method
// (docs/ARCHITECTURE.md, "Adding a protocol").

import { LASTFM_MAX_AGE_DAYS } from './validation.js';

/** The protocols scrobbles are delivered with (DESIGN.md, Round 2: a contract). */
export type ServiceProtocol = 'lastfm2' | 'as12' | 'listenbrainz';

export const SERVICE_PROTOCOLS: readonly ServiceProtocol[] = ['lastfm2', 'as12', 'listenbrainz'];

/**
 * A service that is an account only: signed in to for what it offers (SoundCloud: likes and
 * track details), never a place scrobbles go, so it has no delivery protocol.
 */
export type AccountOnlyProtocol = 'soundcloud';

export interface ServicePreset {
  id: string;
  name: string;
  protocol: ServiceProtocol | AccountOnlyProtocol;
  /**
   * False for an account-only service (SoundCloud): listed and signed in to, but never given
   * a queue row. Absent means true.
   */
  scrobbles?: boolean;
  /**
   * The protocol's address: the 2.0 API root (lastfm2), the handshake root (as12), the API
   * root (listenbrainz).
   */
  apiUrl: string;
  /**
   * Where the user approves or finds what signs them in: the 2.0 approval page (lastfm2), the
   * token page (listenbrainz); the handshake root again for as12, which has no such page.
   */
  authUrl: string;
  /** Where a user creates API credentials, when the service needs them. */
  apiAccountUrl?: string;
  /**
   * The 2.0 dialect. 'lastfm' is Last.fm's own (signatures checked, 14 days); GNU FM verifies
   * no api_sig and wants authToken instead of password for mobile sign-in. Services of other
   * protocols say 'gnufm': none of Last.fm's own rules apply to them.
   */
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

/** True for a service scrobbles can go to (every protocol but an account-only one). */
export function scrobblesTo(
  preset: Pick<ServicePreset, 'protocol' | 'scrobbles'>,
): preset is ServicePreset & { protocol: ServiceProtocol } {
  return preset.scrobbles !== false && preset.protocol !== 'soundcloud';
}

/**
 * What a custom service's `--protocol` names (DESIGN.md, Round 2): `gnufm` is lastfm2 in the
 * GNU FM flavour.
 */
export type CustomProtocol = 'lastfm2' | 'gnufm' | 'as12' | 'listenbrainz';

export const CUSTOM_PROTOCOLS: readonly CustomProtocol[] = [
  'lastfm2',
  'gnufm',
  'as12',
  'listenbrainz',
];

/** A service's protocol as people see and type it: `gnufm` for lastfm2 in GNU FM's flavour. */
export type ProtocolLabel = CustomProtocol | AccountOnlyProtocol;

export function protocolLabel(preset: Pick<ServicePreset, 'protocol' | 'flavor'>): ProtocolLabel {
  return preset.protocol === 'lastfm2' && preset.flavor === 'gnufm' ? 'gnufm' : preset.protocol;
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

/** Where ListenBrainz users find their user token (PROTOCOLS.md). */
export const LISTENBRAINZ_TOKEN_PAGE = 'https://listenbrainz.org/settings/';

/** SCROBBLETRAY_LISTENBRAINZ_API_URL overrides apiUrl (a contract). */
export const LISTENBRAINZ: ServicePreset = {
  id: 'listenbrainz',
  name: 'ListenBrainz',
  protocol: 'listenbrainz',
  apiUrl: 'https://api.listenbrainz.org/',
  authUrl: LISTENBRAINZ_TOKEN_PAGE,
  flavor: 'gnufm',
};

/**
 * SoundCloud: an account for likes and track details (SCROBBLETRAY_SOUNDCLOUD_* set its
 * addresses, read by src/main/oauth/soundcloud-endpoints.ts). Scrobbles never go there.
 */
export const SOUNDCLOUD: ServicePreset = {
  id: 'soundcloud',
  name: 'SoundCloud',
  protocol: 'soundcloud',
  scrobbles: false,
  apiUrl: 'https://api.soundcloud.com/',
  authUrl: 'https://secure.soundcloud.com/authorize',
  flavor: 'gnufm',
};

export const BUILTIN_SERVICES: readonly ServicePreset[] = [
  LASTFM,
  LIBREFM,
  LISTENBRAINZ,
  SOUNDCLOUD,
];

export function findBuiltinService(id: string): ServicePreset | undefined {
  return BUILTIN_SERVICES.find((s) => s.id === id);
}
