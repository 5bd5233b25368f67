// Request parameters for each API method, built as plain string maps: pure, so the rules
// (indexes, optional fields, the 30-second duration floor, signing) are unit-tested directly.

import type { ScrobbleItem, TrackInfo } from '../../shared/track.js';
import { createHash } from 'node:crypto';
import { signLastfmParams } from './signature.js';

/** Last.fm takes at most 50 scrobbles per track.scrobble request. */
export const MAX_SCROBBLES_PER_REQUEST = 50;
/** Last.fm silently ignores a scrobble whose duration is under 30 s, so such a duration is not sent. */
export const MIN_SCROBBLE_DURATION_S = 30;

export type Params = Record<string, string>;

export interface Credentials {
  apiKey: string;
  apiSecret: string;
}

/** api_key, method, sk (when given) and api_sig over all of them; `format` is left out. */
export function signedParams(
  method: string,
  params: Readonly<Params>,
  creds: Credentials,
  sessionKey?: string,
): Params {
  const all: Params = { ...params, api_key: creds.apiKey, method };
  if (sessionKey !== undefined) all['sk'] = sessionKey;
  all['api_sig'] = signLastfmParams(all, creds.apiSecret);
  return all;
}

/** Reads that need no signature carry only the API key. */
export function unsignedParams(method: string, params: Readonly<Params>, apiKey: string): Params {
  return { ...params, api_key: apiKey, method };
}

/**
 * track.scrobble parameters: `artist[i]`, `track[i]`, `timestamp[i]` always, optional fields
 * only when present. Throws RangeError for an empty batch, more than 50 items, or an item
 * that cannot be sent at all, so nothing goes out for a bad batch.
 */
export function scrobbleParams(items: readonly ScrobbleItem[]): Params {
  if (items.length === 0) throw new RangeError('track.scrobble needs at least one scrobble');
  if (items.length > MAX_SCROBBLES_PER_REQUEST) {
    throw new RangeError(
      `track.scrobble takes at most ${MAX_SCROBBLES_PER_REQUEST} scrobbles, got ${items.length}`,
    );
  }
  const out: Params = {};
  items.forEach((item, i) => {
    if (!Number.isFinite(item.timestamp) || item.timestamp < 0) {
      throw new RangeError(`scrobble ${i} has no valid timestamp`);
    }
    addTrack(out, item, `[${i}]`, MIN_SCROBBLE_DURATION_S);
    out[`timestamp[${i}]`] = String(Math.trunc(item.timestamp));
    if (item.chosenByUser !== undefined) out[`chosenByUser[${i}]`] = item.chosenByUser ? '1' : '0';
  });
  return out;
}

/**
 * track.updateNowPlaying parameters. Any positive duration is sent: here it only tells
 * Last.fm when the now-playing status should lapse.
 */
export function nowPlayingParams(track: TrackInfo): Params {
  const out: Params = {};
  addTrack(out, track, '', 1);
  return out;
}

/** track.love / track.unlove parameters. */
export function loveParams(t: { artist: string; track: string }): Params {
  requireText(t.artist, 'artist');
  requireText(t.track, 'track');
  return { artist: t.artist, track: t.track };
}

/**
 * How auth.getMobileSession proves the password: Last.fm takes `password`; GNU FM servers
 * (Libre.fm) take only `authToken = md5(lowercase(username) + md5(password))`.
 */
export type MobileAuthVia = 'password' | 'authToken';

export function mobileSessionParams(
  username: string,
  password: string,
  via: MobileAuthVia = 'password',
): Params {
  requireText(username, 'username');
  if (password === '') throw new RangeError('password must not be empty');
  if (via === 'password') return { username, password };
  const authToken = md5(username.toLowerCase() + md5(password));
  return { username, authToken };
}

function md5(s: string): string {
  return createHash('md5').update(s, 'utf8').digest('hex');
}

export interface RecentTracksQuery {
  user: string;
  /** Per page, at most 200. */
  limit?: number;
  page?: number;
  /** UTC seconds, inclusive bounds. */
  from?: number;
  to?: number;
  extended?: boolean;
}

export function recentTracksParams(q: RecentTracksQuery): Params {
  requireText(q.user, 'user');
  const out: Params = { user: q.user };
  const ints = { limit: q.limit, page: q.page, from: q.from, to: q.to };
  for (const [name, value] of Object.entries(ints)) {
    if (value !== undefined && Number.isFinite(value)) out[name] = String(Math.trunc(value));
  }
  if (q.extended !== undefined) out['extended'] = q.extended ? '1' : '0';
  return out;
}

export interface SearchQuery {
  /** The text typed: a track title, artist name or album title, by `kind`. */
  query: string;
  /** track.search only: narrow the titles to an artist. */
  artist?: string;
  /** Per page; Last.fm's default is 30. */
  limit?: number;
  page?: number;
}

/** track.search takes `track` (and optionally `artist`), artist.search `artist`, album.search `album`. */
export function searchParams(kind: 'track' | 'artist' | 'album', q: SearchQuery): Params {
  requireText(q.query, kind);
  const out: Params = { [kind]: q.query };
  if (kind === 'track' && q.artist?.trim()) out['artist'] = q.artist;
  if (q.limit !== undefined && Number.isInteger(q.limit) && q.limit > 0) {
    out['limit'] = String(q.limit);
  }
  if (q.page !== undefined && Number.isInteger(q.page) && q.page > 0) out['page'] = String(q.page);
  return out;
}

export interface AlbumInfoQuery {
  artist: string;
  album: string;
  /** Let the service correct a misspelt artist (Last.fm's `autocorrect=1`). */
  autocorrect?: boolean;
}

export function albumInfoParams(q: AlbumInfoQuery): Params {
  requireText(q.artist, 'artist');
  requireText(q.album, 'album');
  const out: Params = { artist: q.artist, album: q.album };
  if (q.autocorrect) out['autocorrect'] = '1';
  return out;
}

function addTrack(out: Params, t: TrackInfo, suffix: string, minDuration: number): void {
  requireText(t.artist, 'artist');
  requireText(t.track, 'track');
  out[`artist${suffix}`] = t.artist;
  out[`track${suffix}`] = t.track;
  if (t.album) out[`album${suffix}`] = t.album;
  if (t.albumArtist) out[`albumArtist${suffix}`] = t.albumArtist;
  if (t.duration !== undefined && Number.isFinite(t.duration) && t.duration >= minDuration) {
    out[`duration${suffix}`] = String(Math.round(t.duration));
  }
  if (t.trackNumber !== undefined && Number.isInteger(t.trackNumber) && t.trackNumber > 0) {
    out[`trackNumber${suffix}`] = String(t.trackNumber);
  }
  if (t.mbid) out[`mbid${suffix}`] = t.mbid;
}

function requireText(value: string, name: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RangeError(`${name} must not be empty`);
  }
}
