// The Last.fm 2.0 API calls Scrobbletray makes. Also talks to Libre.fm and GNU FM, which
// serve the same API at another root. Signing, params and parsing live in their own modules;
// this class only wires them to the transport.

import type {
  ScrobbleBatchResult,
  ScrobbleItem,
  ScrobbleOutcome,
  TrackInfo,
} from '../../shared/track.js';
import { LastfmError } from './errors.js';
import type { ServiceFlavor } from './ignored-codes.js';
import {
  albumInfoParams,
  loveParams,
  mobileSessionParams,
  nowPlayingParams,
  recentTracksParams,
  scrobbleParams,
  searchParams,
  signedParams,
  unsignedParams,
} from './params.js';
import type {
  AlbumInfoQuery,
  Credentials,
  MobileAuthVia,
  Params,
  RecentTracksQuery,
  SearchQuery,
} from './params.js';
import {
  parseAlbumInfo,
  parseEmpty,
  parseNowPlaying,
  parseRecentTracks,
  parseScrobbleResponse,
  parseSearch,
  parseSession,
  parseToken,
  parseUserInfo,
} from './parse.js';
import { mayReceivePasswords } from './password-transport.js';
import { LastfmTransport } from './transport.js';
import type { HttpVerb } from './transport.js';
import type {
  AlbumInfo,
  CatalogueKind,
  LastfmSession,
  LastfmUserInfo,
  RecentTracksPage,
  SearchPage,
} from './types.js';

export { MAX_SCROBBLES_PER_REQUEST } from './params.js';
export type { AlbumInfoQuery, MobileAuthVia, RecentTracksQuery, SearchQuery } from './params.js';
// Every Last.fm type, so callers need only this module.
export type * from './types.js';

export interface LastfmClientOptions {
  /** API root, used as given, e.g. `https://ws.audioscrobbler.com/2.0/`. */
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
  /** Whose dialect the server speaks; GNU FM numbers some ignored codes differently. */
  flavor?: ServiceFlavor;
  /** Full User-Agent header, e.g. userAgentFor('1.2.0') -> `Scrobbletray/1.2.0`. */
  userAgent?: string;
  /** Default 10 s. */
  connectTimeoutMs?: number;
  /** For the headers, and for each gap in the body; default 20 s. */
  responseTimeoutMs?: number;
}

type Signing = { signed: false } | { signed: true; sessionKey?: string };

export class LastfmClient {
  readonly #creds: Credentials;
  readonly #transport: LastfmTransport;
  readonly #encrypted: boolean;
  readonly #flavor: ServiceFlavor;

  constructor(opts: LastfmClientOptions) {
    this.#flavor = opts.flavor ?? 'lastfm';
    this.#encrypted = mayReceivePasswords(opts.apiUrl);
    this.#creds = { apiKey: opts.apiKey, apiSecret: opts.apiSecret };
    this.#transport = new LastfmTransport({
      apiUrl: opts.apiUrl,
      userAgent: opts.userAgent ?? 'Scrobbletray',
      connectTimeoutMs: opts.connectTimeoutMs,
      responseTimeoutMs: opts.responseTimeoutMs,
      secrets: [opts.apiSecret],
    });
  }

  /** Desktop auth step 1: a request token for the user to approve. */
  async getToken(): Promise<string> {
    const method = 'auth.getToken';
    return parseToken(await this.#call(method, {}, 'GET', { signed: true }), method);
  }

  /** Exchange an approved token; error 14 = not approved yet, 15 = expired, 4 = invalid. */
  async getSession(token: string): Promise<LastfmSession> {
    const method = 'auth.getSession';
    return parseSession(await this.#call(method, { token }, 'GET', { signed: true }), method);
  }

  /**
   * Username and password sign-in, POSTed. `via: 'authToken'` for GNU FM servers. Refuses to
   * send a password over plain HTTP to anything but this machine.
   */
  async getMobileSession(
    username: string,
    password: string,
    opts: { via?: MobileAuthVia } = {},
  ): Promise<LastfmSession> {
    const method = 'auth.getMobileSession';
    const params = mobileSessionParams(username, password, opts.via);
    if (!this.#encrypted) {
      throw new LastfmError({
        method,
        errorClass: 'permanent',
        message: `${method} failed: Scrobbletray sends a password only over HTTPS`,
      });
    }
    const json = await this.#call(method, params, 'POST', { signed: true });
    return parseSession(json, method);
  }

  /** Up to 50 plays, oldest first. A bad batch throws RangeError before anything is sent. */
  async scrobble(sessionKey: string, items: readonly ScrobbleItem[]): Promise<ScrobbleBatchResult> {
    const method = 'track.scrobble';
    const params = scrobbleParams(items);
    const json = await this.#call(method, params, 'POST', { signed: true, sessionKey });
    return parseScrobbleResponse(json, items, method, this.#flavor);
  }

  async updateNowPlaying(sessionKey: string, track: TrackInfo): Promise<ScrobbleOutcome> {
    const method = 'track.updateNowPlaying';
    const params = nowPlayingParams(track);
    const json = await this.#call(method, params, 'POST', { signed: true, sessionKey });
    return parseNowPlaying(json, track, method, this.#flavor);
  }

  async love(sessionKey: string, t: { artist: string; track: string }): Promise<void> {
    const method = 'track.love';
    const json = await this.#call(method, loveParams(t), 'POST', { signed: true, sessionKey });
    parseEmpty(json, method);
  }

  async unlove(sessionKey: string, t: { artist: string; track: string }): Promise<void> {
    const method = 'track.unlove';
    const json = await this.#call(method, loveParams(t), 'POST', { signed: true, sessionKey });
    parseEmpty(json, method);
  }

  async getRecentTracks(q: RecentTracksQuery): Promise<RecentTracksPage> {
    const method = 'user.getRecentTracks';
    const json = await this.#call(method, recentTracksParams(q), 'GET', { signed: false });
    return parseRecentTracks(json, method);
  }

  /** By name (public, unsigned) or for the session's own user (signed). */
  async getUserInfo(q: { user: string } | { sessionKey: string }): Promise<LastfmUserInfo> {
    const method = 'user.getInfo';
    const json =
      'sessionKey' in q
        ? await this.#call(method, {}, 'GET', { signed: true, sessionKey: q.sessionKey })
        : await this.#call(method, { user: q.user }, 'GET', { signed: false });
    return parseUserInfo(json, method);
  }

  /** track.search, artist.search or album.search: public reads, unsigned. */
  async search(kind: CatalogueKind, q: SearchQuery): Promise<SearchPage> {
    const method = `${kind}.search`;
    const json = await this.#call(method, searchParams(kind, q), 'GET', { signed: false });
    return parseSearch(json, kind, method);
  }

  /** An album's tracklist with lengths; error 6 ("Album not found") when there is none. */
  async getAlbumInfo(q: AlbumInfoQuery): Promise<AlbumInfo> {
    const method = 'album.getInfo';
    const json = await this.#call(method, albumInfoParams(q), 'GET', { signed: false });
    return parseAlbumInfo(json, method);
  }

  /** Close the connection pool. */
  async close(): Promise<void> {
    await this.#transport.close();
  }

  #call(method: string, params: Params, verb: HttpVerb, signing: Signing): Promise<unknown> {
    const all = signing.signed
      ? signedParams(method, params, this.#creds, signing.sessionKey)
      : unsignedParams(method, params, this.#creds.apiKey);
    return this.#transport.call(method, all, verb);
  }
}

/** HTTPS, or plain HTTP to a loopback address (test servers, local proxies). */
