// A local stand-in for ListenBrainz's API, since the real one is unreachable in tests.

export { startFakeListenBrainz } from './server.js';
export type {
  FakeListenBrainz,
  FakeListenBrainzOptions,
  Fault,
  FaultOptions,
  ListenBrainzRoute,
  RecordedSubmit,
  StoredListen,
} from './types.js';
