// The fake provider's own reading of RFC 5849, written apart from src/main/oauth/oauth1 on
// purpose: a mistake shared by client and server would pass every test. Encoding patches
// encodeURIComponent (§3.6), the header is parsed by §3.5.1, the base string built by §3.4.1.
import { createHmac } from 'node:crypto';

export function rfcEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `OAuth realm="x", name="value", ...` -> decoded pairs, or null when it is not OAuth. */
export function parseOAuthHeader(header: string | undefined): Map<string, string> | null {
  if (header === undefined || !/^OAuth\s+/i.test(header)) return null;
  const params = new Map<string, string>();
  const rest = header.replace(/^OAuth\s+/i, '');
  for (const part of rest.split(',')) {
    const m = /^\s*([A-Za-z0-9_.~-]+)="([^"]*)"\s*$/.exec(part);
    if (!m) return null;
    const name = decodeURIComponent(m[1] ?? '');
    if (params.has(name)) return null; // §3.1: each protocol parameter at most once
    params.set(name, decodeURIComponent(m[2] ?? ''));
  }
  return params;
}

export function baseString(
  method: string,
  url: URL,
  form: [string, string][],
  oauth: Map<string, string>,
): string {
  const defaultPort =
    (url.protocol === 'http:' && url.port === '80') ||
    (url.protocol === 'https:' && url.port === '443');
  const authority = url.port && !defaultPort ? `${url.hostname}:${url.port}` : url.hostname;
  // Scheme and host lowercase (the URL parser already did it), the path exactly as sent.
  const baseUri = `${url.protocol}//${authority.toLowerCase()}${url.pathname}`;
  const pairs: string[][] = [];
  for (const [k, v] of url.searchParams) pairs.push([rfcEncode(k), rfcEncode(v)]);
  for (const [k, v] of form) pairs.push([rfcEncode(k), rfcEncode(v)]);
  for (const [k, v] of oauth) {
    if (k !== 'realm' && k !== 'oauth_signature') pairs.push([rfcEncode(k), rfcEncode(v)]);
  }
  pairs.sort(
    (a, b) =>
      Buffer.compare(Buffer.from(`${a[0]}`), Buffer.from(`${b[0]}`)) ||
      Buffer.compare(Buffer.from(`${a[1]}`), Buffer.from(`${b[1]}`)),
  );
  const normalized = pairs.map(([k, v]) => `${k}=${v}`).join('&');
  return `${method.toUpperCase()}&${rfcEncode(baseUri)}&${rfcEncode(normalized)}`;
}

export function hmacSha1(base: string, consumerSecret: string, tokenSecret: string): string {
  return createHmac('sha1', `${rfcEncode(consumerSecret)}&${rfcEncode(tokenSecret)}`)
    .update(base)
    .digest('base64');
}
