import { createHash } from 'node:crypto';

/** Parameters Last.fm leaves out of the signature. */
const UNSIGNED = new Set(['format', 'callback', 'api_sig']);

/**
 * Last.fm api_sig: every parameter except format/callback/api_sig, sorted by name in plain
 * byte order (not locale order: `albumArtist[0]` sorts before `album[0]`), name and value
 * concatenated with no separators, the shared secret appended, MD5 of the UTF-8 bytes.
 */
export function signLastfmParams(params: Readonly<Record<string, string>>, secret: string): string {
  const names = Object.keys(params)
    .filter((name) => !UNSIGNED.has(name))
    .sort(compareBytes);
  const hash = createHash('md5');
  for (const name of names) hash.update(name, 'utf8').update(params[name] ?? '', 'utf8');
  return hash.update(secret, 'utf8').digest('hex');
}

/** Byte-order comparison of two strings' UTF-8 encodings. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
