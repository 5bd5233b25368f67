// The Audioscrobbler Realtime Submission Protocol 1.2 / 1.2.1 on the wire, as pure functions:
// the handshake query, the now-playing and submission forms, and reading the plain-text
// replies. No I/O and no clock here, so every rule is unit-tested directly.

import { createHash } from 'node:crypto';

import type { ScrobbleItem, TrackInfo } from '../../../shared/track.js';

export const PROTOCOL_VERSION = '1.2.1';
/** The protocol's limit per submission request. */
export const MAX_TRACKS_PER_SUBMISSION = 50;
/**
 * Last.fm's development client id. No new 1.2 client ids are issued; GNU FM servers accept
 * any id except `import`, so the caller may pass its own (see As12ClientOptions.clientId).
 */
export const DEVELOPMENT_CLIENT_ID = 'tst';

/** How to prove who we are. The password itself never reaches this module. */
export type As12Credentials =
  | {
      kind: 'password';
      user: string;
      /** md5(password), 32 hex digits: what the keychain keeps for a 1.2 service. */
      passwordMd5: string;
    }
  | {
      /** 1.2.1's web-service form: a 2.0 API session stands in for the password. */
      kind: 'web-service';
      user: string;
      apiKey: string;
      apiSecret: string;
      sessionKey: string;
    };

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

const MD5_HEX = /^[0-9a-f]{32}$/i;

export function isMd5Hex(value: string): boolean {
  return MD5_HEX.test(value);
}

/**
 * The handshake's auth token for timestamp `t`: md5(md5(password) + t) in the standard form,
 * md5(shared secret + t) in the web-service form. Lower-case hex, as the servers compare it.
 */
export function authToken(creds: As12Credentials, t: number): string {
  return creds.kind === 'password'
    ? md5Hex(creds.passwordMd5.toLowerCase() + String(t))
    : md5Hex(creds.apiSecret + String(t));
}

export interface HandshakeParams {
  clientId: string;
  clientVersion: string;
  /** Unix seconds; never the same twice per client (GNU FM: FAILED duplicate key). */
  t: number;
}

/** `{root}?hs=true&p=1.2.1&c&v&u&t&a[&api_key&sk]`, keeping any query the root already has. */
export function handshakeUrl(root: string, creds: As12Credentials, p: HandshakeParams): URL {
  const url = new URL(root);
  const q = url.searchParams;
  q.set('hs', 'true');
  q.set('p', PROTOCOL_VERSION);
  q.set('c', p.clientId);
  q.set('v', p.clientVersion);
  q.set('u', creds.user);
  q.set('t', String(p.t));
  q.set('a', authToken(creds, p.t));
  if (creds.kind === 'web-service') {
    q.set('api_key', creds.apiKey);
    q.set('sk', creds.sessionKey);
  }
  return url;
}

export interface As12Session {
  id: string;
  nowPlayingUrl: string;
  submissionUrl: string;
}

export type HandshakeReply =
  | { kind: 'ok'; session: As12Session }
  | { kind: 'banned' }
  | { kind: 'badauth' }
  | { kind: 'badtime' }
  | { kind: 'failed'; reason: string }
  | { kind: 'unreadable' };

export type ActionReply =
  | { kind: 'ok' }
  | { kind: 'badsession' }
  | { kind: 'failed'; reason: string }
  | { kind: 'unreadable' };

