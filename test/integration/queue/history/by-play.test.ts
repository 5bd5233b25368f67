// queue.list with byPlay over a real SQLite file: a play sent to several services (one row
// per service) is one item with every service's row, and paging by cursor and by offset, the
// totals, state filters and text search all count plays. Checked against a plain grouping of
// the rows (the oracle below), for a history where some plays went to one service only.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScrobbleStore, type StoredScrobble } from '../../../../src/main/queue/storage/store.js';
import type { ListQuery } from '../../../../src/shared/queue-types.js';
import type { ScrobbleState } from '../../../../src/shared/scrobble-state.js';
import { tempDir } from '../../../support/temp-dir.js';

let dir: ReturnType<typeof tempDir> | undefined;
let store: ScrobbleStore | undefined;
afterEach(() => {
  store?.close();
  dir?.cleanup();
  store = undefined;
});

function open(): ScrobbleStore {
  dir = tempDir();
  store = ScrobbleStore.open(join(dir.path, 'scrobbles.sqlite'));
  return store;
}

const T0 = 1_700_000_000;
const NOTHING_CHANGED = { artist: false, track: false, album: false, albumArtist: false };

function accept(s: ScrobbleStore, rows: readonly StoredScrobble[]) {
  for (const target of new Set(rows.map((r) => r.target))) {
    s.claimDue(target, Date.now(), 10_000);
  }
  s.applyOutcomes(
    rows.map((row) => ({
      id: row.id,
      outcome: {
        status: 'accepted' as const,
        recorded: { artist: row.artist, track: row.track, album: '', albumArtist: '' },
        corrected: NOTHING_CHANGED,
      },
    })),
    Date.now(),
  );
}

/**
 * 60 plays: every third one to Last.fm only, the rest to Last.fm, Libre.fm and ListenBrainz.
 * Last.fm accepts everything; Libre.fm fails plays 0, 5, 10…; the rest stays queued.
 */
function history(s: ScrobbleStore): StoredScrobble[] {
  const all: StoredScrobble[] = [];
  for (let i = 0; i < 60; i++) {
    const play = {
      artist: i % 2 ? 'Broadcast' : 'Stereolab',
      track: `Song ${i}`,
      timestamp: T0 + i * 60,
    };
    const targets = i % 3 === 0 ? ['lastfm'] : ['lastfm', 'librefm', 'listenbrainz'];
    all.push(...s.enqueueForTargets(targets, [play], 'manual').flat());
  }
  accept(
    s,
    all.filter((r) => r.target === 'lastfm'),
  );
  const failing = all.filter((r) => r.target === 'librefm' && Number(r.track.slice(5)) % 5 === 0);
  s.claimDue('librefm', Date.now(), 10_000);
  s.markFailed(
    failing.map((r) => r.id),
    'Refused.',
    Date.now(),
  );
  // Back to queued: what was claimed and not failed.
  const claimedNotFailed = all
    .filter((r) => r.target === 'librefm' && !failing.includes(r))
    .map((r) => r.id);
  s.requeue(claimedNotFailed);
  return all.map((r) => s.get(r.id) as StoredScrobble);
}

