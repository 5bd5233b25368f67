// The Audioscrobbler 1.2 and ListenBrainz adapters behind the delivery seam, driven by the
// real Sender over a real SQLite queue: one row per play per service, each service with its
// own state. One service failing never holds up the other, and after the failure clears every
// play is recorded exactly once on each service.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { SignedInAccount } from '../../../src/main/auth/account-store.js';
import { Sender } from '../../../src/main/queue/delivery/sender.js';
import { ScrobbleStore } from '../../../src/main/queue/storage/store.js';
import { createAs12Target } from '../../../src/main/targets/as12/as12-target.js';
import { HandshakeTimestamps, md5Hex } from '../../../src/main/targets/as12/index.js';
import { createListenBrainzTarget } from '../../../src/main/targets/listenbrainz/listenbrainz-target.js';
import type { ScrobbleTarget } from '../../../src/main/targets/target.js';
import type { ScrobbleItem } from '../../../src/shared/track.js';
import { FAST_BACKOFF } from '../../support/queue-harness.js';
import { startFakeAs12 } from '../../support/fake-as12/index.js';
import type { FakeAs12 } from '../../support/fake-as12/index.js';
import { startFakeListenBrainz } from '../../support/fake-listenbrainz/index.js';
import type { FakeListenBrainz } from '../../support/fake-listenbrainz/index.js';
import { tempDir } from '../../support/temp-dir.js';

const PASSWORD = 'gnufm password';
const TOKEN = randomUUID();
const cleanups: (() => Promise<void> | void)[] = [];
let as12: FakeAs12;
let lb: FakeListenBrainz;
let offset = 0;
const now = () => Date.now() + offset;

const account = (serviceId: string, credential: SignedInAccount['credential']) => async () =>
  ({
    serviceId,
    user: 'alice',
    signedInAt: new Date().toISOString(),
    credential,
  }) as SignedInAccount;

beforeAll(async () => {
  as12 = await startFakeAs12({ users: { alice: PASSWORD }, now });
  lb = await startFakeListenBrainz({ tokens: { [TOKEN]: 'alice' }, now });
  cleanups.push(
    () => as12.close(),
    () => lb.close(),
  );
});

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function setUp(): { store: ScrobbleStore; gnufm: ScrobbleTarget; listenbrainz: ScrobbleTarget } {
  const dir = tempDir();
  const store = ScrobbleStore.open(join(dir.path, 'queue.sqlite'), { now });
  cleanups.push(dir.cleanup, () => store.close());
  const gnufm = createAs12Target({
    serviceId: 'mygnufm',
    handshakeUrl: as12.handshakeUrl,
    account: account('mygnufm', { kind: 'password-md5', passwordMd5: md5Hex(PASSWORD) }),
    clientVersion: '0.1.0',
    client: { now, timestamps: new HandshakeTimestamps() },
  });
  const listenbrainz = createListenBrainzTarget({
    serviceId: 'listenbrainz',
    serviceName: 'ListenBrainz',
    apiUrl: lb.apiUrl,
    account: account('listenbrainz', { kind: 'user-token', token: TOKEN }),
    clientVersion: '0.1.0',
    now,
  });
  cleanups.push(
    () => gnufm.close?.(),
    () => listenbrainz.close?.(),
  );
  return { store, gnufm, listenbrainz };
}

let n = 0;
function plays(count: number): ScrobbleItem[] {
  const start = Math.floor(now() / 1000) - 5000;
  return Array.from({ length: count }, () => {
    n++;
    return { artist: 'Fan Artist', track: `Fan ${n}`, timestamp: start + n, duration: 200 };
  });
}

