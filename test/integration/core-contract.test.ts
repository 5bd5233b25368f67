// The core's queue API as every front reaches it: through dispatch(), which checks each call
// against the shared contract before the core sees it. A core on the fake Last.fm with a real
// SQLite file; the keychain is the in-memory double (queue-harness.ts says why).
import { afterEach, describe, expect, it } from 'vitest';
import { CONTRACT_HANDLERS, dispatch } from '../../src/main/api/dispatch.js';
import { ScrobbleValidationError } from '../../src/main/queue/queue-service.js';
import type { ListPage, StoredScrobble } from '../../src/main/queue/types.js';
import { CONTRACT, ContractInputError, type ContractMethod } from '../../src/shared/contract.js';
import type { CoreEvent, FlushReport } from '../../src/shared/core-events.js';
import type { FieldProblem } from '../../src/shared/validation.js';
import { queueHarness, type QueueHarness } from '../support/queue-harness.js';

let h: QueueHarness;
afterEach(async () => h?.close());

const call = <T = unknown>(method: string, input: unknown = {}) =>
  dispatch(h.core, method, input) as Promise<T>;
const nowSec = () => Math.floor(h.now() / 1000);
const play = (track: string, extra: Record<string, unknown> = {}) => ({
  artist: 'Grouper',
  track,
  timestamp: nowSec() - 120,
  ...extra,
});

async function enqueue(...items: Record<string, unknown>[]): Promise<StoredScrobble[]> {
  return call<StoredScrobble[]>('queue.enqueue', { items, source: 'manual' });
}

