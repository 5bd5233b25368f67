// The History's actions through dispatch(), as the window calls them, against a core with a
// real SQLite file and the fake Last.fm (queue-harness.ts; the keychain is the in-memory
// double there, as it says why): remove with undo, scrobble again, love and unlove.
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../src/main/api/dispatch.js';
import type { ListPage, StoredScrobble } from '../../../../src/main/queue/types.js';
import { queueHarness, type QueueHarness } from '../../../support/queue-harness.js';

let h: QueueHarness;
afterEach(async () => h?.close());

const call = <T>(method: string, input: unknown) => dispatch(h.core, method, input) as Promise<T>;

async function refusal(method: string, input: unknown): Promise<Error & { kind?: string }> {
  return call(method, input).then(
    () => expect.fail(`expected ${method} to be refused`),
    (e: unknown) => e as Error & { kind?: string },
  );
}

describe('History actions', () => {
  it('removes an accepted play and an undo puts it back as it was, searchable and counted', async () => {
    h = await queueHarness();
    const [id] = h.enqueuePlays(1, 'Roygbiv');
    await h.core.queue.flush();
    const before = h.core.queue.get(id as number) as StoredScrobble;
    expect(before.state).toBe('accepted');

    const { removed, undo } = await call<{ removed: number; undo: string }>(
      'queue.removeUndoable',
      { ids: [id] },
    );
    expect(removed).toBe(1);
    expect(h.core.queue.get(id as number)).toBeUndefined();
    expect(h.core.queue.stats().counts.accepted).toBe(0);

    expect(await call('queue.undoRemove', { undo })).toBe(1);
    expect(h.core.queue.get(id as number)).toEqual(before);
    expect(h.core.queue.stats().counts.accepted).toBe(1);
    const found = await call<ListPage>('queue.list', { text: 'roygbiv', states: ['accepted'] });
    expect(found.items.map((r) => r.id)).toEqual([id]);
    // An undo works once.
    const again = await refusal('queue.undoRemove', { undo });
    expect(again.kind).toBe('not-found');
    expect(again.message).toMatch(/can no longer be undone/);
  });

  it('an undo is refused once its time is up, and the rows stay removed', async () => {
    h = await queueHarness();
    const ids = h.enqueuePlays(2);
    const { undo } = await call<{ undo: string }>('queue.removeUndoable', { ids });
    h.advance(61_000);
    expect((await refusal('queue.undoRemove', { undo })).kind).toBe('not-found');
    expect(ids.map((i) => h.core.queue.get(i))).toEqual([undefined, undefined]);
  });

  it('scrobbles a play again now, with the same fields, and the old one stays', async () => {
    h = await queueHarness();
    h.core.queue.enqueue(
      [
        {
          artist: 'Low',
          track: 'Words',
          album: 'I Could Live in Hope',
          timestamp: Math.floor(h.now() / 1000) - 3600,
        },
      ],
      'manual',
    );
    await h.core.queue.flush();
    const [old] = h.core.queue.list({ states: ['accepted'] }).items;
    const [fresh] = await call<StoredScrobble[]>('queue.scrobbleAgain', { id: old?.id });
    expect(fresh).toMatchObject({ artist: 'Low', track: 'Words', album: 'I Could Live in Hope' });
    expect(Math.abs((fresh?.timestamp ?? 0) - h.now() / 1000)).toBeLessThan(5);
    await h.core.queue.flush();
    expect(h.fake.scrobbles.map((s) => s.track)).toEqual(['Words', 'Words']);
    expect(h.core.queue.get(old?.id as number)?.state).toBe('accepted');

    const refused = await refusal('queue.scrobbleAgain', { id: old?.id, services: ['librefm'] });
    expect(refused.message).toBe(
      'Not signed in to librefm: sign in first, or pick another service.',
    );
  });

  it('loves and unloves a track on Last.fm, and refuses ListenBrainz in words', async () => {
    h = await queueHarness();
    const loved = await call('track.love', {
      service: 'lastfm',
      artist: 'Low',
      track: 'Words',
      love: true,
    });
    expect(loved).toEqual({ loved: true });
    expect(h.fake.loved('alice').map((t) => t.track)).toEqual(['Words']);
    await call('track.love', { service: 'lastfm', artist: 'Low', track: 'Words', love: false });
    expect(h.fake.loved('alice')).toEqual([]);

    const lb = await refusal('track.love', {
      service: 'listenbrainz',
      artist: 'Low',
      track: 'Words',
      love: true,
    });
    expect(lb.kind).toBe('invalid-input');
    expect(lb.message).toMatch(/no loved tracks Scrobbletray can set/);
    const notSignedIn = await refusal('track.love', {
      service: 'librefm',
      artist: 'Low',
      track: 'Words',
      love: true,
    });
    expect(notSignedIn.kind).toBe('needs-sign-in');
  });
});
