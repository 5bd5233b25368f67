// SoundCloud's addresses: the defaults, each overridable by its contract environment variable
// (docs/SOUNDCLOUD.md). The 1.0a token calls live under the API root; the approval page
// differs by method, so SCROBBLETRAY_SOUNDCLOUD_AUTHORIZE_URL overrides whichever is in use.
import { OAuthError } from './errors.js';

export type SoundCloudMethod = 'oauth1' | 'oauth2';

export const SOUNDCLOUD_DEFAULTS = {
  apiUrl: 'https://api.soundcloud.com/',
  oauth1AuthorizeUrl: 'https://soundcloud.com/oauth/authorize',
  oauth2AuthorizeUrl: 'https://secure.soundcloud.com/authorize',
  tokenUrl: 'https://secure.soundcloud.com/oauth/token',
} as const;

export interface SoundCloudEndpoints {
  /** API root with a trailing slash; me, resolve, me/likes/tracks are relative to it. */
  apiUrl: string;
  /** The approval page for the chosen method. */
  authorizeUrl: string;
  /** OAuth 2.1 token endpoint. */
  tokenUrl: string;
  /** OAuth 1.0a: {apiUrl}oauth/request_token and {apiUrl}oauth/access_token. */
  requestTokenUrl: string;
  accessTokenUrl: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export function soundCloudEndpoints(
  method: SoundCloudMethod,
  env: Env = process.env,
): SoundCloudEndpoints {
  let apiUrl = webAddress(env, 'SCROBBLETRAY_SOUNDCLOUD_API_URL', SOUNDCLOUD_DEFAULTS.apiUrl);
  if (!apiUrl.endsWith('/')) apiUrl += '/';
  const authorizeDefault =
    method === 'oauth1'
      ? SOUNDCLOUD_DEFAULTS.oauth1AuthorizeUrl
      : SOUNDCLOUD_DEFAULTS.oauth2AuthorizeUrl;
  return {
    apiUrl,
    authorizeUrl: webAddress(env, 'SCROBBLETRAY_SOUNDCLOUD_AUTHORIZE_URL', authorizeDefault),
    tokenUrl: webAddress(env, 'SCROBBLETRAY_SOUNDCLOUD_TOKEN_URL', SOUNDCLOUD_DEFAULTS.tokenUrl),
    requestTokenUrl: new URL('oauth/request_token', apiUrl).toString(),
    accessTokenUrl: new URL('oauth/access_token', apiUrl).toString(),
  };
}

/** A variable's value if set (checked to be an http(s) address), else the default. */
export function webAddress(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OAuthError(
      'config',
      `${name} is not a web address. Set it to an http:// or https:// URL, or unset it to use ${fallback}.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OAuthError(
      'config',
      `${name} must start with http:// or https://. Fix it, or unset it to use ${fallback}.`,
    );
  }
  return url.toString();
}
