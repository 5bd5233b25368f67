// A local stand-in for Last.fm (ws.audioscrobbler.com/2.0/ and www.last.fm/api/auth/) that
// every test uses, since the real service is unreachable here. See /work/shared/PROTOCOLS.md.

export { startFakeLastfm } from './server.js';
export { approveInBrowser } from './approve-in-browser.js';
export type { BrowserApproval } from './approve-in-browser.js';
export { TOKEN_LIFETIME_MS } from './state.js';
export { DEFAULT_CATALOGUE } from './catalogue.js';
export { expectedSignature } from './signature.js';
export type {
  FakeCatalogueAlbum,
  FakeCatalogueTrack,
  FakeLastfm,
  FakeLastfmOptions,
  Fault,
  FaultOptions,
  LovedTrack,
  RecordedNowPlaying,
  RecordedRequest,
  RecordedScrobble,
} from './types.js';
