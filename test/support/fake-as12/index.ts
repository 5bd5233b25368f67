// A local stand-in for an Audioscrobbler 1.2 server (GNU FM's gnukebox, Last.fm's old
// post.audioscrobbler.com), since no real one is reachable in tests. See PROTOCOLS.md.

export { startFakeAs12 } from './server.js';
export type {
  As12Route,
  DroppedScrobble,
  FakeAs12,
  FakeAs12Options,
  Fault,
  FaultOptions,
  RecordedAction,
  RecordedAs12NowPlaying,
  RecordedAs12Scrobble,
  RecordedHandshake,
} from './types.js';