/** The plays a query should list, by the plain reading: group, filter, first matching row. */
function expectedPlays(rows: readonly StoredScrobble[], query: ListQuery): number[] {
  const groups = new Map<string, StoredScrobble[]>();
  for (const row of rows) {
    const key = `${row.timestamp}\u0000${row.artist}\u0000${row.track}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const states: readonly ScrobbleState[] | undefined = query.states;
  const text = query.text?.toLowerCase();
  const leaders: StoredScrobble[] = [];
  for (const group of groups.values()) {
    const matching = group
      .filter((r) => !states || states.includes(r.state))
      .filter((r) => !text || `${r.artist}\u0000${r.track}`.toLowerCase().includes(text))
      .sort((a, b) => a.id - b.id);
    if (matching[0]) leaders.push(matching[0]);
  }
  const sign = query.order === 'oldest' ? 1 : -1;
  return leaders.sort((a, b) => sign * (a.timestamp - b.timestamp || a.id - b.id)).map((r) => r.id);
}

function pagesByCursor(s: ScrobbleStore, query: ListQuery) {
  const ids: number[] = [];
  const totals = new Set<number>();
  let cursor: string | undefined;
  for (;;) {
    const page = s.list({ ...query, byPlay: true, limit: 7, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((r) => r.id));
    totals.add(page.total);
    expect(page.plays).toHaveLength(page.items.length);
    if (!page.nextCursor) return { ids, totals: [...totals] };
    cursor = page.nextCursor;
  }
}

describe('queue.list by play', () => {
  it('lists a fanned-out play once, with every service’s row and state', () => {
    const s = open();
    const rows = history(s);
    const page = s.list({ byPlay: true, order: 'oldest', limit: 3 });
    expect(page.total).toBe(60);
    expect(page.items.map((r) => r.track)).toEqual(['Song 0', 'Song 1', 'Song 2']);
    const play = page.plays?.[1] ?? [];
    expect(play.map((r) => [r.target, r.state])).toEqual([
      ['lastfm', 'accepted'],
      ['librefm', 'queued'],
      ['listenbrainz', 'queued'],
    ]);
    // Without byPlay: one row per service, as before.
    expect(s.list({ limit: 1000 }).total).toBe(rows.length);
    expect(s.list({ limit: 1 }).plays).toBeUndefined();
  });

  it('pages by cursor and by offset over plays, for states, text and service filters', () => {
    const s = open();
    const rows = history(s);
    const queries: ListQuery[] = [
      {},
      { order: 'oldest' },
      { states: ['accepted'] },
      { states: ['failed'] },
      { states: ['queued', 'failed'], order: 'oldest' },
      { text: 'song 1' },
      { text: 'broadcast', states: ['queued'] },
      { text: 'so' },
      { from: T0 + 600, to: T0 + 1800 },
    ];
    for (const query of queries) {
      const want = expectedPlays(
        rows.filter(
          (r) =>
            (query.from === undefined || r.timestamp >= query.from) &&
            (query.to === undefined || r.timestamp <= query.to),
        ),
        query,
      );
      const got = pagesByCursor(s, query);
      expect(got.ids, JSON.stringify(query)).toEqual(want);
      expect(got.totals, JSON.stringify(query)).toEqual([want.length]);
      // A jump lands where the cursor walk went.
      for (const offset of [0, 5, want.length - 1]) {
        if (offset < 0) continue;
        const jump = s.list({ ...query, byPlay: true, offset, limit: 2 });
        expect(
          jump.items.map((r) => r.id),
          `${JSON.stringify(query)} @${offset}`,
        ).toEqual(want.slice(offset, offset + 2));
      }
    }
    // A service filter lists that service's rows: one per play there.
    const libre = s.list({ byPlay: true, target: 'librefm', limit: 1000 });
    expect(libre.total).toBe(40);
    expect(libre.items.every((r) => r.target === 'librefm')).toBe(true);
  });

  it('a failed Libre.fm row puts its play under Failed, shown with the accepted Last.fm row', () => {
    const s = open();
    history(s);
    const failed = s.list({ byPlay: true, states: ['failed'], limit: 100 });
    expect(failed.items.map((r) => r.track)).toEqual([
      'Song 55',
      'Song 50',
      'Song 40',
      'Song 35',
      'Song 25',
      'Song 20',
      'Song 10',
      'Song 5',
    ]);
    expect(failed.items.every((r) => r.target === 'librefm')).toBe(true);
    expect(failed.plays?.[0]?.map((r) => `${r.target}:${r.state}`)).toEqual([
      'lastfm:accepted',
      'librefm:failed',
      'listenbrainz:queued',
    ]);
  });
});
