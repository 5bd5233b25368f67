// The RFC 5849 §3.4 signature: the base string (method, base string URI, normalized
// parameters) and HMAC-SHA1 over it. Pure functions, tested on the RFC's vectors and against
// python3-oauthlib on random inputs.
import { createHmac } from 'node:crypto';
import { percentEncode } from './percent-encode.js';

/** One request parameter; a list of these keeps repeated names and their order. */
export type OAuthParam = readonly [name: string, value: string];

/** §3.4.1.2: lowercase scheme and host, no default port, the path (never empty), no query. */
export function baseStringUri(url: string | URL): string {
  const u = new URL(url);
  const scheme = u.protocol.slice(0, -1).toLowerCase();
  const host = u.hostname.toLowerCase();
  // The URL parser already drops :80 for http and :443 for https.
  const port = u.port === '' ? '' : `:${u.port}`;
  return `${scheme}://${host}${port}${u.pathname === '' ? '/' : u.pathname}`;
}

/**
 * §3.4.1.3.1: the parameters a signature covers: the query, a form-encoded body, and the
 * protocol parameters except `realm` and `oauth_signature`.
 */
export function collectParameters(parts: {
  url: string | URL;
  form?: readonly OAuthParam[];
  oauth: readonly OAuthParam[];
}): OAuthParam[] {
  const params: OAuthParam[] = [...new URL(parts.url).searchParams];
  params.push(...(parts.form ?? []));
  for (const [name, value] of parts.oauth) {
    if (name !== 'realm' && name !== 'oauth_signature') params.push([name, value]);
  }
  return params;
}

/** §3.4.1.3.2: encode names and values, sort by name then value (byte order), join. */
export function normalizeParameters(params: readonly OAuthParam[]): string {
  const encoded = params.map(([name, value]) => [percentEncode(name), percentEncode(value)]);
  // After encoding everything is ASCII, so comparing UTF-16 code units is byte order.
  encoded.sort(([an = '', av = ''], [bn = '', bv = '']) =>
    an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0,
  );
  return encoded.map(([name, value]) => `${name}=${value}`).join('&');
}

/** §3.4.1.1: METHOD&enc(base string URI)&enc(normalized parameters). */
export function signatureBaseString(
  method: string,
  url: string | URL,
  params: readonly OAuthParam[],
): string {
  return [
    method.toUpperCase(),
    percentEncode(baseStringUri(url)),
    percentEncode(normalizeParameters(params)),
  ].join('&');
}

/** §3.4.2: HMAC-SHA1, key enc(consumer secret)&enc(token secret) (the `&` always there). */
export function hmacSha1Signature(
  baseString: string,
  consumerSecret: string,
  tokenSecret = '',
): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return createHmac('sha1', key).update(baseString, 'utf8').digest('base64');
}
