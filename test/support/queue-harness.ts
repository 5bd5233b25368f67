import { Core } from '../../src/main/core.js';
import type { BackoffPolicy } from '../../src/main/queue/delivery/backoff.js';
import type { CoreEvent } from '../../src/main/events.js';
import { MemorySecretStore } from '../../src/main/secrets/memory-store.js';
import { memorySettings } from '../../src/main/settings/store.js';
import { startFakeLastfm, type FakeLastfm, type FakeLastfmOptions } from './fake-lastfm/index.js';
import { tempDir } from './temp-dir.js';

// A core wired to the fake Last.fm with a real SQLite file in a temp dir. The keychain is the
// in-memory double here: these tests are about the queue, and the real keychain has its own
// tests (keychain.test.ts, sign-in-*.test.ts).

export const FAST_BACKOFF: BackoffPolicy = {
  baseMs: 1_000,
  capMs: 60_000,
  jitter: 0,
  rateLimitBaseMs: 5_000,
};

export interface QueueHarness {
  fake: FakeLastfm;
  core: Core;
  dataDir: string;
  sessionKey: string;
  events: CoreEvent[];
  /** Called for every event as it happens (between batches, for instance). */
  onEvent: (event: CoreEvent) => void;
  /** The core's clock (ms); move it with advance(). */
  now(): number;
  advance(ms: number): void;
  /** Enqueue `n` distinct plays, one a minute, ending now; returns their ids. */
  enqueuePlays(n: number, prefix?: string): number[];
  /** How often the fake recorded each (artist, track, timestamp). */
  recordedCounts(): Map<string, number>;
  /** A new core over the same files (as after a restart). */
  reopen(): Promise<void>;
  close(): Promise<void>;
}

export async function queueHarness(
  opts: { fake?: FakeLastfmOptions; responseTimeoutMs?: number; backoff?: BackoffPolicy } = {},
): Promise<QueueHarness> {
  const fake = await startFakeLastfm(opts.fake);
  const dir = tempDir();
  let offset = 0;
  const now = () => Date.now() + offset;
  const sessionKey = fake.createSession('alice');
  const settings = memorySettings();
  const secrets = new MemorySecretStore();
  const events: CoreEvent[] = [];
  const makeCore = () =>
    new Core({
      dataDir: dir.path,
      env: {
        SCROBBLETRAY_LASTFM_API_URL: fake.apiUrl,
        SCROBBLETRAY_LASTFM_AUTH_URL: fake.authUrl,
        SCROBBLETRAY_LASTFM_API_KEY: fake.apiKey,
        SCROBBLETRAY_LASTFM_API_SECRET: fake.apiSecret,
      },
      settings,
      secrets,
      now,
      backoff: opts.backoff ?? FAST_BACKOFF,
      responseTimeoutMs: opts.responseTimeoutMs ?? 5_000,
      onEvent: (e) => {
        events.push(e);
        harness.onEvent(e);
      },
    });
  const harness: QueueHarness = {
    fake,
    core: makeCore(),
    dataDir: dir.path,
    sessionKey,
    events,
    onEvent: () => undefined,
    now,
    advance: (ms) => void (offset += ms),
    enqueuePlays(n, prefix = 'Track') {
      const start = Math.floor(now() / 1000) - n * 60;
      const inputs = Array.from({ length: n }, (_, i) => ({
        artist: 'Boards of Canada',
        track: `${prefix} ${i + 1}`,
        timestamp: start + i * 60,
        duration: 200,
      }));
      return harness.core.queue.enqueue(inputs, 'test').map((s) => s.id);
    },
    recordedCounts() {
      const counts = new Map<string, number>();
      for (const s of fake.scrobbles) {
        const key = `${s.artist}|${s.track}|${s.timestamp}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    },
    async reopen() {
      await harness.core.close();
      harness.core = makeCore();
    },
    async close() {
      await harness.core.close();
      await fake.close();
      dir.cleanup();
    },
  };
  await harness.core.accountStore.signIn('lastfm', 'alice', sessionKey);
  return harness;
}
