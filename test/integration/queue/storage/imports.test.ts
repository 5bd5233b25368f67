import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueueService } from '../../../../src/main/queue/queue-service.js';
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  migrate,
  schemaVersion,
} from '../../../../src/main/queue/storage/migrations.js';
import { ScrobbleStore } from '../../../../src/main/queue/storage/store.js';
import { playIdentity } from '../../../../src/main/sources/import/identity.js';
import type { ScrobbleTarget } from '../../../../src/main/targets/target.js';
import { tempDir } from '../../../support/temp-dir.js';

// Imports in the real store (SQLite files in a temp dir, synchronous = FULL): the same play is
// queued at most once per service however often and in whatever pieces a file is imported,
// "remove import" takes out only what was not sent, a play too old for Last.fm still goes to a
// service that takes any age, and a database from before imports upgrades without loss.
// Nothing is sent here: a target is never built (targetFor would throw if it were).

const NOW = Date.UTC(2026, 11, 1, 12);
const NOW_SEC = NOW / 1000;
const DAY = 86400;

let dir: { path: string; cleanup: () => void };
const stores: ScrobbleStore[] = [];
beforeEach(() => {
  dir = tempDir('scrobbletray-imports-');
});
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  dir.cleanup();
});

function openQueue(file = join(dir.path, 'scrobbles.sqlite')) {
  const store = ScrobbleStore.open(file, { now: () => NOW });
  stores.push(store);
  const queue = new QueueService({
    store,
    now: () => NOW,
    targetsForNew: () => ['lastfm', 'librefm'],
    maxAgeDaysFor: (t) => (t === 'lastfm' ? 14 : undefined),
    targetFor: () =>
      Promise.reject(new Error('nothing is sent in these tests')) as Promise<ScrobbleTarget>,
  });
  return { store, queue };
}

interface Play {
  artist: string;
  track: string;
  timestamp: number;
}

function importPlays(queue: QueueService, plays: readonly Play[], importId: string) {
  queue.beginImport({ id: importId, fileName: 'history.json', format: 'spotify' });
  return queue.enqueueEach(plays, 'import', {
    playIds: plays.map((p) => playIdentity(p)),
    importId,
  });
}

function rowsOf(store: ScrobbleStore, target: string) {
  return store.list({ target, limit: 1000, order: 'oldest' }).items;
}

/** 40 distinct plays: the first 20 in the last 14 days, the rest older (Libre.fm only). */
const PLAYS: Play[] = Array.from({ length: 40 }, (_, i) => ({
  artist: `Artist ${i % 7}`,
  track: `Track ${i}`,
  timestamp: i < 20 ? NOW_SEC - (i + 1) * 3600 : NOW_SEC - (20 + i) * DAY,
}));

