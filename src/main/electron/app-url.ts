import { extname, resolve, sep } from 'node:path';

// The window's pages are served from our own privileged scheme, app://scrobbletray/, rather
// than file://: a file:// page gets no response headers (so no CSP header), shares its origin
// with every file on disk, and can read them. Here: the URLs, the check "is this our page",
// the mapping from a request to a file in dist/renderer, and the response headers.

export const APP_SCHEME = 'app';
export const APP_HOST = 'scrobbletray';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
const INDEX_PATH = '/index.html';

/**
 * Strict: only our own scripts and styles, no inline script, no eval, no network, no frames,
 * no plugins, no forms. The window talks to the core through the preload bridge, not fetch.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The page URL for a renderer route: '' for the main window, '#/manual' for manual entry. */
export function appPageUrl(route = ''): string {
  return `${APP_ORIGIN}${INDEX_PATH}${route}`;
}

/** True for our one document (any route): what may call the core and receive its events. */
export function isAppPageUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.pathname === INDEX_PATH &&
    parsed.search === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * The file under `rootDir` an app:// request asks for, or null when it is not ours or would
 * leave the folder (`..`, encoded or not, backslashes, NUL).
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  const parsed = parseUrl(requestUrl);
  if (parsed === null || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return null;
  }
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '/' || path === '') path = INDEX_PATH;
  const root = resolve(rootDir);
  const file = resolve(root, `.${path}`);
  return file.startsWith(root + sep) ? file : null;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

/** Headers for a file we serve: its type, the CSP, and no MIME sniffing. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
