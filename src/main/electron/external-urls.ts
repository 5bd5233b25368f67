// The only web pages the app may open in the user's browser: http(s) URLs the app itself
// produced (a sign-in approval page returned by account.startSignIn), for a short while. A
// renderer that was tricked into calling window.open('https://evil.example') gets nothing.

export const EXTERNAL_URL_TTL_MS = 10 * 60 * 1000;

export interface ExternalUrlAllowlistOptions {
  ttlMs?: number;
  now?: () => number;
}

export class ExternalUrlAllowlist {
  readonly #ttlMs: number;
  readonly #now: () => number;
  /** Normalised URL -> expiry (unix ms). */
  readonly #urls = new Map<string, number>();

  constructor(opts: ExternalUrlAllowlistOptions = {}) {
    this.#ttlMs = opts.ttlMs ?? EXTERNAL_URL_TTL_MS;
    this.#now = opts.now ?? Date.now;
  }

  /** Allow a URL for a while; false (and nothing allowed) unless it is http(s). */
  add(url: string): boolean {
    const normalised = webUrl(url);
    if (normalised === null) return false;
    this.#urls.set(normalised, this.#now() + this.#ttlMs);
    return true;
  }

  allows(url: string): boolean {
    const normalised = webUrl(url);
    if (normalised === null) return false;
    const now = this.#now();
    for (const [u, expires] of this.#urls) if (expires <= now) this.#urls.delete(u);
    return this.#urls.has(normalised);
  }
}

/** The URL's canonical form when it is an http(s) URL without credentials, else null. */
export function webUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.username || parsed.password) return null;
  return parsed.href;
}
