import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  migrate,
  schemaVersion,
} from '../../../../src/main/queue/storage/migrations.js';
import {
  asReplacement,
  DatabaseTooNewError,
  mergeForEdit,
  ScrobbleStore,
  type ItemResult,
  type ListQuery,
  type StoredScrobble,
} from '../../../../src/main/queue/storage/store.js';
import { SCROBBLE_STATES, type ScrobbleState } from '../../../../src/shared/scrobble-state.js';
import { ignoredKindOf } from '../../../../src/shared/ignored.js';
import type { ScrobbleItem, ScrobbleOutcome } from '../../../../src/shared/track.js';
import { validateScrobble } from '../../../../src/shared/validation.js';
import { allPages, expectedIds } from '../../../support/list-oracle.js';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const WRITER = fileURLToPath(new URL('../fixtures/queue-writer.ts', import.meta.url));

let dir: string;
let file: string;
let clock: number;
const open: ScrobbleStore[] = [];

function openStore(path = file): ScrobbleStore {
  const store = ScrobbleStore.open(path, { now: () => clock });
  open.push(store);
  return store;
}

function reopen(store: ScrobbleStore): ScrobbleStore {
  store.close();
  return openStore(store.file);
}

function play(i: number, extra: Partial<ScrobbleItem> = {}): ScrobbleItem {
  return { artist: `Artist ${i}`, track: `Track ${i}`, timestamp: 1_700_000_000 + i, ...extra };
}

const recorded = { artist: 'A', track: 'T', album: 'B', albumArtist: 'C' };
const noCorrections = { artist: false, track: false, album: false, albumArtist: false };

function accepted(extra: Partial<Extract<ScrobbleOutcome, { status: 'accepted' }>> = {}) {
  return { status: 'accepted', recorded, corrected: noCorrections, ...extra } as const;
}

function ignored(code: number, reason = `ignored ${code}`): ScrobbleOutcome {
  return {
    status: 'ignored',
    kind: ignoredKindOf(code),
    code,
    reason,
    recorded,
    corrected: noCorrections,
  };
}

/** Puts queued rows into `state` the way the sender would; other queued rows stay queued. */
function drive(store: ScrobbleStore, rows: StoredScrobble[], state: ScrobbleState): void {
  const ids = rows.map((r) => r.id);
  if (state === 'queued') return;
  const claimed = store.targets().flatMap((t) => store.claimDue(t, clock, 1000).map((r) => r.id));
  store.requeue(claimed.filter((id) => !ids.includes(id)));
  expect(claimed.filter((id) => ids.includes(id))).toHaveLength(ids.length);
  if (state === 'accepted') {
    store.applyOutcomes(
      ids.map((id) => ({ id, outcome: accepted() })),
      clock,
    );
  }
  if (state === 'ignored') {
    store.applyOutcomes(
      ids.map((id) => ({ id, outcome: ignored(1) })),
      clock,
    );
  }
  if (state === 'failed') store.markFailed(ids, 'bad request', clock);
  if (state === 'retrying') {
    store.markRetrying(ids, { message: 'offline', errorClass: 'transient' }, clock + 60_000);
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scrobbletray-queue-'));
  file = join(dir, 'nested', 'queue.db');
  clock = 1_700_000_500_000;
});