describe('fan-out to GNU FM (1.2) and ListenBrainz', () => {
  it('delivers every play once to each; an outage on one does not hold up the other', async () => {
    const { store, gnufm, listenbrainz } = setUp();
    const items = plays(120);
    store.enqueue('mygnufm', items, 'test');
    store.enqueue('listenbrainz', items, 'test');
    const senders = [gnufm, listenbrainz].map(
      (target) => new Sender({ store, target, now, backoff: FAST_BACKOFF, random: () => 0 }),
    );

    // GNU FM is down for its first submission: ListenBrainz still gets everything.
    as12.injectFault({ kind: 'status', status: 503 }, { route: 'submission' });
    const [first, second] = await Promise.all(senders.map((s) => s.flush()));
    expect(second).toMatchObject({ target: 'listenbrainz', accepted: 120, failed: 0 });
    expect(first).toMatchObject({ target: 'mygnufm', accepted: 0, stoppedBecause: 'unreachable' });

    // Later, GNU FM takes them too: in batches of 50, oldest first.
    offset += 120_000;
    const retry = await senders[0]!.flush();
    expect(retry).toMatchObject({ accepted: 120, failed: 0 });

    const tracks = items.map((i) => i.track);
    const as12Counts = tracks.map((t) => as12.scrobbles.filter((s) => s.track === t).length);
    const lbCounts = tracks.map((t) => lb.listens.filter((l) => l.track === t).length);
    expect(new Set(as12Counts)).toEqual(new Set([1]));
    expect(new Set(lbCounts)).toEqual(new Set([1]));
    const mine = as12.scrobbles.filter((s) => tracks.includes(s.track));
    expect(mine.map((s) => s.timestamp)).toEqual([...mine.map((s) => s.timestamp)].sort());
  });

  it('ListenBrainz: a lost answer is settled by reading the listens back, not resent', async () => {
    const { store, listenbrainz } = setUp();
    const items = plays(3);
    store.enqueue('listenbrainz', items, 'test');
    const sender = new Sender({
      store,
      target: listenbrainz,
      now,
      backoff: FAST_BACKOFF,
      random: () => 0,
    });
    lb.injectFault({ kind: 'reset-after' }, { route: 'submit' });
    const lost = await sender.flush();
    expect(lost.accepted).toBe(0);
    const submitsBefore = lb.requestCount('submit');

    offset += 120_000;
    const settled = await sender.flush();
    expect(settled.accepted + settled.recovered).toBeGreaterThanOrEqual(3);
    expect(lb.requestCount('submit')).toBe(submitsBefore);
    for (const item of items)
      expect(lb.listens.filter((l) => l.track === item.track)).toHaveLength(1);
  });

  it('not signed in: the service waits for sign-in, its plays stay queued', async () => {
    const { store } = setUp();
    const target = createListenBrainzTarget({
      serviceId: 'listenbrainz',
      serviceName: 'ListenBrainz',
      apiUrl: lb.apiUrl,
      account: async () => null,
      clientVersion: '0.1.0',
    });
    cleanups.push(() => target.close?.());
    const [row] = store.enqueue('listenbrainz', plays(1), 'test');
    const report = await new Sender({ store, target, now }).flush();
    expect(report).toMatchObject({ stoppedBecause: 'needs-auth', accepted: 0, failed: 0 });
    expect(report.detail).toMatch(
      /Not signed in to ListenBrainz: run `scrobbletray login --service listenbrainz`/,
    );
    expect(store.get(row!.id)?.state).toBe('queued');
  });

  it('GNU FM wrong password: needs sign-in; plays stay queued', async () => {
    const { store } = setUp();
    const target = createAs12Target({
      serviceId: 'mygnufm',
      handshakeUrl: as12.handshakeUrl,
      account: account('mygnufm', { kind: 'password-md5', passwordMd5: md5Hex('wrong') }),
      clientVersion: '0.1.0',
      client: { now, timestamps: new HandshakeTimestamps() },
    });
    cleanups.push(() => target.close?.());
    const [row] = store.enqueue('mygnufm', plays(1), 'test');
    const report = await new Sender({ store, target, now }).flush();
    expect(report).toMatchObject({ stoppedBecause: 'needs-auth', accepted: 0 });
    expect(store.get(row!.id)?.state).toBe('queued');
  });
});
