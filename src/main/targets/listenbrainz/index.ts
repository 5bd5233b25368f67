// ListenBrainz (api.listenbrainz.org or a self-hosted server). See docs/SERVICES.md.

export { DEFAULT_LISTENBRAINZ_API_URL, ListenBrainzClient } from './client.js';
export type {
  ListenBrainzClientOptions,
  RateLimitInfo,
  RecordedListen,
  SubmitResult,
} from './client.js';
export { ListenBrainzError, TOKEN_PAGE } from './errors.js';
export type { ListenBrainzErrorKind } from './errors.js';
export { LISTEN_MINIMUM_TS, MAX_LISTENS_PER_IMPORT, SUBMISSION_CLIENT } from './payload.js';
export type { Listen, ListenTrack, ListenType } from './payload.js';
