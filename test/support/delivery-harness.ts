import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { SignedInAccount } from '../../src/main/auth/account-store.js';
import type { Credential } from '../../src/main/secrets/credentials.js';
import { LastfmClient } from '../../src/main/lastfm/client.js';
import { QueueService } from '../../src/main/queue/queue-service.js';
import type { SenderEvent } from '../../src/main/queue/delivery/sender.js';
import { ScrobbleStore } from '../../src/main/queue/storage/store.js';
import { createAs12Target } from '../../src/main/targets/as12/as12-target.js';
import { HandshakeTimestamps, md5Hex } from '../../src/main/targets/as12/index.js';
import { createLastfmTarget } from '../../src/main/targets/lastfm/target.js';
import { createListenBrainzTarget } from '../../src/main/targets/listenbrainz/listenbrainz-target.js';
import type { ScrobbleTarget } from '../../src/main/targets/target.js';
import { startFakeAs12, type FakeAs12 } from './fake-as12/index.js';
import { startFakeLastfm, type FakeLastfm } from './fake-lastfm/index.js';
import { startFakeListenBrainz, type FakeListenBrainz } from './fake-listenbrainz/index.js';
import { FAST_BACKOFF } from './queue-harness.js';
import { startTcpRelay } from './tcp-relay.js';
import { tempDir } from './temp-dir.js';

// The queue (real SQLite store, QueueService, Sender) delivering to one protocol's fake server
// over loopback HTTP, the same way for Last.fm 2.0, Audioscrobbler 1.2 and ListenBrainz, so
// one fault matrix runs against all three. The target is built here, not by the core's
// registry, and the account is handed to it directly (no keychain): these tests are about
// delivery. What a fault means is named once per protocol (`fault()`), and what the server
// stored or was sent is counted the same way for every protocol.

export type Protocol = 'lastfm' | 'as12' | 'listenbrainz';
export const PROTOCOLS: readonly Protocol[] = ['lastfm', 'as12', 'listenbrainz'];

/** Faults every protocol's fake can inject on its submission route. */
export type CommonFault =
  /** HTTP 503 with a load balancer's page; nothing processed. */
  | 'status-503'
  /** The connection is reset before the server reads the request; nothing processed. */
  | 'reset'
  /** A cut-off body; nothing processed. */
  | 'malformed'
  /** Processed at once, answered after the client gave up (a response timeout). */
  | 'lost-answer'
  /** Processed, then the connection is reset: the answer never comes (as12, ListenBrainz). */
  | 'reset-after';

export interface DeliveryHarness {
  protocol: Protocol;
  /** The queue's target column for this service. */
  serviceId: string;
  store: ScrobbleStore;
  queue: QueueService;
  target: ScrobbleTarget;
  events: SenderEvent[];
  lastfm?: FakeLastfm;
  as12?: FakeAs12;
  listenbrainz?: FakeListenBrainz;
  /** The shared clock of the queue, the client and the fake (ms); move it with advance(). */
  now(): number;
  advance(ms: number): void;
  /** Move the clock past the service's pause and the next retry, whichever is later. */
  advancePastWaits(): void;
  enqueuePlays(n: number, prefix?: string): number[];
  /** Times the server stored each play ("artist|track|timestamp"). */
  storedCounts(): Map<string, number>;
  /**
   * Plays the server answered OK for, duplicates included: what "sent twice" means for this
   * protocol. Last.fm and 1.2 say per play (1.2 via the duplicates GNU FM drops); ListenBrainz
   * stores a repeat once and answers for the request, so this is the listens of every
   * request it answered 200 (a total, not per play).
   */
  acceptedSends(): number;
  fault(kind: CommonFault, times?: number): void;
  /** The server stops listening (connections refused) and comes back on the same port. */
  goDown(): Promise<void>;
  comeBack(): Promise<void>;
  /** Process environment for a child process that builds the same target (fixtures). */
  childEnv(): Record<string, string>;
  close(): Promise<void>;
}

