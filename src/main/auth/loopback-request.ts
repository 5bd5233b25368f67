// Decides what to do with one HTTP request to the loopback sign-in server. Pure, so every
// refusal rule can be unit-tested; the single-use rule lives in the server because it is
// state. Refusal messages are fixed texts: nothing from the request is ever echoed.
import { secretsMatch } from '../secure-compare.js';

export interface CallbackRequest {
  method: string | undefined;
  /** The request-target as sent (req.url). */
  target: string | undefined;
  /** The Host header as sent. */
  host: string | undefined;
}

export interface CallbackExpectation {
  port: number;
  path: string;
  state: string;
  /** The query parameter carrying the one-time token; default 'token' (Last.fm). OAuth 2
   * uses 'code', OAuth 1.0a 'oauth_token'. */
  tokenParam?: string;
  /** A query parameter by which the service says the user did not approve (OAuth 2's
   * 'error'); absent by default. Only honoured on a callback with the right state. */
  errorParam?: string;
}

export type CallbackVerdict =
  | { kind: 'callback'; token: string; url: URL }
  /** The service sent the browser back without approval. `code` is the error parameter's value
   * when it is a short plain word (e.g. 'access_denied'), else 'unknown'. */
  | { kind: 'denied'; code: string; url: URL }
  | { kind: 'refuse'; status: number; message: string; allow?: string; quiet?: boolean };

// Tokens from Last.fm and GNU FM are 32 hex characters; allow URL-safe characters and some
// length so other compatible servers work, but nothing that could carry markup.
const TOKEN = /^[A-Za-z0-9._~-]{1,512}$/;

export const REFUSALS = {
  host: 'This address only answers sign-in requests sent to 127.0.0.1.',
  target: 'This request is not a sign-in callback.',
  path: 'There is nothing here. This address only receives the sign-in callback for Scrobbletray.',
  method: 'This address only accepts the browser returning from sign-in (GET).',
  state:
    'This sign-in link is not the one Scrobbletray is waiting for. Start the sign-in again from Scrobbletray.',
  token:
    'The service did not send a sign-in token back. Start the sign-in again from Scrobbletray.',
  used: 'This sign-in link has already been used. If you are not signed in, start again from Scrobbletray.',
  denied:
    'The sign-in was not approved, so Scrobbletray is not signed in. Start again from Scrobbletray if you meant to approve it.',
} as const;

const ERROR_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

/** Constant-time comparison of the state the browser brought back with the one we made. */
export function sameSecret(given: string, expected: string): boolean {
  return secretsMatch(expected, given);
}

export function checkCallbackRequest(
  req: CallbackRequest,
  expected: CallbackExpectation,
): CallbackVerdict {
  const origin = `127.0.0.1:${expected.port}`;
  // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends its own Host.
  // RFC 8252 says to use the IP literal, so "localhost" is refused too.
  if (req.host !== origin) return { kind: 'refuse', status: 421, message: REFUSALS.host };
  // Only origin-form ("/path?query"); absolute-form targets are for proxies.
  if (req.target === undefined || !req.target.startsWith('/')) {
    return { kind: 'refuse', status: 400, message: REFUSALS.target };
  }
  let url: URL;
  try {
    // Concatenated, not resolved against a base: "//evil.example/x" must stay a path.
    url = new URL(`http://${origin}${req.target}`);
  } catch {
    return { kind: 'refuse', status: 400, message: REFUSALS.target };
  }
  if (url.pathname === '/favicon.ico') {
    return { kind: 'refuse', status: 404, message: '', quiet: true };
  }
  if (url.pathname !== expected.path)
    return { kind: 'refuse', status: 404, message: REFUSALS.path };
  if (req.method !== 'GET') {
    return { kind: 'refuse', status: 405, message: REFUSALS.method, allow: 'GET' };
  }
  const states = url.searchParams.getAll('state');
  if (states.length !== 1 || !sameSecret(states[0] ?? '', expected.state)) {
    return { kind: 'refuse', status: 400, message: REFUSALS.state };
  }
  const tokens = url.searchParams.getAll(expected.tokenParam ?? 'token');
  const errors = expected.errorParam ? url.searchParams.getAll(expected.errorParam) : [];
  if (tokens.length === 0 && errors.length === 1) {
    const code = errors[0] ?? '';
    return { kind: 'denied', code: ERROR_CODE.test(code) ? code : 'unknown', url };
  }
  const token = tokens[0];
  if (tokens.length !== 1 || token === undefined || !TOKEN.test(token)) {
    return { kind: 'refuse', status: 400, message: REFUSALS.token };
  }
  return { kind: 'callback', token, url };
}
