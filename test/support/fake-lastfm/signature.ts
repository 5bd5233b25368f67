// The fake's own api_sig check, written apart from src/main/lastfm/signature.ts on purpose:
// if both shared one implementation, a signing bug in the client would pass every test.

import { createHash } from 'node:crypto';

const NOT_SIGNED = new Set(['format', 'callback', 'api_sig']);

/** MD5 over name+value pairs sorted in byte order (all but format/callback/api_sig) + secret. */
export function expectedSignature(
  params: Readonly<Record<string, string>>,
  secret: string,
): string {
  const names = Object.keys(params)
    .filter((name) => !NOT_SIGNED.has(name))
    .sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  const text = names.map((name) => name + (params[name] ?? '')).join('') + secret;
  return createHash('md5').update(text, 'utf8').digest('hex');
}