export interface DeliveryHarnessOptions {
  /** Client response timeout; a lost answer is a delay longer than this. Default 500 ms. */
  responseTimeoutMs?: number;
  /** ListenBrainz's rate limit in the fake. Default its own (50 per 10 s). */
  listenbrainzRateLimit?: { limit: number; windowSec: number };
}

const PASSWORD = 'delivery harness password';
const LOST_ANSWER_DELAY_MS = 2_000;

export const SERVICE_IDS: Readonly<Record<Protocol, string>> = {
  lastfm: 'lastfm',
  as12: 'mygnufm',
  listenbrainz: 'listenbrainz',
};

const key = (s: { artist: string; track: string; timestamp: number }) =>
  `${s.artist}|${s.track}|${s.timestamp}`;

export async function deliveryHarness(
  protocol: Protocol,
  opts: DeliveryHarnessOptions = {},
): Promise<DeliveryHarness> {
  let offset = 0;
  const now = () => Date.now() + offset;
  const responseTimeoutMs = opts.responseTimeoutMs ?? 500;
  const http = { responseTimeoutMs, connectTimeoutMs: 1_000 };
  const serviceId = SERVICE_IDS[protocol];
  const account = (credential: Credential) => async () =>
    ({
      serviceId,
      user: 'alice',
      signedInAt: new Date(0).toISOString(),
      credential,
    }) as SignedInAccount;

  let target: ScrobbleTarget;
  let fakes: Pick<DeliveryHarness, 'lastfm' | 'as12' | 'listenbrainz'> = {};
  let closeFake: () => Promise<void>;
  let childEnv: Record<string, string>;
  let downAndBack: { goDown(): Promise<void>; comeBack(): Promise<void> } | null = null;
  if (protocol === 'lastfm') {
    const fake = await startFakeLastfm({ now, dailyCap: 100_000 });
    const sessionKey = fake.createSession('alice');
    // The client goes through a relay, so the server can go down (connections refused).
    const relay = await startTcpRelay(Number(new URL(fake.apiUrl).port));
    const apiUrl = new URL(fake.apiUrl);
    apiUrl.port = String(relay.port);
    downAndBack = relay;
    const client = new LastfmClient({
      apiUrl: apiUrl.toString(),
      apiKey: fake.apiKey,
      apiSecret: fake.apiSecret,
      ...http,
    });
    target = createLastfmTarget({
      serviceId,
      serviceName: 'Last.fm',
      client,
      account: account({ kind: 'session-key', sessionKey }),
      maxAgeDays: 14,
    });
    fakes = { lastfm: fake };
    closeFake = async () => {
      await relay.close();
      await fake.close();
    };
    childEnv = {
      CHILD_API_URL: fake.apiUrl,
      CHILD_API_KEY: fake.apiKey,
      CHILD_API_SECRET: fake.apiSecret,
      CHILD_SESSION_KEY: sessionKey,
    };
  } else if (protocol === 'as12') {
    const fake = await startFakeAs12({ users: { alice: PASSWORD }, now });
    target = createAs12Target({
      serviceId,
      handshakeUrl: fake.handshakeUrl,
      account: account({ kind: 'password-md5', passwordMd5: md5Hex(PASSWORD) }),
      clientVersion: '0.1.0',
      http,
      client: { now, timestamps: new HandshakeTimestamps() },
    });
    fakes = { as12: fake };
    closeFake = () => fake.close();
    childEnv = { CHILD_API_URL: fake.handshakeUrl, CHILD_PASSWORD_MD5: md5Hex(PASSWORD) };
  } else {
    const token = randomUUID();
    const fake = await startFakeListenBrainz({
      tokens: { [token]: 'alice' },
      now,
      rateLimit: opts.listenbrainzRateLimit,
    });
    target = createListenBrainzTarget({
      serviceId,
      serviceName: 'ListenBrainz',
      apiUrl: fake.apiUrl,
      account: account({ kind: 'user-token', token }),
      clientVersion: '0.1.0',
      http,
      now,
    });
    fakes = { listenbrainz: fake };
    closeFake = () => fake.close();
    childEnv = { CHILD_API_URL: fake.apiUrl, CHILD_TOKEN: token };
  }

  const dir = tempDir();
  const dbFile = join(dir.path, 'scrobbles.sqlite');
  const store = ScrobbleStore.open(dbFile, { now });
  const events: SenderEvent[] = [];
  const queue = new QueueService({
    store,
    targetsForNew: () => [serviceId],
    targetFor: async () => target,
    maxAgeDaysFor: () => (protocol === 'lastfm' ? 14 : undefined),
    now,
    backoff: FAST_BACKOFF,
    onEvent: (e) => void events.push(e),
  });

  const harness: DeliveryHarness = {
    protocol,
    serviceId,
    store,
    queue,
    target,
    events,
    ...fakes,
    now,
    advance: (ms) => void (offset += ms),
    advancePastWaits() {
      const state = store.targetState(serviceId);
      const due = store.stats(serviceId).nextDueAt;
      const until = Math.max(state.pausedUntil ?? 0, due ?? 0);
      if (until > now()) offset += until - now() + 1;
    },
    enqueuePlays(n, prefix = `${protocol} track`) {
      const start = Math.floor(now() / 1000) - n * 60;
      const inputs = Array.from({ length: n }, (_, i) => ({
        artist: 'Boards of Canada',
        track: `${prefix} ${i + 1}`,
        album: 'Geogaddi',
        timestamp: start + i * 60,
        duration: 200,
      }));
      return queue.enqueue(inputs, 'test').map((s) => s.id);
    },
    storedCounts() {
      const stored =
        fakes.lastfm?.scrobbles ??
        fakes.as12?.scrobbles ??
        fakes.listenbrainz!.listens.map((l) => ({ ...l, timestamp: l.listenedAt }));
      const counts = new Map<string, number>();
      for (const s of stored) counts.set(key(s), (counts.get(key(s)) ?? 0) + 1);
      return counts;
    },
    acceptedSends() {
      if (fakes.lastfm) return fakes.lastfm.scrobbles.length;
      if (fakes.as12) {
        const dupes = fakes.as12.dropped.filter((d) => d.reason === 'duplicate').length;
        return fakes.as12.scrobbles.length + dupes;
      }
      return fakes
        .listenbrainz!.submits.filter((s) => s.status === 200)
        .reduce((sum, s) => sum + s.listens, 0);
    },
    fault(kind, times = 1) {
      if (fakes.lastfm) {
        const f = fakes.lastfm;
        const opts = { method: 'track.scrobble', times };
        if (kind === 'status-503') f.injectFault({ kind: 'status', status: 503 }, opts);
        else if (kind === 'reset') f.injectFault({ kind: 'reset' }, opts);
        else if (kind === 'malformed') f.injectFault({ kind: 'malformed' }, opts);
        else if (kind === 'lost-answer')
          f.injectFault({ kind: 'delay', ms: LOST_ANSWER_DELAY_MS }, opts);
        else throw new Error(`the fake Last.fm has no "${kind}" fault`);
        return;
      }
      const fault =
        kind === 'status-503'
          ? ({ kind: 'status', status: 503 } as const)
          : kind === 'lost-answer'
            ? ({ kind: 'delay', ms: LOST_ANSWER_DELAY_MS } as const)
            : ({ kind } as const);
      if (fakes.as12) fakes.as12.injectFault(fault, { route: 'submission', times });
      else fakes.listenbrainz!.injectFault(fault, { route: 'submit', times });
    },
    async goDown() {
      await (fakes.as12 ?? fakes.listenbrainz ?? downAndBack)?.goDown();
    },
    async comeBack() {
      await (fakes.as12 ?? fakes.listenbrainz ?? downAndBack)?.comeBack();
    },
    childEnv: () => ({
      CHILD_PROTOCOL: protocol,
      CHILD_DB_FILE: dbFile,
      CHILD_SERVICE_ID: serviceId,
      ...childEnv,
    }),
    async close() {
      queue.stopAutoSend();
      await target.close?.();
      store.close();
      await closeFake();
      dir.cleanup();
    },
  };
  return harness;
}
