// The OAuth 2.1 token endpoint: the authorization-code grant (with the PKCE verifier and the
// exact redirect_uri) and the refresh grant. Answers become OAuth2Tokens with an absolute
// expiry; errors become OAuthError with words for each RFC 6749 §5.2 code. The provider's
// error_description is quoted only after every secret we sent is redacted from it.
import { redactSecrets } from '../../lastfm/redact.js';
import { OAuthError, plainCode } from '../errors.js';
import { httpCall, parseJsonObject } from '../http.js';

export interface OAuth2Client {
  clientId: string;
  /** Absent for a public client, which then relies on PKCE alone. */
  clientSecret?: string;
}

export interface OAuth2Tokens {
  accessToken: string;
  /** The refresh token to use next time; a rotated one replaces the old. */
  refreshToken?: string;
  /** When the access token stops working (ms since the epoch), if the provider said. */
  expiresAt?: number;
  scope?: string;
}

export interface TokenCallOptions {
  tokenUrl: string;
  client: OAuth2Client;
  /** The provider's name for messages ("SoundCloud"). */
  service: string;
  signal?: AbortSignal;
  now?: () => number;
}

export function exchangeAuthorizationCode(
  opts: TokenCallOptions & { code: string; redirectUri: string; codeVerifier: string },
): Promise<OAuth2Tokens> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: opts.code,
    redirect_uri: opts.redirectUri,
    code_verifier: opts.codeVerifier,
  });
  return tokenCall(opts, form, [opts.code, opts.codeVerifier], 'code');
}

/**
 * Trade a refresh token for new tokens. With rotation the answer carries a new refresh token
 * and the old one is dead from now on: the caller must store the new one before anything else.
 */
export async function refreshAccessToken(
  opts: TokenCallOptions & { refreshToken: string },
): Promise<OAuth2Tokens> {
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: opts.refreshToken,
  });
  const tokens = await tokenCall(opts, form, [opts.refreshToken], 'refresh');
  // A provider that does not rotate leaves the old refresh token valid (RFC 6749 §6).
  return { ...tokens, refreshToken: tokens.refreshToken ?? opts.refreshToken };
}

async function tokenCall(
  opts: TokenCallOptions,
  form: URLSearchParams,
  sent: string[],
  grant: 'code' | 'refresh',
): Promise<OAuth2Tokens> {
  form.set('client_id', opts.client.clientId);
  if (opts.client.clientSecret !== undefined) form.set('client_secret', opts.client.clientSecret);
  const secrets = [...sent, opts.client.clientSecret ?? ''];
  const res = await httpCall({
    method: 'POST',
    url: opts.tokenUrl,
    headers: { accept: 'application/json' },
    form,
    signal: opts.signal,
  });
  const body = parseJsonObject(res.text);
  if (res.status >= 200 && res.status <= 299 && body) {
    return readTokens(body, opts, secrets);
  }
  if (res.status >= 500 || res.status === 429) {
    throw new OAuthError(
      'unreachable',
      `${opts.service} could not issue a token just now (HTTP ${res.status}). Try again in a while.`,
      { status: res.status },
    );
  }
  const code = plainCode(body?.['error']);
  if (code === undefined) {
    throw new OAuthError(
      'unreadable',
      `${opts.service}'s token endpoint answered HTTP ${res.status} with nothing Scrobbletray can read.`,
      { status: res.status },
    );
  }
  const description =
    typeof body?.['error_description'] === 'string'
      ? redactSecrets(body['error_description'], secrets).slice(0, 200)
      : '';
  throw tokenError(opts.service, code, grant, res.status, description);
}

function tokenError(
  service: string,
  code: string,
  grant: 'code' | 'refresh',
  status: number,
  description: string,
): OAuthError {
  const said = description ? ` ${service} said: "${description}".` : '';
  switch (code) {
    case 'invalid_grant':
      return grant === 'refresh'
        ? new OAuthError(
            'reauth',
            `${service} no longer accepts Scrobbletray's saved sign-in (it expired, was revoked, or was used elsewhere). Sign in to ${service} again.`,
            { code, status },
          )
        : new OAuthError(
            'refused',
            `${service} refused the sign-in code: it expired, was already used, or does not match this sign-in. Start signing in again.${said}`,
            { code, status },
          );
    case 'invalid_client':
    case 'unauthorized_client':
      return new OAuthError(
        'config',
        `${service} does not accept Scrobbletray's app credentials (${code}). Check SCROBBLETRAY_SOUNDCLOUD_CONSUMER_KEY and SCROBBLETRAY_SOUNDCLOUD_CONSUMER_SECRET.`,
        { code, status },
      );
    default:
      return new OAuthError('refused', `${service} refused the token request (${code}).${said}`, {
        code,
        status,
      });
  }
}

function readTokens(
  body: Record<string, unknown>,
  opts: TokenCallOptions,
  secrets: string[],
): OAuth2Tokens {
  const accessToken = body['access_token'];
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new OAuthError('unreadable', `${opts.service} answered without an access token.`);
  }
  const type = body['token_type'];
  if (typeof type === 'string' && !/^(bearer|oauth)$/i.test(type)) {
    throw new OAuthError(
      'unreadable',
      `${opts.service} issued a kind of token Scrobbletray cannot use (${plainCode(redactSecrets(type, secrets)) ?? 'unknown'}).`,
    );
  }
  const tokens: OAuth2Tokens = { accessToken };
  const refresh = body['refresh_token'];
  if (typeof refresh === 'string' && refresh !== '') tokens.refreshToken = refresh;
  const expiresIn = Number(body['expires_in']);
  if (Number.isFinite(expiresIn) && expiresIn > 0) {
    tokens.expiresAt = (opts.now ?? Date.now)() + Math.floor(expiresIn) * 1000;
  }
  if (typeof body['scope'] === 'string') tokens.scope = body['scope'];
  return tokens;
}
