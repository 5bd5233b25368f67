// Signs one HTTP request for OAuth 1.0a (HMAC-SHA1) and renders the Authorization header
// (RFC 5849 §3.5.1). Parameters go in the header only, never in the URL, so tokens do not
// end up in logs that record URLs.
import { randomBytes } from 'node:crypto';
import { percentEncode } from './percent-encode.js';
import { collectParameters, hmacSha1Signature, signatureBaseString } from './signature.js';
import type { OAuthParam } from './signature.js';

export interface OAuth1Consumer {
  key: string;
  secret: string;
}

/** A request token (while signing in) or an access token (after). */
export interface OAuth1Token {
  token: string;
  secret: string;
}

export interface SignRequestInput {
  method: string;
  url: string;
  /** Form body parameters, when the body is application/x-www-form-urlencoded. */
  form?: readonly OAuthParam[];
  consumer: OAuth1Consumer;
  token?: OAuth1Token;
  /** Extra protocol parameters: oauth_callback (request token), oauth_verifier (access token). */
  extra?: Readonly<Record<string, string>>;
  realm?: string;
  /** For tests and vectors; a fresh random nonce and the current time otherwise. */
  nonce?: string;
  timestamp?: number;
}

export interface SignedRequest {
  /** The value for the Authorization header. */
  authorization: string;
  /** The protocol parameters sent, oauth_signature included. */
  oauthParams: Record<string, string>;
  baseString: string;
}

export function signRequest(input: SignRequestInput): SignedRequest {
  const oauth: Record<string, string> = {
    oauth_consumer_key: input.consumer.key,
    ...(input.token ? { oauth_token: input.token.token } : {}),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(input.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_nonce: input.nonce ?? randomBytes(16).toString('hex'),
    oauth_version: '1.0',
    ...input.extra,
  };
  const params = collectParameters({
    url: input.url,
    form: input.form,
    oauth: Object.entries(oauth),
  });
  const baseString = signatureBaseString(input.method, input.url, params);
  oauth.oauth_signature = hmacSha1Signature(
    baseString,
    input.consumer.secret,
    input.token?.secret ?? '',
  );
  return {
    authorization: authorizationHeader(oauth, input.realm),
    oauthParams: oauth,
    baseString,
  };
}

/** §3.5.1: `OAuth realm="...", name="enc(value)", ...` (realm is not encoded as a parameter). */
export function authorizationHeader(
  oauthParams: Readonly<Record<string, string>>,
  realm?: string,
): string {
  const parts: string[] = [];
  if (realm !== undefined) parts.push(`realm="${realm.replace(/["\\]/g, '')}"`);
  for (const [name, value] of Object.entries(oauthParams)) {
    parts.push(`${percentEncode(name)}="${percentEncode(value)}"`);
  }
  return `OAuth ${parts.join(', ')}`;
}