async function problemsOf(promise: Promise<unknown>): Promise<FieldProblem[]> {
  const error: unknown = await promise.then(
    () => expect.fail('expected a validation error'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScrobbleValidationError);
  return (error as ScrobbleValidationError).problems;
}

const state = (id: number) => h.core.queue.get(id)?.state;
const sentTracks = () => h.fake.scrobbles.map((s) => s.track);

describe('the contract', () => {
  it('has a handler for every method, and no handler outside it', () => {
    expect([...CONTRACT_HANDLERS].sort()).toEqual(Object.keys(CONTRACT).sort());
  });

  it('answers a valid call to every queue and now-playing method', async () => {
    h = await queueHarness();
    let id = 0;
    // [method, its input (built when its turn comes, once enqueue gave the id), a check]
    // account.* is exercised the same way in account-service.test.ts (real keychain),
    // preferences.* in preferences.test.ts.
    const calls: [ContractMethod, () => unknown, (result: unknown) => void][] = [
      [
        'queue.enqueue',
        () => ({ items: [play('Heavy Water')], source: 'manual' }),
        (r) => (id = (r as StoredScrobble[])[0]!.id),
      ],
      ['queue.list', () => ({}), (r) => expect((r as ListPage).total).toBe(1)],
      ['queue.get', () => ({ id }), (r) => expect(r).toMatchObject({ track: 'Heavy Water' })],
      ['queue.get', () => ({ id: 999 }), (r) => expect(r).toBeNull()],
      [
        'queue.edit',
        () => ({ id, patch: { track: 'Heavy Water/I’d Rather Be Sleeping' } }),
        (r) => expect(r).toMatchObject({ id, state: 'queued' }),
      ],
      ['queue.stats', () => ({}), (r) => expect(r).toMatchObject({ counts: { queued: 1 } })],
      [
        'queue.targetState',
        () => ({ target: 'lastfm' }),
        (r) => expect(r).toMatchObject({ target: 'lastfm', userPaused: false }),
      ],
      [
        'queue.pause',
        () => ({}),
        () => expect(h.core.queue.targetState('lastfm').userPaused).toBe(true),
      ],
      [
        'queue.resume',
        () => ({ target: 'lastfm' }),
        () => expect(h.core.queue.targetState('lastfm').userPaused).toBe(false),
      ],
      ['queue.flush', () => ({}), (r) => expect((r as FlushReport[])[0]?.accepted).toBe(1)],
      ['queue.sendNow', () => ({ target: 'lastfm' }), (r) => expect(r).toHaveLength(1)],
      ['queue.retry', () => ({ ids: 'all-failed' }), (r) => expect(r).toBe(0)],
      [
        'queue.suggest',
        () => ({ field: 'artist', prefix: 'gro' }),
        (r) => expect(r).toEqual(['Grouper']),
      ],
      [
        'nowPlaying.update',
        () => ({ track: { artist: 'Grouper', track: 'Alien Observer' } }),
        (r) => expect(r).toEqual([{ target: 'lastfm', ok: true }]),
      ],
      ['queue.remove', () => ({ ids: [id] }), (r) => expect(r).toBe(1)],
    ];
    // Areas whose calls need a server or a player of their own are called through dispatch()
    // or HTTP in their own files: import.* in import/import-upload.test.ts, soundcloud.* and
    // links.* in soundcloud/soundcloud-contract.test.ts, players.* and playing.* in
    // players/serve-players.test.ts, catalogue.* and profile.* in
    // catalogue/catalogue-calls.test.ts, the History actions in
    // queue/history/history-actions.test.ts.
    const elsewhere = [
      'account.',
      'preferences.',
      'import.',
      'soundcloud.',
      'links.',
      'players.',
      'playing.',
      'catalogue.',
      'profile.',
      'track.love',
      'queue.removeUndoable',
      'queue.undoRemove',
      'queue.scrobbleAgain',
    ];
    const queueMethods = Object.keys(CONTRACT).filter(
      (m) => !elsewhere.some((prefix) => m.startsWith(prefix)),
    );
    expect(new Set(calls.map(([m]) => m))).toEqual(new Set(queueMethods));
    for (const [method, input, check] of calls) check(await call(method, input()));
    expect(sentTracks()).toEqual(['Heavy Water/I’d Rather Be Sleeping']);
  });

  describe('refuses bad input before the core sees it, naming the field', () => {
    // [method, input, the field named in the message]
    const bad: [ContractMethod, unknown, RegExp][] = [
      ['queue.get', { id: '7' }, /id: .*expected number/],
      ['queue.get', { id: 1.5 }, /id: .*int/],
      ['queue.get', { id: 0 }, /id: /],
      ['queue.get', undefined, /id: /],
      ['queue.get', 'seven', /\(input\): /],
      ['queue.remove', { ids: [1, '2'] }, /ids\.1: /],
      ['queue.remove', { ids: [] }, /ids: /],
      ['queue.retry', { ids: 'all' }, /ids: /],
      ['queue.retry', { ids: [2.5] }, /ids/],
      ['queue.list', { limit: 0 }, /limit: .*>=1/],
      ['queue.list', { limit: 5000 }, /limit: .*<=1000/],
      ['queue.list', { states: ['done'] }, /states\.0: /],
      ['queue.list', { order: 'random' }, /order: /],
      ['queue.list', { from: -1 }, /from: /],
      ['queue.list', { to: 'yesterday' }, /to: /],
      ['queue.list', { text: 'x'.repeat(201) }, /text: /],
      ['queue.list', { state: ['failed'] }, /"state"/], // a typo for `states`
      ['queue.enqueue', { items: [], source: 'manual' }, /items: /],
      ['queue.enqueue', { items: [{ artist: 'A' }, 3], source: 'manual' }, /items\.1: /],
      ['queue.enqueue', { items: [{}], source: 'radio' }, /source: /],
      ['queue.enqueue', { items: Array(1001).fill({}), source: 'manual' }, /items: /],
      ['queue.edit', { id: 1 }, /patch: /],
      ['queue.edit', { id: 1, patch: 'track=x' }, /patch: /],
      ['queue.flush', { target: 'Last FM' }, /target: /],
      ['queue.targetState', {}, /target: /],
      ['nowPlaying.update', {}, /track: /],
    ];
    it.each(bad)('%s %j', async (method, input, field) => {
      h = await queueHarness();
      await enqueue(play('Untouched'));
      const before = h.core.queue.stats().counts;
      const error: unknown = await call(method, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContractInputError);
      expect((error as Error).message).toContain(`Invalid input for ${method}: `);
      expect((error as Error).message).toMatch(field);
      expect(h.core.queue.stats().counts).toEqual(before);
      expect(h.fake.requests).toHaveLength(0);
    });
  });

  it.each(['queue.drop', 'toString', '__proto__', 'constructor', ''])(
    'refuses the unknown method "%s"',
    async (method) => {
      h = await queueHarness();
      await expect(call(method)).rejects.toThrow(ContractInputError);
      await expect(call(method)).rejects.toThrow(`Unknown method "${method}".`);
    },
  );
});

describe('queue.enqueue', () => {
  it('queues every item for the signed-in service, in order', async () => {
    h = await queueHarness();
    const rows = await enqueue(play('Vapor'), play('Tidal', { album: 'Dragging a Dead Deer' }));
    expect(rows.map((r) => [r.track, r.state, r.target, r.source])).toEqual([
      ['Vapor', 'queued', 'lastfm', 'manual'],
      ['Tidal', 'queued', 'lastfm', 'manual'],
    ]);
    expect(h.core.queue.get(rows[1]!.id)?.album).toBe('Dragging a Dead Deer');
  });

  it('checks each item by the shared rules, names it, and queues none if one is bad', async () => {
    h = await queueHarness();
    const items = [
      play('One'),
      play('Two', { duration: 10 }),
      play('Three'),
      play('   '),
      play('Five', { colour: 'red' }),
    ];
    const problems = await problemsOf(call('queue.enqueue', { items, source: 'album' }));
    expect(problems.map((p) => p.field)).toEqual([
      'items.1.duration',
      'items.3.track',
      'items.4.(input)',
    ]);
    expect(problems[0]?.message).toMatch(/at least 30 seconds/);
    expect(problems[1]?.message).toMatch(/Track is empty: fill it in/);
    expect(problems[2]?.message).toMatch(/Unknown field\(s\): colour/);
    expect(h.core.queue.stats().counts.queued).toBe(0);
  });

  it('names the item even when there is only one', async () => {
    h = await queueHarness();
    const old = play('Old', { timestamp: nowSec() - 20 * 86400 });
    const problems = await problemsOf(call('queue.enqueue', { items: [old], source: 'manual' }));
    expect(problems).toEqual([
      { field: 'items.0.timestamp', message: expect.stringMatching(/14 days.*re-time it/) },
    ]);
  });
});

describe('queue.list', () => {
  it('pages with a cursor until every row was seen once, in order', async () => {
    h = await queueHarness();
    const ids = h.enqueuePlays(25);
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page: ListPage = await call('queue.list', { order: 'oldest', limit: 10, cursor });
      expect(page.total).toBe(25);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
    const newest: ListPage = await call('queue.list', { limit: 3 });
    expect(newest.items.map((r) => r.id)).toEqual(ids.slice(-3).reverse());
  });

  it('refuses a cursor from another query', async () => {
    h = await queueHarness();
    h.enqueuePlays(5);
    const page: ListPage = await call('queue.list', { limit: 2 });
    await expect(
      call('queue.list', { limit: 2, states: ['failed'], cursor: page.nextCursor }),
    ).rejects.toThrow(/cursor belongs to a different list/);
  });

  it('filters by state, text and play time', async () => {
    h = await queueHarness();
    const t = nowSec() - 3600;
    const [accepted, ignored] = await enqueue(
      { artist: 'Grouper', track: 'Holding', album: 'A I A', timestamp: t },
      { artist: 'Spam Artist', track: 'Holding Pattern', timestamp: t + 60 },
    );
    await call('queue.flush');
    const [queued] = await enqueue({
      artist: 'Liz Harris',
      track: 'Clearing',
      album: 'Ruins',
      timestamp: t + 120,
    });
    const ids = async (query: object) =>
      (await call<ListPage>('queue.list', { order: 'oldest', ...query })).items.map((r) => r.id);

    expect(await ids({ states: ['accepted'] })).toEqual([accepted!.id]);
    expect(await ids({ states: ['queued', 'ignored'] })).toEqual([ignored!.id, queued!.id]);
    expect(await ids({ text: 'holding' })).toEqual([accepted!.id, ignored!.id]);
    expect(await ids({ text: 'ruins' })).toEqual([queued!.id]); // album
    expect(await ids({ text: 'harr' })).toEqual([queued!.id]); // artist, short
    expect(await ids({ text: 'holding', states: ['ignored'] })).toEqual([ignored!.id]);
    expect(await ids({ from: t + 60 })).toEqual([ignored!.id, queued!.id]);
    expect(await ids({ from: t, to: t + 60 })).toEqual([accepted!.id, ignored!.id]);
    expect(await ids({ to: t - 1 })).toEqual([]);
    const filtered: ListPage = await call('queue.list', { text: 'holding' });
    expect(filtered.total).toBe(2);
  });
});

describe('queue.edit', () => {
  it('changes a queued scrobble, checked and trimmed as on entry', async () => {
    h = await queueHarness();
    const [row] = await enqueue(play('Wrong'));
    const edited: StoredScrobble = await call('queue.edit', {
      id: row!.id,
      patch: { track: '  Right  ', album: 'Grid of Points' },
    });
    expect(edited).toMatchObject({ id: row!.id, track: 'Right', album: 'Grid of Points' });
    expect(edited.state).toBe('queued');
    expect(h.core.queue.get(row!.id)).toEqual(edited);
  });

  it('re-queues a failed scrobble so the fixed one is sent', async () => {
    h = await queueHarness();
    const [row] = await enqueue(play('Poisoned Track'));
    await call('queue.flush');
    expect(state(row!.id)).toBe('failed');
    const edited: StoredScrobble = await call('queue.edit', {
      id: row!.id,
      patch: { track: 'Fixed' },
    });
    expect(edited).toMatchObject({ state: 'queued', attempts: 0, reason: null });
    await call('queue.flush');
    expect(state(row!.id)).toBe('accepted');
    expect(sentTracks()).toEqual(['Fixed']);
  });

  it('re-queues an ignored scrobble', async () => {
    h = await queueHarness();
    const [row] = await enqueue({ ...play('Ignored'), artist: 'Spam Artist' });
    await call('queue.flush');
    expect(state(row!.id)).toBe('ignored');
    await call('queue.edit', { id: row!.id, patch: { artist: 'Grouper' } });
    await call('queue.flush');
    expect(state(row!.id)).toBe('accepted');
  });

  it('refuses an accepted scrobble, saying which states can be edited', async () => {
    h = await queueHarness();
    const [row] = await enqueue(play('Done'));
    await call('queue.flush');
    await expect(call('queue.edit', { id: row!.id, patch: { track: 'x' } })).rejects.toThrow(
      /is accepted; only queued, retrying, failed or ignored scrobbles can be edited/,
    );
    expect(h.core.queue.get(row!.id)?.track).toBe('Done');
  });

  it('re-validates: a play moved to 20 days ago is refused and nothing changes', async () => {
    h = await queueHarness();
    const [row] = await enqueue(play('Recent'));
    const patch = { timestamp: nowSec() - 20 * 86400 };
    const problems = await problemsOf(call('queue.edit', { id: row!.id, patch }));
    expect(problems).toEqual([
      { field: 'timestamp', message: expect.stringMatching(/re-time it/) },
    ]);
    expect(h.core.queue.get(row!.id)).toEqual(row);
  });

  it('clears an optional field given as empty text or null; required ones stay', async () => {
    h = await queueHarness();
    const [row] = await enqueue(play('Full', { album: 'Ruins', duration: 200, trackNumber: 3 }));
    const edited: StoredScrobble = await call('queue.edit', {
      id: row!.id,
      patch: { album: '', duration: null },
    });
    expect(edited).not.toHaveProperty('album');
    expect(edited).not.toHaveProperty('duration');
    expect(edited.trackNumber).toBe(3);
    const problems = await problemsOf(call('queue.edit', { id: row!.id, patch: { track: null } }));
    expect(problems.map((p) => p.field)).toEqual(['track']);
    await call('queue.flush');
    expect(h.fake.scrobbles[0]).toMatchObject({ track: 'Full', album: '', trackNumber: 3 });
    expect(h.fake.scrobbles[0]?.duration).toBeUndefined();
  });

  it('refuses fields a scrobble does not have, and unknown ids', async () => {
    h = await queueHarness();
    const [row] = await enqueue(play('Same'));
    const problems = await problemsOf(
      call('queue.edit', { id: row!.id, patch: { state: 'accepted' } }),
    );
    expect(problems[0]?.message).toMatch(/Unknown field\(s\): state/);
    expect(state(row!.id)).toBe('queued');
    await expect(call('queue.edit', { id: 4242, patch: { track: 'x' } })).rejects.toThrow(
      'No scrobble with id 4242.',
    );
  });
});

describe('queue.remove and queue.retry', () => {
  it('removes rows; an unknown id removes none', async () => {
    h = await queueHarness();
    const [a, b, c] = await enqueue(play('A'), play('B'), play('C'));
    await expect(call('queue.remove', { ids: [a!.id, 4242] })).rejects.toThrow(
      'No scrobble with id 4242.',
    );
    expect(state(a!.id)).toBe('queued');
    expect(await call('queue.remove', { ids: [a!.id, b!.id] })).toBe(2);
    expect((await call<ListPage>('queue.list', {})).items.map((r) => r.id)).toEqual([c!.id]);
  });

  it('retries failed scrobbles by id or all at once', async () => {
    h = await queueHarness();
    const [a, b, c] = await enqueue(play('A'), play('B'), play('C'));
    // One request fails with error 6 per item: each is tried alone and fails.
    h.fake.injectFault({ kind: 'error', code: 6 }, { method: 'track.scrobble', times: 5 });
    await call('queue.flush');
    expect([a, b, c].map((r) => state(r!.id))).toEqual(['failed', 'failed', 'failed']);

    expect(await call('queue.retry', { ids: [a!.id] })).toBe(1);
    expect(h.core.queue.get(a!.id)).toMatchObject({ state: 'queued', reason: null });
    expect(state(b!.id)).toBe('failed');
    expect(await call('queue.retry', { ids: 'all-failed' })).toBe(2);
    await call('queue.flush');
    expect([a, b, c].map((r) => state(r!.id))).toEqual(['accepted', 'accepted', 'accepted']);
    await expect(call('queue.retry', { ids: [a!.id] })).rejects.toThrow(/already accepted/);
    await expect(call('queue.retry', { ids: [4242] })).rejects.toThrow('No scrobble with id 4242.');
  });
});

describe('pause, resume, stats and targetState', () => {
  it('a pause holds for scrobbles queued after it, until resumed', async () => {
    h = await queueHarness();
    await call('queue.pause');
    expect(await call('queue.targetState', { target: 'lastfm' })).toMatchObject({
      userPaused: true,
    });
    const [row] = await enqueue(play('Held'));
    const [report] = await call<FlushReport[]>('queue.flush');
    expect(report).toMatchObject({ stoppedBecause: 'paused', sent: 0 });
    expect(state(row!.id)).toBe('queued');
    expect(h.fake.scrobbles).toHaveLength(0);

    await call('queue.resume');
    const [after] = await call<FlushReport[]>('queue.flush');
    expect(after).toMatchObject({ stoppedBecause: 'done', accepted: 1 });
    expect(sentTracks()).toEqual(['Held']);
  });

  it('stats counts rows by state and says what is due', async () => {
    h = await queueHarness();
    await enqueue(play('A'), play('B'), { ...play('C'), artist: 'Spam Artist' });
    expect(await call('queue.stats')).toMatchObject({
      counts: { queued: 3, accepted: 0 },
      dueNow: 3,
    });
    await call('queue.flush');
    expect(await call('queue.stats', { target: 'lastfm' })).toEqual({
      counts: { queued: 0, sending: 0, retrying: 0, accepted: 2, ignored: 1, failed: 0 },
      dueNow: 0,
      nextDueAt: null,
    });
  });
});

describe('queue.sendNow', () => {
  it('after a 503, sends the retrying scrobbles at once instead of waiting', async () => {
    // A long first retry delay, so only "send now" can make them go soon.
    h = await queueHarness({
      backoff: { baseMs: 600_000, capMs: 3_600_000, jitter: 0, rateLimitBaseMs: 60_000 },
    });
    const ids = h.enqueuePlays(3);
    h.fake.injectFault({ kind: 'status', status: 503 }, { method: 'track.scrobble' });
    const [first] = await call<FlushReport[]>('queue.flush');
    expect(first?.stoppedBecause).toBe('unreachable');
    for (const id of ids) {
      expect(h.core.queue.get(id)).toMatchObject({ state: 'retrying', attempts: 1 });
      expect(h.core.queue.get(id)!.nextAttemptAt).toBeGreaterThan(h.now() + 500_000);
    }
    expect(await call('queue.targetState', { target: 'lastfm' })).toMatchObject({
      pauseReason: 'unreachable',
    });

    const [waiting] = await call<FlushReport[]>('queue.flush');
    expect(waiting).toMatchObject({ stoppedBecause: 'unreachable', sent: 0 });
    expect(h.fake.scrobbles).toHaveLength(0);

    const [now] = await call<FlushReport[]>('queue.sendNow', {});
    expect(now?.stoppedBecause).toBe('done');
    expect(ids.map(state)).toEqual(['accepted', 'accepted', 'accepted']);
    expect([...h.recordedCounts().values()]).toEqual([1, 1, 1]);
  });
});

describe('nowPlaying.update', () => {
  it('tells the service, never the queue', async () => {
    h = await queueHarness();
    const results = await call('nowPlaying.update', {
      track: { artist: ' Grouper ', track: 'Parking Lot', album: 'Ruins', duration: 251 },
    });
    expect(results).toEqual([{ target: 'lastfm', ok: true }]);
    expect(h.fake.nowPlaying('alice')).toMatchObject({
      artist: 'Grouper',
      track: 'Parking Lot',
      album: 'Ruins',
      duration: 251,
    });
    expect(h.core.queue.stats().counts.queued).toBe(0);
  });

  it('reports a failure without queueing or retrying it', async () => {
    h = await queueHarness();
    h.fake.injectFault({ kind: 'status', status: 503 }, { method: 'track.updateNowPlaying' });
    const results = await call('nowPlaying.update', { track: { artist: 'A', track: 'B' } });
    expect(results).toEqual([{ target: 'lastfm', ok: false, error: expect.stringMatching(/503/) }]);
    expect(h.fake.requests.filter((r) => r.method === 'track.updateNowPlaying')).toHaveLength(1);
    expect(h.fake.nowPlaying('alice')).toBeUndefined();
    expect(h.core.queue.stats().counts).toMatchObject({ queued: 0, retrying: 0 });
  });

  it('checks the track by the scrobble rules', async () => {
    h = await queueHarness();
    const problems = await problemsOf(
      call('nowPlaying.update', { track: { artist: '', track: 'B', duration: 3 } }),
    );
    expect(problems.map((p) => p.field)).toEqual(['artist', 'duration']);
    expect(h.fake.requests).toHaveLength(0);
  });
});

describe('events', () => {
  const types = (events: CoreEvent[]) => events.map((e) => e.type);

  it('queue-changed on enqueue, edit and remove', async () => {
    h = await queueHarness();
    const [row] = await enqueue(play('Evented'));
    expect(h.events).toEqual([{ type: 'queue-changed', target: 'lastfm' }]);
    h.events.length = 0;
    await call('queue.edit', { id: row!.id, patch: { track: 'Edited' } });
    expect(h.events).toEqual([{ type: 'queue-changed', target: 'lastfm' }]);
    h.events.length = 0;
    await call('queue.remove', { ids: [row!.id] });
    expect(h.events).toEqual([{ type: 'queue-changed', target: 'lastfm' }]);
    h.events.length = 0;
    await call('queue.list', {});
    await call('queue.stats', {});
    expect(h.events).toEqual([]);
  });

  it('flush-started, flush-progress per batch and flush-finished with the report', async () => {
    h = await queueHarness();
    h.enqueuePlays(60);
    h.events.length = 0;
    const [report] = await call<FlushReport[]>('queue.flush');
    const flushEvents = h.events.filter((e) => e.type !== 'queue-changed');
    expect(flushEvents).toEqual([
      { type: 'flush-started', target: 'lastfm', due: 60 },
      { type: 'flush-progress', target: 'lastfm', done: 50, due: 60 },
      { type: 'flush-progress', target: 'lastfm', done: 60, due: 60 },
      { type: 'flush-finished', report },
    ]);
    expect(report).toMatchObject({ accepted: 60, stoppedBecause: 'done' });
    // The list changes with every batch, so a window can refresh as it goes.
    expect(types(h.events).filter((t) => t === 'queue-changed')).toHaveLength(2);
  });
});

describe('error kinds', () => {
  const kindOf = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.fail('expected the call to be refused'),
      (e: unknown) => (e as { kind?: unknown }).kind,
    );

  it('an unknown id is not found, whichever method names it', async () => {
    h = await queueHarness();
    expect(await kindOf(call('queue.remove', { ids: [4242] }))).toBe('not-found');
    expect(await kindOf(call('queue.retry', { ids: [4242] }))).toBe('not-found');
    expect(await kindOf(call('queue.edit', { id: 4242, patch: { track: 'x' } }))).toBe('not-found');
  });

  it('a bad cursor is invalid input, not an internal failure', async () => {
    h = await queueHarness();
    expect(await kindOf(call('queue.list', { cursor: 'not-a-cursor' }))).toBe('invalid-input');
  });

  it('pausing or resuming an unknown service is refused and creates nothing', async () => {
    h = await queueHarness();
    await expect(call('queue.pause', { target: 'nowhere' })).rejects.toThrow(
      'No service "nowhere"',
    );
    expect(await kindOf(call('queue.resume', { target: 'nowhere' }))).toBe('not-found');
    expect(h.core.store.targets()).not.toContain('nowhere');
  });
});
