// The two token calls of OAuth 1.0a (RFC 5849 §2.1, §2.3) and the authorize page URL (§2.2).
// A provider that does not confirm the callback is refused: in plain OAuth 1.0 an attacker
// can start a sign-in, send the approval link to a victim and then use the approved token
// (the session-fixation attack 1.0a was made to fix).
import { OAuthError, plainCode } from '../errors.js';
import { hostOf, httpCall, parseForm } from '../http.js';
import { signRequest } from './sign-request.js';
import type { OAuth1Consumer, OAuth1Token } from './sign-request.js';

export interface OAuth1Endpoints {
  requestTokenUrl: string;
  authorizeUrl: string;
  accessTokenUrl: string;
}

export interface OAuth1CallOptions {
  /** The provider's name for messages ("SoundCloud"). */
  service: string;
  signal?: AbortSignal;
  /** Clock for oauth_timestamp (ms); tests use it to replay a request. */
  now?: () => number;
}

export interface OAuth1AccessToken extends OAuth1Token {
  /** Other fields of the answer (some providers send user_id, screen_name, ...). */
  extra: Record<string, string>;
}

export async function fetchRequestToken(
  endpoints: OAuth1Endpoints,
  consumer: OAuth1Consumer,
  callbackUrl: string,
  opts: OAuth1CallOptions,
): Promise<OAuth1Token> {
  const answer = await tokenCall(
    endpoints.requestTokenUrl,
    consumer,
    undefined,
    {
      oauth_callback: callbackUrl,
    },
    opts,
    'request token',
  );
  if (answer.get('oauth_callback_confirmed') !== 'true') {
    throw new OAuthError(
      'insecure-provider',
      `${opts.service} (${hostOf(endpoints.requestTokenUrl)}) speaks the old OAuth 1.0, which does not confirm the return address; signing in that way can be hijacked, so Scrobbletray will not use it. Use a server that supports OAuth 1.0a, or --method oauth2.`,
    );
  }
  return requireToken(answer, opts.service, 'request token');
}

/** The approval page: the authorize URL with `oauth_token` added (§2.2). */
export function authorizePageUrl(authorizeUrl: string, requestToken: string): string {
  const url = new URL(authorizeUrl);
  url.searchParams.set('oauth_token', requestToken);
  return url.toString();
}

export async function fetchAccessToken(
  endpoints: OAuth1Endpoints,
  consumer: OAuth1Consumer,
  requestToken: OAuth1Token,
  verifier: string,
  opts: OAuth1CallOptions,
): Promise<OAuth1AccessToken> {
  const answer = await tokenCall(
    endpoints.accessTokenUrl,
    consumer,
    requestToken,
    {
      oauth_verifier: verifier,
    },
    opts,
    'access token',
  );
  const token = requireToken(answer, opts.service, 'access token');
  const extra: Record<string, string> = {};
  for (const [name, value] of answer) {
    if (name !== 'oauth_token' && name !== 'oauth_token_secret') extra[name] = value;
  }
  return { ...token, extra };
}

async function tokenCall(
  url: string,
  consumer: OAuth1Consumer,
  token: OAuth1Token | undefined,
  extra: Record<string, string>,
  opts: OAuth1CallOptions,
  what: string,
): Promise<Map<string, string>> {
  const signed = signRequest({
    method: 'POST',
    url,
    consumer,
    token,
    extra,
    timestamp: opts.now ? Math.floor(opts.now() / 1000) : undefined,
  });
  const res = await httpCall({
    method: 'POST',
    url,
    headers: { authorization: signed.authorization },
    form: new URLSearchParams(),
    signal: opts.signal,
  });
  if (res.status >= 500) {
    throw new OAuthError(
      'unreachable',
      `${opts.service} could not hand out a ${what} (HTTP ${res.status}). Try again in a while.`,
      { status: res.status },
    );
  }
  const answer = parseForm(res.text);
  if (res.status < 200 || res.status > 299) {
    // The OAuth Problem Reporting extension's `oauth_problem`, quoted only if a plain word.
    const problem = plainCode(answer.get('oauth_problem'));
    throw new OAuthError('refused', refusalText(opts.service, what, res.status, problem), {
      status: res.status,
      code: problem,
    });
  }
  return answer;
}

function refusalText(service: string, what: string, status: number, problem?: string): string {
  const why = problem ? `, ${problem}` : '';
  const hint =
    what === 'request token'
      ? 'Check the consumer key and secret (SCROBBLETRAY_SOUNDCLOUD_CONSUMER_KEY and _SECRET) and the clock of this computer.'
      : 'The approval may have expired or been used already: sign in again.';
  return `${service} refused the ${what} (HTTP ${status}${why}). ${hint}`;
}

function requireToken(answer: Map<string, string>, service: string, what: string): OAuth1Token {
  const token = answer.get('oauth_token');
  const secret = answer.get('oauth_token_secret');
  if (!token || secret === undefined) {
    throw new OAuthError('unreadable', `${service} answered without a ${what}.`);
  }
  return { token, secret };
}