/** Non-empty lines, trimmed (servers end lines with \n, some with \r\n). */
function lines(body: string): string[] {
  return body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function failedReason(line: string): string | null {
  if (line === 'FAILED') return '';
  return line.startsWith('FAILED ') ? line.slice('FAILED '.length).trim() : null;
}

function isHttpUrl(text: string | undefined): text is string {
  if (text === undefined) return false;
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function parseHandshakeReply(body: string): HandshakeReply {
  const [first, id, nowPlayingUrl, submissionUrl] = lines(body);
  switch (first) {
    case 'OK':
      // All four lines, or the session cannot be used: a cut-off answer, not a session.
      if (!id || /\s/.test(id) || !isHttpUrl(nowPlayingUrl) || !isHttpUrl(submissionUrl)) {
        return { kind: 'unreadable' };
      }
      return { kind: 'ok', session: { id, nowPlayingUrl, submissionUrl } };
    case 'BANNED':
      return { kind: 'banned' };
    case 'BADAUTH':
      return { kind: 'badauth' };
    case 'BADTIME':
      return { kind: 'badtime' };
    case undefined:
      return { kind: 'unreadable' };
    default: {
      const reason = failedReason(first);
      return reason === null ? { kind: 'unreadable' } : { kind: 'failed', reason };
    }
  }
}

/** The reply to a now-playing notification or a submission. */
export function parseActionReply(body: string): ActionReply {
  const [first] = lines(body);
  if (first === 'OK') return { kind: 'ok' };
  if (first === 'BADSESSION') return { kind: 'badsession' };
  if (first === undefined) return { kind: 'unreadable' };
  const reason = failedReason(first);
  return reason === null ? { kind: 'unreadable' } : { kind: 'failed', reason };
}

const text = (value: string | undefined): string => value?.trim() ?? '';
const count = (value: number | undefined): string =>
  value !== undefined && Number.isInteger(value) && value > 0 ? String(value) : '';

/**
 * The source code `o`. Scrobbletray records what the user plays: P ("chosen by the user").
 * The protocol requires a length with P; when the length is unknown (a hand-entered scrobble
 * without a duration, a player that reports none) we send U ("source unknown", which needs
 * no length) rather than invent a length or send P without one, which Last.fm's 1.2 server
 * refused. A play marked as not chosen by the user (radio, a recommendation) is U as well:
 * we cannot tell R (broadcast) from E (recommendation).
 */
export function sourceFor(item: ScrobbleItem): 'P' | 'U' {
  return item.chosenByUser !== false && count(item.duration) !== '' ? 'P' : 'U';
}

/** Now playing: s, a, t, b, l, n, m (every key present, empty when unknown). */
export function nowPlayingForm(sessionId: string, track: TrackInfo): URLSearchParams {
  return new URLSearchParams([
    ['s', sessionId],
    ['a', text(track.artist)],
    ['t', text(track.track)],
    ['b', text(track.album)],
    ['l', count(track.duration)],
    ['n', count(track.trackNumber)],
    ['m', text(track.mbid)],
  ]);
}

/**
 * Submission: s, then for each track a, t, i, o, r, l, b, n, m with its index, every key
 * present (empty when unknown), oldest first as the protocol asks. `r` (rating) stays empty:
 * L/B/S are for Last.fm radio. Returns the form and the items in the order sent.
 */
export function submissionForm(
  sessionId: string,
  items: readonly ScrobbleItem[],
): { form: URLSearchParams; order: ScrobbleItem[] } {
  const order = [...items].sort((x, y) => x.timestamp - y.timestamp);
  const form = new URLSearchParams([['s', sessionId]]);
  order.forEach((item, i) => {
    form.append(`a[${i}]`, text(item.artist));
    form.append(`t[${i}]`, text(item.track));
    form.append(`i[${i}]`, String(item.timestamp));
    form.append(`o[${i}]`, sourceFor(item));
    form.append(`r[${i}]`, '');
    form.append(`l[${i}]`, count(item.duration));
    form.append(`b[${i}]`, text(item.album));
    form.append(`n[${i}]`, count(item.trackNumber));
    form.append(`m[${i}]`, text(item.mbid));
  });
  return { form, order };
}

/** What is wrong with a track before it is sent, in words that say what to fix; null if fine. */
export function trackProblem(track: TrackInfo, index: number): string | null {
  const which = `Track ${index + 1}`;
  if (text(track.artist) === '') return `${which} has no artist: add one.`;
  if (text(track.track) === '') return `${which} has no title: add one.`;
  for (const [name, value] of [
    ['duration', track.duration],
    ['track number', track.trackNumber],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value <= 0)) {
      return `${which} has a ${name} that is not a whole number above 0 (${value}).`;
    }
  }
  return null;
}

export function itemProblem(item: ScrobbleItem, index: number): string | null {
  const problem = trackProblem(item, index);
  if (problem) return problem;
  if (!Number.isInteger(item.timestamp) || item.timestamp <= 0) {
    return `Track ${index + 1} has no valid play time (whole Unix seconds): set when it was played.`;
  }
  return null;
}

/**
 * FAILED reasons GNU FM gives for a request no retry can fix (see gnukebox
 * submissions/1.2/index.php). Anything else after FAILED is taken as the server's trouble.
 */
const PERMANENT_FAILED = [
  /timestamp in the future/i,
  /empty mandatory field/i,
  /required post parameters/i,
  /bad encoding/i,
  /invalid timestamps/i,
  /must be arrays/i,
];

export function failedIsPermanent(reason: string): boolean {
  return PERMANENT_FAILED.some((re) => re.test(reason));
}
