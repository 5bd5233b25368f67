// A 1.2 server that answers BANNED has blocked this version of the app. The fault matrix
// checks what one process does (every scrobble kept, nothing more sent); this file checks
// what the next process does: a restarted app or the next `scrobbletray` run from a player
// hook must not knock again at every start, and "Send now" after an update must send
// everything, once. Real parts: the fake GNU FM (1.2) on loopback, one SQLite file reopened
// as a restart would, a new 1.2 client and queue per "process".
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInAccount } from '../../../../src/main/auth/account-store.js';
import { QueueService } from '../../../../src/main/queue/queue-service.js';
import { ScrobbleStore } from '../../../../src/main/queue/storage/store.js';
import { createAs12Target } from '../../../../src/main/targets/as12/as12-target.js';
import { HandshakeTimestamps, md5Hex } from '../../../../src/main/targets/as12/index.js';
import { startFakeAs12, type FakeAs12 } from '../../../support/fake-as12/index.js';
import { FAST_BACKOFF } from '../../../support/queue-harness.js';
import { tempDir } from '../../../support/temp-dir.js';

const PASSWORD = 'gnufm password';
const SERVICE = 'mygnufm';
const DAY_MS = 24 * 3600_000;
let as12: FakeAs12;
let offset = 0;
const now = () => Date.now() + offset;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  as12 = await startFakeAs12({ users: { alice: PASSWORD }, now });
  cleanups.push(() => as12.close());
});

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** One run of the app: the queue file opened, a fresh 1.2 client, a queue over both. */
function startProcess(file: string) {
  const store = ScrobbleStore.open(file, { now });
  const target = createAs12Target({
    serviceId: SERVICE,
    handshakeUrl: as12.handshakeUrl,
    account: async () =>
      ({
        serviceId: SERVICE,
        user: 'alice',
        signedInAt: new Date().toISOString(),
        credential: { kind: 'password-md5', passwordMd5: md5Hex(PASSWORD) },
      }) as SignedInAccount,
    clientVersion: '0.1.0',
    client: { now, timestamps: new HandshakeTimestamps() },
  });
  const queue = new QueueService({
    store,
    targetsForNew: () => [SERVICE],
    targetFor: async () => target,
    maxAgeDaysFor: () => undefined,
    now,
    backoff: FAST_BACKOFF,
  });
  return {
    store,
    queue,
    async stop() {
      await target.close?.();
      store.close();
    },
  };
}

const requests = () =>
  as12.requestCount('handshake') +
  as12.requestCount('submission') +
  as12.requestCount('nowplaying');

describe('a service that blocked this app version, across restarts', () => {
  it('the next start waits (no request) until Send now after an update, which sends all once', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const file = join(dir.path, 'queue.sqlite');
    const plays = Array.from({ length: 30 }, (_, i) => ({
      artist: 'Boards of Canada',
      track: `Banned ${i}`,
      timestamp: Math.floor(now() / 1000) - 3600 + i * 60,
    }));

    // First run: the server answers BANNED at the handshake.
    const first = startProcess(file);
    first.queue.enqueue(plays, 'manual');
    as12.injectFault({ kind: 'reply', body: 'BANNED\n' }, { route: 'handshake', times: 100 });
    const before = requests();
    const [report] = await first.queue.flush();
    expect(report?.stoppedBecause).toBe('paused');
    expect(requests()).toBe(before + 1);
    const state = first.queue.targetState(SERVICE);
    expect(state.pauseReason).toBe('client-blocked');
    expect(state.pausedUntil).toBeGreaterThan(now() + DAY_MS - 60_000);
    await first.stop();

    // Restarts (the app, or a CLI run per track): nothing is asked of the server, the
    // scrobbles stay queued, and the reason says what to do.
    for (let run = 0; run < 3; run++) {
      offset += 3600_000;
      const again = startProcess(file);
      const [held] = await again.queue.flush();
      expect(held?.stoppedBecause).toBe('paused');
      expect(held?.detail).toMatch(/blocked this version of Scrobbletray.*Update.*Send now/);
      const np = await again.queue.nowPlaying({ artist: 'Boards of Canada', track: 'Roygbiv' });
      expect(np[0]).toMatchObject({ ok: false });
      expect(again.queue.stats(SERVICE).counts).toMatchObject({ queued: 30, failed: 0 });
      await again.stop();
    }
    expect(requests()).toBe(before + 1);

    // The app was updated and the server lets it in: "Send now" asks at once, and every
    // scrobble is stored exactly once.
    as12.clearFaults();
    const updated = startProcess(file);
    const [sent] = await updated.queue.sendNow();
    expect(sent).toMatchObject({ stoppedBecause: 'done', accepted: 30, failed: 0 });
    const stored = as12.scrobbles.filter((s) => s.track.startsWith('Banned '));
    expect(stored.map((s) => s.track).sort()).toEqual(plays.map((p) => p.track).sort());
    expect(updated.queue.stats(SERVICE).counts).toMatchObject({ queued: 0, accepted: 30 });
    await updated.stop();
  });

  it('without Send now, the next start a day later asks the server again by itself', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const file = join(dir.path, 'queue.sqlite');
    const first = startProcess(file);
    first.queue.enqueue(
      [{ artist: 'Autechre', track: 'Later', timestamp: Math.floor(now() / 1000) - 600 }],
      'manual',
    );
    as12.injectFault({ kind: 'reply', body: 'BANNED\n' }, { route: 'handshake' });
    await first.queue.flush();
    await first.stop();

    offset += DAY_MS + 60_000;
    const dayLater = startProcess(file);
    const before = requests();
    const [report] = await dayLater.queue.flush();
    expect(requests()).toBeGreaterThan(before);
    expect(report).toMatchObject({ stoppedBecause: 'done', accepted: 1 });
    expect(as12.scrobbles.filter((s) => s.track === 'Later')).toHaveLength(1);
    await dayLater.stop();
  });
});
