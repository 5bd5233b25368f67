// Last line of defence for text that came from outside (a server's error message, say) before
// it goes into an error or a log: a hostile or buggy server may echo our request back.

export const REDACTED = '[redacted]';

/** Secrets shorter than this are not redacted: replacing "a" everywhere would garble text. */
const MIN_SECRET_LENGTH = 4;

/**
 * Replace every occurrence of each secret (and its URL- and form-encoded forms, as a server
 * might echo a query string) with `[redacted]`.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
    variants.add(new URLSearchParams({ x: secret }).toString().slice(2));
  }
  // Longest first, so a secret that contains another is replaced whole.
  let out = text;
  for (const v of [...variants].sort((a, b) => b.length - a.length)) {
    out = out.split(v).join(REDACTED);
  }
  return out;
}

/** Names whose values are credentials wherever they appear as `name=value` or `"name":"value"`. */
const SECRET_NAMES = ['sk', 'api_sig', 'password', 'authToken', 'token', 'api_secret', 'secret'];
const NAMES = SECRET_NAMES.join('|');
const QUERY_VALUE = new RegExp(`(^|[^A-Za-z0-9_])(${NAMES})=[^&\\s"'<>#;,]*`, 'gi');
const JSON_VALUE = new RegExp(`("(?:${NAMES})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');

/** Redact the values of `sk=`, `api_sig=`, `password=`, `authToken=` (and kin) in any text. */
export function redactUrlSecrets(text: string): string {
  return text
    .replace(QUERY_VALUE, (_m, lead: string, name: string) => `${lead}${name}=${REDACTED}`)
    .replace(JSON_VALUE, (_m, head: string) => `${head}"${REDACTED}"`);
}

/** Both of the above. */
export function redact(text: string, secrets: readonly string[]): string {
  return redactUrlSecrets(redactSecrets(text, secrets));
}
