import { randomBytes } from 'node:crypto';
import { secretsMatch } from '../secure-compare.js';
import type { IncomingMessage } from 'node:http';

// The headless server's only credential: a random token made per run and printed with the
// URL. It travels only as `Authorization: Bearer`, never as a cookie: browsers send cookies
// for 127.0.0.1 to every server on 127.0.0.1 whatever its port, so a cookie would hand the
// whole API to any other local web server the user visits. The window reads the token from
// the URL's fragment (never sent to a server) and keeps it in the tab's sessionStorage,
// which is scoped to our exact origin, port included.

/** The fragment key the printed address carries the token under: `/#token=…`. */
export const TOKEN_FRAGMENT_KEY = 'token';

/** 32 random bytes, base64url: unguessable, and safe in a URL as it is. */
export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether a presented token is the run's token (constant time). */
export function tokenMatches(expected: string, candidate: string | null | undefined): boolean {
  return secretsMatch(expected, candidate);
}

/** True when the request carries the run's token as `Authorization: Bearer TOKEN`. */
export function isAuthorized(req: IncomingMessage, expected: string): boolean {
  const auth = req.headers.authorization;
  if (!auth) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
  return match !== null && tokenMatches(expected, match[1]);
}
