// Public API of the Last.fm 2.0 client.

export { LastfmClient, MAX_SCROBBLES_PER_REQUEST } from './client.js';
export type {
  AlbumInfo,
  AlbumInfoQuery,
  AlbumTrack,
  CatalogueKind,
  LastfmClientOptions,
  LastfmSession,
  LastfmUserInfo,
  MobileAuthVia,
  RecentTrack,
  RecentTracksPage,
  RecentTracksQuery,
  SearchMatch,
  SearchPage,
  SearchQuery,
} from './client.js';
export { classifyHttpStatus, classifyLastfmCode, LASTFM_CODES, LastfmError } from './errors.js';
export type { ErrorClass, LastfmErrorInit } from './errors.js';
export { MIN_SCROBBLE_DURATION_S } from './params.js';
export { redact, redactSecrets, redactUrlSecrets } from './redact.js';
export { signLastfmParams } from './signature.js';
export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_RESPONSE_TIMEOUT_MS,
  LastfmTransport,
  userAgentFor,
} from './transport.js';
export type { HttpVerb, LastfmTransportOptions } from './transport.js';
