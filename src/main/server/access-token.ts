import { randomBytes } from 'node:crypto';
import { secretsMatch } from '../secure-compare.js';
import type { IncomingMessage } from 'node:http';

// The headless server's only credential: a random token made per run and printed with the
// URL. A browser trades it for an HttpOnly cookie once; scripts and tests send it as a bearer
// token. Anything on this machine can reach 127.0.0.1, so every request must prove it has it.

/**
 * The cookie's name, per port: browsers keep cookies per host, not per port, so two servers
 * running at once (say `serve` and a second one with `--port`) would overwrite each other's.
 */
export function tokenCookieName(port: number): string {
  return `scrobbletray_token_${port}`;
}

/** 32 random bytes, base64url: unguessable, and safe in a URL and a cookie as it is. */
export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether a presented token is the run's token (constant time). */
export function tokenMatches(expected: string, candidate: string | null | undefined): boolean {
  return secretsMatch(expected, candidate);
}

/** True when the request carries the token as our cookie or as `Authorization: Bearer`. */
export function isAuthorized(req: IncomingMessage, expected: string, port: number): boolean {
  const auth = req.headers.authorization;
  if (auth) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (match && tokenMatches(expected, match[1])) return true;
  }
  return cookieValues(req.headers.cookie, tokenCookieName(port)).some((v) =>
    tokenMatches(expected, v),
  );
}

/** The Set-Cookie value that keeps the browser signed in to this run of the server. */
export function tokenCookie(token: string, port: number): string {
  // HttpOnly: page scripts never see it. SameSite=Strict: other sites' pages cannot make the
  // browser send it. No Max-Age: it ends with the browser session, and a new run has a new
  // token anyway. (Secure is impossible on plain-HTTP loopback.)
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}