describe('importing the same plays again', () => {
  it('never queues a play twice for a service, whatever pieces and order, run twice', () => {
    fc.assert(
      fc.property(
        fc.array(fc.subarray(PLAYS.map((_, i) => i)), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (pieces, seed) => {
          const run = tempDir('scrobbletray-imports-prop-');
          try {
            const { store, queue } = openQueue(join(run.path, 'q.sqlite'));
            const imported = new Set<number>();
            // Each piece imported twice, in a shuffled order, as if parts of a history were
            // exported more than once and overlapped.
            for (const [k, piece] of [...pieces, ...pieces].entries()) {
              const order = shuffle(piece, seed + k);
              importPlays(
                queue,
                order.map((i) => PLAYS[i]!),
                `import-${k % pieces.length}`,
              );
              for (const i of piece) imported.add(i);
            }
            const lastfm = rowsOf(store, 'lastfm');
            const librefm = rowsOf(store, 'librefm');
            const key = (r: { artist: string; track: string; timestamp: number }) =>
              `${r.artist}|${r.track}|${r.timestamp}`;
            expect(new Set(lastfm.map(key)).size).toBe(lastfm.length);
            expect(new Set(librefm.map(key)).size).toBe(librefm.length);
            expect(librefm.length).toBe(imported.size);
            expect(lastfm.length).toBe([...imported].filter((i) => i < 20).length);
            store.close();
            stores.splice(stores.indexOf(store), 1);
          } finally {
            run.cleanup();
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('says which services already had a play', () => {
    const { queue } = openQueue();
    importPlays(queue, PLAYS.slice(0, 5), 'a');
    const again = importPlays(queue, PLAYS.slice(3, 8), 'b');
    expect(again.map((o) => (o.ok ? o.alreadyThere : null))).toEqual([
      ['lastfm', 'librefm'],
      ['lastfm', 'librefm'],
      [],
      [],
      [],
    ]);
    expect(again.map((o) => (o.ok ? o.targets : null)).slice(2)).toEqual([
      ['lastfm', 'librefm'],
      ['lastfm', 'librefm'],
      ['lastfm', 'librefm'],
    ]);
  });
});

describe('a play too old for Last.fm', () => {
  it('is refused for Last.fm, with why, and queued for Libre.fm', () => {
    const { store, queue } = openQueue();
    const old = { artist: 'Low', track: 'Words', timestamp: NOW_SEC - 30 * DAY };
    const [outcome] = queue.enqueueEach([old], 'import');
    expect(outcome).toMatchObject({ ok: true, targets: ['librefm'] });
    const refused = outcome?.ok ? outcome.refused : undefined;
    expect(refused?.map((r) => r.target)).toEqual(['lastfm']);
    expect(refused?.[0]?.problems[0]?.message).toMatch(/more than 14 days ago/);
    expect(rowsOf(store, 'lastfm')).toEqual([]);
    expect(rowsOf(store, 'librefm').map((r) => r.track)).toEqual(['Words']);
  });

  it('is refused for good when the only service is Last.fm', () => {
    const { queue } = openQueue();
    const old = { artist: 'Low', track: 'Words', timestamp: NOW_SEC - 30 * DAY };
    const [outcome] = queue.enqueueEach([old], 'import', { targets: ['lastfm'] });
    expect(outcome).toMatchObject({ ok: false, refused: [{ target: 'lastfm' }] });
  });

  it('refuses a service nobody signed in to, naming it', () => {
    const { queue } = openQueue();
    expect(() =>
      queue.enqueueEach(PLAYS.slice(0, 1), 'import', { targets: ['listenbrainz'] }),
    ).toThrow(/Not signed in to listenbrainz/);
  });
});

describe('removing an import', () => {
  it('deletes its unsent rows as one unit, keeps the sent ones, and says how many stayed', () => {
    const { store, queue } = openQueue();
    importPlays(queue, PLAYS.slice(2, 12), 'first');
    importPlays(queue, PLAYS.slice(0, 2), 'other');
    // Last.fm accepted three of the first import's plays (the oldest are sent first).
    const sent = store.claimDue('lastfm', NOW, 3);
    store.applyOutcomes(
      sent.map((row) => ({
        id: row.id,
        outcome: {
          status: 'accepted',
          recorded: { artist: row.artist, track: row.track, album: '', albumArtist: '' },
          corrected: { artist: false, track: false, album: false, albumArtist: false },
        },
      })),
      NOW,
    );
    const before = queue.importSummary('first');
    expect(before).toMatchObject({ unsent: 17, sent: 3, removedAt: null });

    const removal = queue.removeImport('first');
    expect(removal).toEqual({ id: 'first', removed: 17, kept: 3, keptByState: { accepted: 3 } });
    expect(rowsOf(store, 'lastfm').map((r) => r.state)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'queued',
      'queued',
    ]);
    expect(rowsOf(store, 'librefm')).toHaveLength(2); // the other import's
    expect(queue.importSummary('first')).toMatchObject({ unsent: 0, sent: 3, removedAt: NOW });

    // Importing the same file again brings back only what was removed.
    const again = importPlays(queue, PLAYS.slice(2, 12), 'first');
    expect(again.filter((o) => o.ok && o.alreadyThere?.includes('lastfm'))).toHaveLength(3);
    expect(rowsOf(store, 'lastfm')).toHaveLength(12);
    expect(queue.importSummary('first')?.removedAt).toBeNull();
  });

  it('forgets an import none of whose rows was sent', () => {
    const { queue } = openQueue();
    importPlays(queue, PLAYS.slice(0, 4), 'only');
    expect(queue.removeImport('only')).toMatchObject({ removed: 8, kept: 0 });
    expect(queue.listImports()).toEqual([]);
    expect(() => queue.removeImport('only')).toThrow(/No import with id only/);
  });
});

describe('upgrading a database from before imports', () => {
  it.each([1, 2])(
    'keeps every row, its state and its search from schema %i, and then imports',
    (from) => {
      const file = join(dir.path, `schema${from}.sqlite`);
      const db = new Database(file);
      migrate(db, file, MIGRATIONS.slice(0, from));
      expect(schemaVersion(db)).toBe(from);
      const insert = db.prepare(
        `INSERT INTO scrobbles (target, artist, track, album, timestamp, source, created_at, state)
       VALUES (?, ?, ?, ?, ?, 'manual', ?, ?)`,
      );
      for (let i = 0; i < 50; i++) {
        insert.run(
          'lastfm',
          `Band ${i % 5}`,
          `Song ${i}`,
          i % 2 ? 'LP' : null,
          NOW_SEC - i * 600,
          NOW,
          i < 30 ? 'accepted' : 'queued',
        );
      }
      const before = db.prepare('SELECT * FROM scrobbles ORDER BY id').all();
      db.close();

      const { store, queue } = openQueue(file);
      const after = new Database(file, { readonly: true });
      expect(schemaVersion(after)).toBe(LATEST_SCHEMA_VERSION);
      const rows = after.prepare('SELECT * FROM scrobbles ORDER BY id').all() as Record<
        string,
        unknown
      >[];
      after.close();
      expect(rows.map(({ play_id: _p, import_id: _i, ...rest }) => rest)).toEqual(before);
      expect(rows.every((r) => r.play_id === null && r.import_id === null)).toBe(true);
      expect(store.stats('lastfm').counts).toMatchObject({ accepted: 30, queued: 20 });
      expect(store.list({ text: 'Band 3', limit: 100 }).total).toBe(10);

      importPlays(queue, PLAYS.slice(0, 2), 'after-upgrade');
      expect(queue.listImports().map((i) => [i.id, i.unsent])).toEqual([['after-upgrade', 4]]);
    },
  );
});

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
