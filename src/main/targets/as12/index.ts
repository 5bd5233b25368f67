// Audioscrobbler Realtime Submission Protocol 1.2 / 1.2.1 (GNU FM, Libre.fm's turtle server).
// See docs/SERVICES.md for what is sent and what 1.2 cannot tell us.

export { As12Client } from './client.js';
export type { As12ClientOptions, As12Status, As12SubmitResult } from './client.js';
export { As12Error } from './errors.js';
export type { As12ErrorKind, As12Step } from './errors.js';
export {
  DEVELOPMENT_CLIENT_ID,
  MAX_TRACKS_PER_SUBMISSION,
  PROTOCOL_VERSION,
  md5Hex,
} from './protocol.js';
export type { As12Credentials } from './protocol.js';
export {
  HANDSHAKE_BACKOFF_BASE_MS,
  HANDSHAKE_BACKOFF_MAX_MS,
  HARD_FAILURES_BEFORE_HANDSHAKE,
  HandshakeTimestamps,
} from './session-policy.js';