afterEach(() => {
  for (const store of open.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('opening', () => {
  it('creates the folder and a WAL database at the latest schema', () => {
    const store = openStore();
    store.close();
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('keeps the data when reopened', () => {
    let store = openStore();
    const [row] = store.enqueue('lastfm', [play(1, { album: 'Album' })], 'manual');
    store = reopen(store);
    expect(store.get(row?.id ?? -1)).toEqual(row);
  });

  it('refuses a database written by a newer version, and leaves it as it was', () => {
    const store = openStore();
    store.enqueue('lastfm', [play(1)], 'manual');
    store.close();
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();

    expect(() => ScrobbleStore.open(file)).toThrow(DatabaseTooNewError);
    expect(() => ScrobbleStore.open(file)).toThrow(
      `written by a newer Scrobbletray (schema ${LATEST_SCHEMA_VERSION + 1}); update the app`,
    );
    const after = new Database(file);
    expect(schemaVersion(after)).toBe(LATEST_SCHEMA_VERSION + 1);
    expect(after.prepare('SELECT count(*) AS n FROM scrobbles').get()).toEqual({ n: 1 });
    after.close();
  });

  it('rolls back a migration that fails, keeping the last good version', () => {
    const db = new Database(join(dir, 'migrate.db'));
    migrate(db, 'migrate.db');
    const broken = {
      version: LATEST_SCHEMA_VERSION + 1,
      description: 'fails half-way',
      up: (d: Database.Database) => {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('disk on fire');
      },
    };
    expect(() => migrate(db, 'migrate.db', [...MIGRATIONS, broken])).toThrow('disk on fire');
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE name = 'half_done'`).all();
    expect(tables).toEqual([]);

    const fixed = { ...broken, up: (d: Database.Database) => d.exec('CREATE TABLE done (x)') };
    expect(migrate(db, 'migrate.db', [...MIGRATIONS, fixed])).toEqual({
      from: LATEST_SCHEMA_VERSION,
      to: LATEST_SCHEMA_VERSION + 1,
    });
    db.close();
  });

  it('explains a file that is not a database', () => {
    mkdirSync(join(dir, 'nested'), { recursive: true });
    writeFileSync(file, 'this is not sqlite, just some text that is long enough '.repeat(20));
    expect(() => ScrobbleStore.open(file)).toThrow(`Cannot open the scrobble database ${file}`);
  });
});

describe('enqueue and get', () => {
  it('stores every field and returns what get() returns', () => {
    const store = openStore();
    const full: ScrobbleItem = {
      artist: 'Björk',
      track: 'Jóga',
      album: 'Homogenic',
      albumArtist: 'Björk',
      duration: 305,
      trackNumber: 3,
      mbid: '4f1c1a7e-0000-4000-8000-000000000000',
      timestamp: 1_700_000_000,
      chosenByUser: false,
    };
    const rows = store.enqueue('lastfm', [full, play(2)], 'cli');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      ...full,
      target: 'lastfm',
      source: 'cli',
      state: 'queued',
      attempts: 0,
      createdAt: clock,
      nextAttemptAt: null,
      recorded: null,
      corrected: null,
    });
    expect(rows[1]).not.toHaveProperty('album');
    expect(rows[1]).not.toHaveProperty('chosenByUser');
    for (const row of rows) expect(store.get(row.id)).toEqual(row);
    expect(store.get(9999)).toBeUndefined();
  });

  it('queues all of a batch or none of it', () => {
    const store = openStore();
    const bad = { ...play(2), timestamp: 1.5 };
    expect(() => store.enqueue('lastfm', [play(1), bad, play(3)], 'manual')).toThrow();
    expect(store.list({}).total).toBe(0);
    expect(store.stats().counts.queued).toBe(0);
  });

  it('explains a missing target', () => {
    const store = openStore();
    expect(() => store.enqueue('', [play(1)], 'manual')).toThrow('needs a target service');
  });
});

describe('list', () => {
  it('pages through every row once, in both orders, with ties in time', () => {
    const store = openStore();
    // 5 plays share each start time, so paging must use the id to break ties.
    const rows = store.enqueue(
      'lastfm',
      Array.from({ length: 23 }, (_, i) =>
        play(i, { timestamp: 1_700_000_000 + Math.floor(i / 5) }),
      ),
      'import',
    );
    const byTime = [...rows].sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);

    const oldest = allPages(store, { order: 'oldest', limit: 4 });
    expect(oldest.ids).toEqual(byTime.map((r) => r.id));
    expect(new Set(oldest.totals)).toEqual(new Set([23]));

    const newest = allPages(store, { limit: 5 });
    expect(newest.ids).toEqual(byTime.map((r) => r.id).reverse());
  });

  it('filters by state, target, text and time, and counts the matches', () => {
    const store = openStore();
    const a = store.enqueue(
      'lastfm',
      [
        play(1, { artist: 'Radiohead', track: 'Airbag', album: 'OK Computer' }),
        play(2, { artist: 'Portishead', track: 'Roads', album: 'Dummy' }),
        play(3, { artist: 'Björk', track: 'Jóga', album: 'Homogenic' }),
        play(4, { artist: 'Massive Attack', track: 'Teardrop', album: '100% Mezzanine' }),
        play(5, { artist: 'Air', track: 'La femme d_argent' }),
      ],
      'import',
    );
    store.enqueue('librefm', [play(6, { artist: 'Radiohead', track: 'Creep' })], 'import');
    drive(
      store,
      [a[0], a[1]].flatMap((r) => (r ? [r] : [])),
      'accepted',
    );
    drive(
      store,
      [a[2]].flatMap((r) => (r ? [r] : [])),
      'failed',
    );

    const ids = (q: ListQuery) => store.list({ order: 'oldest', ...q }).items.map((r) => r.id);
    const total = (q: ListQuery) => store.list(q).total;
    const [id1, id2, id3, id4, id5] = a.map((r) => r.id);

    expect(ids({ states: ['accepted'] })).toEqual([id1, id2]);
    expect(ids({ states: ['failed', 'queued'], target: 'lastfm' })).toEqual([id3, id4, id5]);
    expect(total({ states: ['failed', 'queued'] })).toBe(4);
    expect(total({ target: 'librefm' })).toBe(1);
    // Text: any of artist, track, album; case- and accent-insensitive; 3+ characters.
    expect(ids({ text: 'HEAD' })).toHaveLength(3);
    expect(total({ text: 'head', target: 'lastfm' })).toBe(2);
    expect(ids({ text: 'head', states: ['accepted'] })).toEqual([id1, id2]);
    expect(ids({ text: 'bjork' })).toEqual([id3]);
    expect(ids({ text: 'homogenic' })).toEqual([id3]);
    expect(ids({ text: 'ok comp' })).toEqual([id1]);
    // Short text is matched too; % and _ are plain characters, not wildcards.
    expect(ids({ text: 'ai' })).toEqual([id1, id5]);
    expect(ids({ text: '0%' })).toEqual([id4]);
    expect(ids({ text: 'd_a' })).toEqual([id5]);
    expect(ids({ text: '_' })).toEqual([id5]);
    // Time range, inclusive, unix seconds.
    expect(ids({ from: 1_700_000_002, to: 1_700_000_004 })).toEqual([id2, id3, id4]);
    expect(total({ from: 1_700_000_002, to: 1_700_000_004, states: ['queued'] })).toBe(1);
    expect(total({ from: 1_700_000_002, text: 'head' })).toBe(2);
  });

  it('pages through a text search and a multi-state filter', () => {
    const store = openStore();
    const rows = store.enqueue(
      'lastfm',
      Array.from({ length: 30 }, (_, i) => play(i, { artist: i % 3 === 0 ? 'Nirvana' : 'Other' })),
      'import',
    );
    drive(
      store,
      rows.filter((_, i) => i % 2 === 0),
      'failed',
    );
    const nirvana = rows.filter((r) => r.artist === 'Nirvana').map((r) => r.id);
    expect(allPages(store, { text: 'nirv', order: 'oldest', limit: 3 }).ids).toEqual(nirvana);
    expect(store.list({ text: 'nirv', target: 'lastfm' }).total).toBe(10);
    expect(store.list({ text: 'nirv', target: 'librefm' }).total).toBe(0);
    const mixed = allPages(store, { states: ['queued', 'failed'], limit: 7 });
    expect(mixed.ids).toEqual(rows.map((r) => r.id).reverse());
    expect(mixed.totals[0]).toBe(30);
  });

  it('agrees with a plain filter of the rows for every combination of filters', () => {
    const store = openStore();
    const artists = ['Nirvana', 'Nine Inch Nails', 'Air', 'Radiohead', 'Portishead'];
    const rows = Array.from({ length: 45 }, (_, i) =>
      store.enqueue(
        i % 3 === 2 ? 'librefm' : 'lastfm',
        [
          {
            artist: artists[i % 5] ?? '',
            track: `Song ${i}`,
            ...(i % 7 === 0 ? { album: 'Airwaves' } : {}),
            // Three plays per second, out of insertion order: ties and a shuffled time order.
            timestamp: 1_700_000_000 + ((i * 7) % 15),
          },
        ],
        'import',
      ),
    ).flat();
    const plan: ScrobbleState[] = ['accepted', 'failed', 'queued', 'ignored', 'retrying'];
    for (const state of plan)
      drive(
        store,
        rows.filter((_, i) => plan[i % 5] === state),
        state,
      );
    store.claimDue('lastfm', clock, 2); // and two in flight
    const current = rows.map((r) => store.get(r.id) ?? r);

    const texts = [undefined, 'head', 'NIN', 'ni', 'air', 'zzz'];
    const stateSets = [undefined, ['accepted'], ['failed'], ['queued', 'sending', 'failed']];
    stateSets.push(
      ['accepted', 'ignored'],
      [...SCROBBLE_STATES].filter((x) => x !== 'accepted'),
    );
    let checked = 0;
    for (const text of texts) {
      for (const states of stateSets as (ScrobbleState[] | undefined)[]) {
        for (const target of [undefined, 'lastfm', 'librefm']) {
          for (const range of [{}, { from: 1_700_000_003, to: 1_700_000_010 }] as ListQuery[]) {
            for (const order of ['oldest', 'newest'] as const) {
              const query: ListQuery = { order, limit: 4, ...range };
              if (text) query.text = text;
              if (states) query.states = states;
              if (target) query.target = target;
              const expected = expectedIds(current, query);
              const got = allPages(store, query);
              expect(got.ids, JSON.stringify(query)).toEqual(expected);
              expect(new Set(got.totals), JSON.stringify(query)).toEqual(
                new Set([expected.length]),
              );
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBe(432);
  });

  it('moves a scrobble within text search as it is accepted, re-timed or removed', () => {
    const store = openStore();
    const [row] = store.enqueue('lastfm', [play(1, { artist: 'Sigur Rós' })], 'cli');
    const id = row?.id ?? -1;
    const find = (q: ListQuery) => store.list({ text: 'sigur ros', ...q }).items.map((r) => r.id);
    expect(find({ states: ['queued'] })).toEqual([id]);
    expect(find({ states: ['accepted'] })).toEqual([]);
    store.edit(id, { timestamp: 1_600_000_000 });
    expect(find({ from: 1_600_000_000, to: 1_600_000_000 })).toEqual([id]);
    expect(find({ from: play(1).timestamp })).toEqual([]);
    drive(store, [store.get(id) ?? (row as StoredScrobble)], 'accepted');
    expect(find({ states: ['accepted'] })).toEqual([id]);
    expect(find({ states: ['queued'] })).toEqual([]);
    expect(store.remove([id])).toBe(1);
    expect(find({})).toEqual([]);
  });

  it('refuses a cursor from another query, a broken cursor, and a bad limit', () => {
    const store = openStore();
    store.enqueue('lastfm', [play(1), play(2), play(3)], 'manual');
    const { nextCursor } = store.list({ limit: 1 });
    expect(nextCursor).not.toBeNull();
    const cursor = nextCursor ?? '';
    expect(store.list({ limit: 1, cursor }).items).toHaveLength(1);
    expect(() => store.list({ order: 'oldest', cursor })).toThrow('belongs to a different list');
    expect(() => store.list({ cursor: 'nonsense' })).toThrow('page cursor is not valid');
    expect(() => store.list({ limit: 0 })).toThrow('from 1 to 1000');
    expect(() => store.list({ limit: 1001 })).toThrow('from 1 to 1000');
    expect(() => store.list({ states: ['done' as never] })).toThrow('Unknown state "done"');
  });
});

describe('list by offset', () => {
  /** The page at `offset`, then every page after it by cursor. */
  function pagesFrom(store: ScrobbleStore, query: ListQuery, offset: number) {
    const first = store.list({ ...query, offset });
    const ids = first.items.map((r) => r.id);
    if (first.nextCursor) ids.push(...allPages(store, { ...query, cursor: first.nextCursor }).ids);
    return { first, ids };
  }

  it('jumps to any row for every combination of filters, then continues by cursor', () => {
    const store = openStore();
    const artists = ['Nirvana', 'Nine Inch Nails', 'Air', 'Radiohead', 'Portishead'];
    const rows = store.enqueue(
      'lastfm',
      Array.from({ length: 40 }, (_, i) => ({
        artist: artists[i % 5] ?? '',
        track: `Song ${i}`,
        ...(i % 7 === 0 ? { album: 'Airwaves' } : {}),
        // Ties in time and a time order unlike the insertion order.
        timestamp: 1_700_000_000 + ((i * 7) % 13),
      })),
      'import',
    );
    // A second target (some rows move there), so the target filter has something to exclude.
    const other = store.enqueue(
      'librefm',
      Array.from({ length: 8 }, (_, i) => play(100 + i, { artist: artists[i % 5] ?? '' })),
      'import',
    );
    const plan: ScrobbleState[] = ['accepted', 'failed', 'queued', 'ignored', 'retrying'];
    for (const state of plan) {
      drive(
        store,
        [...rows, ...other].filter((_, i) => plan[i % 5] === state),
        state,
      );
    }
    const current = [...rows, ...other].map((r) => store.get(r.id) ?? r);

    const texts = [undefined, 'head', 'ni', 'air'];
    const stateSets: (ScrobbleState[] | undefined)[] = [
      undefined,
      ['accepted'],
      ['failed', 'queued'],
      ['accepted', 'ignored', 'failed'],
      [...SCROBBLE_STATES].filter((x) => x !== 'accepted'),
    ];
    let checked = 0;
    for (const text of texts) {
      for (const states of stateSets) {
        for (const target of [undefined, 'lastfm']) {
          for (const range of [{}, { from: 1_700_000_003, to: 1_700_000_010 }] as ListQuery[]) {
            for (const order of ['oldest', 'newest'] as const) {
              const query: ListQuery = { order, limit: 3, ...range };
              if (text) query.text = text;
              if (states) query.states = states;
              if (target) query.target = target;
              const expected = expectedIds(current, query);
              const n = expected.length;
              for (const offset of new Set([0, 1, 2, 3, 5, n - 2, n - 1, n, n + 4])) {
                if (offset < 0) continue;
                const label = JSON.stringify({ ...query, offset });
                const { first, ids } = pagesFrom(store, query, offset);
                expect(
                  first.items.map((r) => r.id),
                  label,
                ).toEqual(expected.slice(offset, offset + 3));
                expect(first.total, label).toBe(n);
                expect(ids, label).toEqual(expected.slice(offset));
                checked++;
              }
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('jumps within one target and within a large text search', () => {
    const store = openStore();
    // One target only: the target filter cannot exclude anything (and is left out).
    const rows = store.enqueue(
      'lastfm',
      Array.from({ length: 1200 }, (_, i) =>
        play(i, { artist: i % 4 === 0 ? 'Sigur Rós' : 'Múm', album: `Album ${i % 9}` }),
      ),
      'import',
    );
    drive(store, rows.slice(0, 1000), 'accepted');
    drive(store, rows.slice(1000, 1010), 'failed');
    const ids = (q: ListQuery) => store.list(q).items.map((r) => r.id);
    const newest = [...rows].reverse().map((r) => r.id);
    const sigur = newest.filter((_, i) => (1199 - i) % 4 === 0);

    expect(ids({ target: 'lastfm', offset: 700, limit: 5 })).toEqual(newest.slice(700, 705));
    expect(ids({ text: 'sigur ros', offset: 250, limit: 4 })).toEqual(sigur.slice(250, 254));
    // Accepted and failed matches interleave in time: the two halves of the search index merge.
    const done = newest.filter((id) => id <= (rows[1009]?.id ?? 0));
    expect(ids({ states: ['accepted', 'failed'], offset: 180, limit: 30 })).toEqual(
      done.slice(180, 210),
    );
    const doneSigur = sigur.filter((id) => done.includes(id));
    expect(
      ids({ text: 'sigur', states: ['accepted', 'failed'], target: 'lastfm', offset: 3 }),
    ).toEqual(doneSigur.slice(3, 103));
    // Two characters: a scan (LIKE), not the index.
    expect(ids({ text: 'ig', order: 'oldest', offset: 298, limit: 5 })).toEqual(
      [...sigur].reverse().slice(298),
    );
  });

  it('answers an offset past the end with no rows and the count of matches', () => {
    const store = openStore();
    store.enqueue('lastfm', [play(1), play(2), play(3)], 'manual');
    for (const query of [
      {},
      { text: 'artist' },
      { text: 'ar' },
      { states: ['queued', 'failed'] },
    ]) {
      expect(store.list({ ...query, offset: 3 } as ListQuery)).toEqual({
        items: [],
        nextCursor: null,
        total: 3,
      });
    }
  });

  it('refuses a negative or fractional offset, and an offset with a cursor', () => {
    const store = openStore();
    store.enqueue('lastfm', [play(1), play(2)], 'manual');
    const cursor = store.list({ limit: 1 }).nextCursor ?? '';
    expect(() => store.list({ offset: -1 })).toThrow('offset must be a whole number, 0 or more');
    expect(() => store.list({ offset: 1.5 })).toThrow('offset must be a whole number, 0 or more');
    expect(() => store.list({ offset: 1, cursor })).toThrow('either an offset or a cursor');
  });
});

describe('sending', () => {
  it('claims due rows oldest first, up to the limit, never the same row twice', () => {
    const store = openStore();
    const rows = store.enqueue('lastfm', [play(5), play(1), play(3), play(2), play(4)], 'cli');
    store.enqueue('librefm', [play(0)], 'cli');
    const first = store.claimDue('lastfm', clock, 2);
    expect(first.map((r) => r.timestamp)).toEqual([play(1).timestamp, play(2).timestamp]);
    expect(first.every((r) => r.state === 'sending' && r.sendingSince === clock)).toBe(true);
    const second = store.claimDue('lastfm', clock, 10);
    expect(second.map((r) => r.timestamp)).toEqual([3, 4, 5].map((i) => play(i).timestamp));
    expect(store.claimDue('lastfm', clock, 10)).toEqual([]);
    expect(
      store
        .listSending('lastfm')
        .map((r) => r.id)
        .sort(),
    ).toEqual(rows.map((r) => r.id).sort());
    expect(store.listSending('librefm')).toEqual([]);
  });

  it('never hands the same row to two connections on the same file', () => {
    const app = openStore();
    const cli = openStore();
    app.enqueue(
      'lastfm',
      Array.from({ length: 40 }, (_, i) => play(i)),
      'player',
    );
    const claimed: number[] = [];
    for (let i = 0; i < 10; i++) {
      claimed.push(...app.claimDue('lastfm', clock, 3).map((r) => r.id));
      claimed.push(...cli.claimDue('lastfm', clock, 2).map((r) => r.id));
    }
    expect(claimed).toHaveLength(40);
    expect(new Set(claimed).size).toBe(40);
  });

  it('records accepted and ignored outcomes, corrections included', () => {
    const store = openStore();
    const rows = store.enqueue('lastfm', [play(1), play(2), play(3)], 'cli');
    store.claimDue('lastfm', clock, 10);
    const corrected = { artist: true, track: false, album: false, albumArtist: true };
    const results: ItemResult[] = [
      { id: rows[0]?.id ?? -1, outcome: accepted({ corrected }) },
      { id: rows[1]?.id ?? -1, outcome: ignored(3, 'too old') },
      { id: rows[2]?.id ?? -1, outcome: accepted() },
    ];
    store.applyOutcomes(results, clock + 5);
    const reopened = reopen(store);
    expect(reopened.get(rows[0]?.id ?? -1)).toMatchObject({
      state: 'accepted',
      recorded,
      corrected,
      resolvedAt: clock + 5,
      sendingSince: null,
    });
    expect(reopened.get(rows[1]?.id ?? -1)).toMatchObject({
      state: 'ignored',
      ignoredCode: 3,
      reason: 'too old',
      recorded,
      corrected: noCorrections,
    });
    expect(reopened.get(rows[2]?.id ?? -1)?.corrected).toEqual(noCorrections);
  });

  it('queues a scrobble hit by the daily cap again instead of ignoring it', () => {
    const store = openStore();
    const [row] = store.enqueue('lastfm', [play(1)], 'cli');
    const id = row?.id ?? -1;
    store.claimDue('lastfm', clock, 10);
    store.applyOutcomes([{ id, outcome: ignored(5, 'daily limit') }], clock);
    expect(store.get(id)).toMatchObject({
      state: 'queued',
      attempts: 0,
      lastError: 'daily limit',
      lastErrorClass: 'rate-limited',
      ignoredCode: null,
    });
    expect(store.claimDue('lastfm', clock, 10).map((r) => r.id)).toEqual([id]);
  });

  it('does not undo an accepted scrobble', () => {
    const store = openStore();
    const [row] = store.enqueue('lastfm', [play(1)], 'cli');
    const id = row?.id ?? -1;
    store.claimDue('lastfm', clock, 10);
    store.applyOutcomes([{ id, outcome: accepted() }], clock);
    store.applyOutcomes([{ id, outcome: ignored(5) }], clock);
    store.markRetrying([id], { message: 'late', errorClass: 'transient' }, clock);
    store.markFailed([id], 'late', clock);
    store.requeue([id]);
    expect(store.get(id)?.state).toBe('accepted');
  });

  it('waits with a retrying row until its next attempt, counting attempts', () => {
    const store = openStore();
    const [row] = store.enqueue('lastfm', [play(1)], 'cli');
    const id = row?.id ?? -1;
    store.claimDue('lastfm', clock, 10);
    store.markRetrying([id], { message: 'timed out', errorClass: 'transient' }, clock + 60_000);
    expect(store.get(id)).toMatchObject({
      state: 'retrying',
      attempts: 1,
      lastError: 'timed out',
      lastErrorClass: 'transient',
      nextAttemptAt: clock + 60_000,
      sendingSince: null,
    });
    expect(store.claimDue('lastfm', clock + 59_999, 10)).toEqual([]);
    expect(store.claimDue('lastfm', clock + 60_000, 10).map((r) => r.id)).toEqual([id]);
    store.markRetrying([id], { message: 'timed out', errorClass: 'transient' }, clock + 60_000);
    // "Send now" makes it due at once, keeping the attempts it has used.
    expect(store.makeRetryingDue('librefm')).toBe(0);
    expect(store.makeRetryingDue('lastfm')).toBe(1);
    expect(store.get(id)).toMatchObject({ state: 'retrying', attempts: 2, nextAttemptAt: null });
    expect(store.claimDue('lastfm', clock, 10).map((r) => r.id)).toEqual([id]);
    store.markRetrying([id], { message: 'again', errorClass: 'transient' }, clock);
    expect(store.get(id)?.attempts).toBe(3);
    store.markFailed([id], 'gave up after 3 attempts', clock + 1);
    expect(store.get(id)).toMatchObject({
      state: 'failed',
      reason: 'gave up after 3 attempts',
      resolvedAt: clock + 1,
    });
  });

  it('requeues without counting an attempt', () => {
    const store = openStore();
    const [row] = store.enqueue('lastfm', [play(1)], 'cli');
    const id = row?.id ?? -1;
    store.claimDue('lastfm', clock, 10);
    store.markRetrying([id], { message: 'x', errorClass: 'transient' }, clock + 10_000);
    store.claimDue('lastfm', clock + 10_000, 10);
    store.requeue([id]);
    expect(store.get(id)).toMatchObject({ state: 'queued', attempts: 1, nextAttemptAt: null });
    expect(store.claimDue('lastfm', clock, 10).map((r) => r.id)).toEqual([id]);
  });

  it('finds rows left in sending after the process went away', () => {
    let store = openStore();
    store.enqueue('lastfm', [play(1), play(2)], 'cli');
    store.claimDue('lastfm', clock, 1);
    store = reopen(store);
    const sending = store.listSending('lastfm');
    expect(sending.map((r) => [r.timestamp, r.sendingSince])).toEqual([[play(1).timestamp, clock]]);
  });
});

describe('user changes', () => {
  it('edits a failed scrobble and queues it again with a clean slate', () => {
    const store = openStore();
    const [row] = store.enqueue('lastfm', [play(1, { album: 'Old album', duration: 200 })], 'cli');
    const id = row?.id ?? -1;
    store.claimDue('lastfm', clock, 10);
    store.markRetrying([id], { message: 'x', errorClass: 'transient' }, clock);
    store.claimDue('lastfm', clock, 10);
    store.markFailed([id], 'bad', clock);

    clock += 1000;
    const edited = store.edit(id, { artist: 'New artist', album: undefined });
    expect(edited).toMatchObject({
      artist: 'New artist',
      track: 'Track 1',
      duration: 200,
      state: 'queued',
      attempts: 0,
      lastError: null,
      reason: null,
      resolvedAt: null,
    });
    expect(edited).not.toHaveProperty('album');
    expect(store.list({ text: 'new artist' }).items.map((r) => r.id)).toEqual([id]);
    expect(store.list({ text: 'artist 1' }).total).toBe(0);
    expect(store.stats().counts).toMatchObject({ queued: 1, failed: 0 });
  });

  it('writes a validated merge, clearing fields validation removed', () => {
    const store = openStore();
    const [row] = store.enqueue('lastfm', [play(1, { album: 'Album', mbid: undefined })], 'cli');
    const stored = row ?? (undefined as never);
    const merged = mergeForEdit(stored, { album: '   ', track: '  Trimmed  ' });
    expect(merged).toEqual({ ...play(1), album: '   ', track: '  Trimmed  ' });
    const checked = validateScrobble(merged, { nowSec: play(1).timestamp });
    if (!checked.ok) throw new Error('expected valid');
    const edited = store.edit(stored.id, asReplacement(checked.value));
    expect(edited.track).toBe('Trimmed');
    expect(edited).not.toHaveProperty('album');
  });

  it('refuses to edit accepted, sending or missing scrobbles, saying why', () => {
    const store = openStore();
    const rows = store.enqueue('lastfm', [play(1), play(2)], 'cli');
    const [a, b] = rows.map((r) => r.id);
    store.claimDue('lastfm', clock, 10);
    store.applyOutcomes([{ id: a ?? -1, outcome: accepted() }], clock);
    expect(() => store.edit(a ?? -1, { track: 'x' })).toThrow(
      `Scrobble ${a} was already accepted, so it cannot be edited`,
    );
    expect(() => store.edit(b ?? -1, { track: 'x' })).toThrow(
      `Scrobble ${b} is being sent right now; try again in a moment.`,
    );
    expect(() => store.edit(42, { track: 'x' })).toThrow('No scrobble with id 42.');
  });

  it('removes scrobbles, but none while one of them is being sent', () => {
    const store = openStore();
    const rows = store.enqueue('lastfm', [play(1), play(2), play(3)], 'cli');
    const [a, b, c] = rows.map((r) => r.id) as [number, number, number];
    store.claimDue('lastfm', clock, 1);
    expect(() => store.remove([b, a])).toThrow(
      `Scrobble ${a} is being sent right now; try again in a moment.`,
    );
    expect(() => store.remove([b, 42])).toThrow('No scrobble with id 42.');
    expect(store.list({}).total).toBe(3);
    expect(store.remove([b, c, b])).toBe(2);
    expect(store.get(b)).toBeUndefined();
    expect(store.list({ text: 'track' }).items.map((r) => r.id)).toEqual([a]);
    expect(store.stats().counts).toMatchObject({ queued: 0, sending: 1 });
  });

  it('retries failed, ignored and retrying scrobbles, one by one or all failed', () => {
    const store = openStore();
    const rows = store.enqueue(
      'lastfm',
      [1, 2, 3, 4, 5, 6].map((i) => play(i)),
      'cli',
    );
    const [f1, f2, ig, re, q, ac] = rows;
    drive(
      store,
      [f1, f2].flatMap((r) => (r ? [r] : [])),
      'failed',
    );
    drive(
      store,
      [ig].flatMap((r) => (r ? [r] : [])),
      'ignored',
    );
    drive(
      store,
      [re].flatMap((r) => (r ? [r] : [])),
      'retrying',
    );
    drive(
      store,
      [ac].flatMap((r) => (r ? [r] : [])),
      'accepted',
    );
    const id = (r: StoredScrobble | undefined) => r?.id ?? -1;

    expect(() => store.retry([id(ig), id(ac)])).toThrow(
      `Scrobble ${id(ac)} was already accepted; there is nothing to retry.`,
    );
    expect(store.get(id(ig))?.state).toBe('ignored');
    expect(store.retry([id(ig), id(re), id(q)])).toBe(2);
    expect(store.get(id(ig))).toMatchObject({
      state: 'queued',
      ignoredCode: null,
      reason: null,
      recorded: null,
    });
    expect(store.get(id(re))).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: null });
    expect(store.retry('all-failed')).toBe(2);
    expect(store.stats().counts).toMatchObject({ queued: 5, failed: 0, accepted: 1 });
    expect(() => store.retry([42])).toThrow('No scrobble with id 42.');
  });
});

describe('stats and target state', () => {
  it('counts per state and target and says when the next send is due', () => {
    const store = openStore();
    expect(store.stats()).toEqual({
      counts: Object.fromEntries(SCROBBLE_STATES.map((s) => [s, 0])),
      dueNow: 0,
      nextDueAt: null,
    });
    const rows = store.enqueue('lastfm', [play(1), play(2), play(3)], 'cli');
    store.enqueue('librefm', [play(4)], 'cli');
    expect(store.stats('lastfm')).toMatchObject({ dueNow: 3, nextDueAt: clock });

    store.claimDue('lastfm', clock, 10);
    store.markRetrying(
      [rows[0]?.id ?? -1],
      { message: 'x', errorClass: 'transient' },
      clock + 9000,
    );
    store.markRetrying(
      [rows[1]?.id ?? -1],
      { message: 'x', errorClass: 'transient' },
      clock + 5000,
    );
    const stats = reopen(store).stats('lastfm');
    expect(stats.counts).toMatchObject({ retrying: 2, sending: 1, queued: 0 });
    expect(stats).toMatchObject({ dueNow: 0, nextDueAt: clock + 5000 });
    expect(open.at(-1)?.stats().counts.queued).toBe(1);
  });

  it('keeps target state across restarts, per target', () => {
    let store = openStore();
    expect(store.targetState('lastfm')).toEqual({
      target: 'lastfm',
      pausedUntil: null,
      pauseReason: null,
      userPaused: false,
      needsAuth: false,
    });
    store.setTargetState('lastfm', { pausedUntil: clock + 1000, pauseReason: 'rate-limited' });
    store.setTargetState('lastfm', { needsAuth: true });
    store.setTargetState('librefm', { userPaused: true });
    store = reopen(store);
    expect(store.targetState('lastfm')).toEqual({
      target: 'lastfm',
      pausedUntil: clock + 1000,
      pauseReason: 'rate-limited',
      userPaused: false,
      needsAuth: true,
    });
    expect(store.setTargetState('lastfm', { pausedUntil: null })).toMatchObject({
      pausedUntil: null,
      pauseReason: 'rate-limited',
      needsAuth: true,
    });
    expect(store.targetState('librefm').userPaused).toBe(true);
    expect(store.targets()).toEqual(['lastfm', 'librefm']);
  });

  it('lets one process at a time hold a target flush lease', () => {
    const app = openStore();
    const cli = openStore();
    expect(app.acquireFlushLease('lastfm', 'app', clock, 60_000)).toBe(true);
    expect(cli.acquireFlushLease('lastfm', 'cli', clock + 1, 60_000)).toBe(false);
    expect(cli.acquireFlushLease('librefm', 'cli', clock + 1, 60_000)).toBe(true);
    expect(app.renewFlushLease('lastfm', 'app', clock + 50_000)).toBe(true);
    expect(cli.acquireFlushLease('lastfm', 'cli', clock + 60_001, 60_000)).toBe(false);
    // Not renewed in time (the holder died): another process may take over.
    expect(cli.acquireFlushLease('lastfm', 'cli', clock + 110_000, 60_000)).toBe(true);
    expect(app.renewFlushLease('lastfm', 'app', clock + 110_001)).toBe(false);
    app.releaseFlushLease('lastfm', 'app');
    expect(app.acquireFlushLease('lastfm', 'app', clock + 110_002, 60_000)).toBe(false);
    cli.releaseFlushLease('lastfm', 'cli');
    expect(app.acquireFlushLease('lastfm', 'app', clock + 110_003, 60_000)).toBe(true);
  });
});

describe('durability', () => {
  it('keeps every scrobble a killed process reported as committed', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const committed = new Map<number, number>();
    for await (const line of createInterface({ input: child.stdout })) {
      const [id, i] = line.split(' ').map(Number);
      if (id !== undefined && i !== undefined) committed.set(id, i);
      if (committed.size === 300) child.kill('SIGKILL');
    }
    expect(await exited, stderr).toBe('SIGKILL');
    expect(committed.size).toBeGreaterThanOrEqual(300);

    expect(existsSync(`${file}-wal`)).toBe(true);
    const store = openStore();
    for (const [id, i] of committed) {
      expect(store.get(id)).toMatchObject({ artist: `Writer ${i}`, state: 'queued' });
    }
    expect(store.stats().counts.queued).toBe(store.list({}).total);
    store.close();
    const db = new Database(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
