import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  migrate,
  schemaVersion,
} from '../../../../src/main/queue/storage/migrations.js';
import { rebuildSearchIndex } from '../../../../src/main/queue/history/search-schema.js';
import {
  ScrobbleStore,
  type ListQuery,
  type StoredScrobble,
} from '../../../../src/main/queue/storage/store.js';
import { SCROBBLE_STATES, type ScrobbleState } from '../../../../src/shared/scrobble-state.js';
import type { ScrobbleItem } from '../../../../src/shared/track.js';
import { allPages, expectedIds } from '../../../support/list-oracle.js';

// Text search over the names index (schema 2): the upgrade from schema 1's FTS5 table over
// every scrobble, the index kept right by its triggers, and counts and pages that agree with a
// plain filter of the rows, with names that repeat across fields, differ in case or accents,
// are not ASCII, or are too long for the plain trigram check.

let dir: string;
let file: string;
const open: ScrobbleStore[] = [];

function openStore(path = file): ScrobbleStore {
  const store = ScrobbleStore.open(path);
  open.push(store);
  return store;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scrobbletray-search-'));
  file = join(dir, 'queue.db');
});

afterEach(() => {
  for (const store of open.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the index does to text: case folded, accents removed (for the texts used here). */
const fold = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replaceAll('ſ', 's');

const LONG = `${'Lalala '.repeat(80)}end`; // past the 514 characters of the plain check

const ARTISTS = ['Radiohead', 'Björk', 'Sigur Rós', 'Air', 'AIR', 'Portishead', '坂本龍一', LONG];
const TRACKS = ['Airbag', 'Jóga', 'Hoppípolla', 'Air', 'Roads', 'Héad Over', 'Radio', 'Lalala'];
const ALBUMS = ['OK Computer', 'Homogenic', null, 'Air', 'Radiohead Live', 'Björk Live', LONG];

/** Plays whose fields share text, all plain or not: scrobbles that match through two names. */
const OVERLAPPING = [
  { artist: 'Radiohead', track: 'Headache', album: 'Radiohead Live' },
  { artist: 'Bjork', track: 'Joga', album: 'Bjork Live' },
  { artist: 'Air', track: 'Air Mail', album: 'Air' },
  { artist: 'Casa', track: 'Casablanca', album: 'Casa Live' },
];

/** Play `i`: names picked so that fields often share text or repeat one another. */
function playOf(i: number, at = 1_700_000_000): ScrobbleItem {
  const album = ALBUMS[Math.floor(i / 3) % ALBUMS.length] ?? null;
  const overlapping = i % 5 === 4 ? OVERLAPPING[Math.floor(i / 5) % OVERLAPPING.length] : null;
  return {
    artist: ARTISTS[i % ARTISTS.length] ?? '',
    track: TRACKS[Math.floor(i / 8) % TRACKS.length] ?? '',
    ...(album === null ? {} : { album }),
    ...overlapping,
    // Ties in time, and a time order unlike the id order.
    timestamp: at + ((i * 7) % 40),
  };
}

const TEXTS = ['air', 'AIR', 'head', 'HEAD', 'bjork', 'Björk', 'ros', 'rós', '坂本龍', 'lala'];
TEXTS.push('alala e', 'live', 'ead', 'zzz', 'héad', 'adio', 'CASA');
// The long s folds to "s" in the index but not in overlapGrams: the count's exact fallback.
TEXTS.push('aſa');

function matches(row: StoredScrobble, text: string): boolean {
  return [row.artist, row.track, row.album].some((f) => f != null && fold(f).includes(fold(text)));
}

const byTime = (a: StoredScrobble, b: StoredScrobble) => a.timestamp - b.timestamp || a.id - b.id;

const recorded = { artist: 'A', track: 'T', album: 'B', albumArtist: 'C' };
const noCorrections = { artist: false, track: false, album: false, albumArtist: false };

/** Moves queued rows through the sender's steps so that every state has rows. */
function spreadStates(store: ScrobbleStore, now: number): void {
  for (const target of store.targets()) {
    const claimed = store.claimDue(target, now, 10_000);
    const plan = (i: number): ScrobbleState =>
      (['accepted', 'accepted', 'failed', 'ignored', 'retrying', 'queued', 'sending'] as const)[
        i % 7
      ] ?? 'accepted';
    const ids = (state: ScrobbleState) =>
      claimed.filter((_, i) => plan(i) === state).map((r) => r.id);
    store.applyOutcomes(
      [
        ...ids('accepted').map((id) => ({
          id,
          outcome: { status: 'accepted', recorded, corrected: noCorrections } as const,
        })),
        ...ids('ignored').map((id) => ({
          id,
          outcome: {
            status: 'ignored',
            kind: 'filtered-artist',
            code: 1,
            reason: 'filtered',
            recorded,
            corrected: noCorrections,
          } as const,
        })),
      ],
      now,
    );
    store.markFailed(ids('failed'), 'bad request', now);
    store.markRetrying(ids('retrying'), { message: 'offline', errorClass: 'transient' }, now + 1);
    store.requeue(ids('queued'));
    // 'sending' rows stay as claimed.
  }
}

/** The search tables by name text (ids differ between a trigger-built and a rebuilt index). */
function snapshotIndex(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    const all = (sql: string) => db.prepare(sql).raw().all();
    return {
      names: all('SELECT name, accepted FROM search_names ORDER BY name'),
      terms: all(`SELECT n.name, t.key FROM search_terms t JOIN search_names n ON n.id = t.name_id
        ORDER BY 1, 2`),
      overlaps: all(`SELECT o.gram, o.key, n.name, p1.name, p2.name FROM search_overlaps o
        JOIN search_names n ON n.id = o.name_id LEFT JOIN search_names p1 ON p1.id = o.prior1
        LEFT JOIN search_names p2 ON p2.id = o.prior2 ORDER BY 1, 2, 3`),
      wide: all(`SELECT n.name, w.key, p1.name, p2.name FROM search_overlaps_wide w
        JOIN search_names n ON n.id = w.name_id LEFT JOIN search_names p1 ON p1.id = w.prior1
        LEFT JOIN search_names p2 ON p2.id = w.prior2 ORDER BY 1, 2`),
      // Every name is in the trigram index under its own id, and nothing else is.
      unindexed: all(`SELECT name FROM search_names n WHERE length(name) >= 3 AND NOT EXISTS (
        SELECT 1 FROM search_names_fts f WHERE f.rowid = n.id
          AND search_names_fts MATCH '"' || replace(n.name, '"', '""') || '"')`),
      strays: all(`SELECT rowid FROM search_names_fts
        WHERE rowid NOT IN (SELECT id FROM search_names)`),
    };
  } finally {
    db.close();
  }
}

describe('upgrade from schema 1', () => {
  it('keeps every row and count, and finds with the new index what the old one found', () => {
    // A real schema 1 file: the frozen first step, rows in every state written the way
    // schema 1 indexed them (its triggers), two targets, corrections, edits and NULL albums.
    const v1 = new Database(file);
    v1.pragma('journal_mode = WAL');
    migrate(v1, file, MIGRATIONS.slice(0, 1));
    expect(schemaVersion(v1)).toBe(1);
    const insert = v1.prepare(`INSERT INTO scrobbles (target, artist, track, album, timestamp,
        source, created_at, state, attempts, next_attempt_at, last_error, last_error_class,
        sending_since, resolved_at, ignored_code, reason, recorded_artist, recorded_track,
        recorded_album, recorded_album_artist, corrected, edited_at, unconfirmed)
      VALUES (@target, @artist, @track, @album, @timestamp, 'import', @created, @state, @attempts,
        @next, @error, @errorClass, @sending, @resolved, @code, @reason, @rArtist, @rTrack,
        @rAlbum, @rAlbumArtist, @corrected, @edited, @unconfirmed)`);
    for (let i = 0; i < 240; i++) {
      const play = playOf(i);
      const state = SCROBBLE_STATES[i % SCROBBLE_STATES.length] ?? 'queued';
      const done = state === 'accepted' || state === 'ignored';
      const trying = state === 'retrying' || state === 'failed';
      insert.run({
        target: i % 4 === 0 ? 'librefm' : 'lastfm',
        artist: play.artist,
        track: play.track,
        album: play.album ?? null,
        timestamp: play.timestamp,
        created: play.timestamp * 1000,
        state,
        attempts: trying ? 2 : 0,
        next: state === 'retrying' ? play.timestamp * 1000 + 60_000 : null,
        error: trying ? 'Service offline' : null,
        errorClass: trying ? 'transient' : null,
        sending: state === 'sending' ? play.timestamp * 1000 : null,
        resolved: done || state === 'failed' ? play.timestamp * 1000 + 5_000 : null,
        code: state === 'ignored' ? 3 : null,
        reason: state === 'ignored' ? 'too old' : null,
        rArtist: done ? play.artist.toUpperCase() : null,
        rTrack: done ? play.track : null,
        rAlbum: done ? (play.album ?? null) : null,
        rAlbumArtist: done ? '' : null,
        corrected: done ? 1 : null,
        edited: i % 9 === 0 ? play.timestamp * 1000 : null,
        unconfirmed: state === 'retrying' && i % 2 === 0 ? 1 : 0,
      });
    }
    const rowsBefore = v1.prepare('SELECT * FROM scrobbles ORDER BY id').all();
    const countsBefore = v1.prepare('SELECT * FROM scrobble_counts ORDER BY 1, 2').all();
    const phrase = (text: string) => `"${text.replaceAll('"', '""')}"`;
    const foundBefore = new Map(
      TEXTS.map((text) => [
        text,
        v1
          .prepare<[string], { id: number }>(
            `SELECT rowid & 1073741823 AS id FROM scrobbles_fts WHERE scrobbles_fts MATCH ?`,
          )
          .all(phrase(text))
          .map((r) => r.id)
          .sort((a, b) => a - b),
      ]),
    );
    v1.close();

    const store = openStore();
    const rows = rowsBefore as { id: number }[];
    const stored = rows.map((r) => store.get(r.id)).filter((r) => r !== undefined);
    expect(stored).toHaveLength(240);
    for (const text of TEXTS) {
      const expected = foundBefore.get(text) ?? [];
      // The old index is the reference here; it must also agree with a plain filter.
      expect(expected, text).toEqual(stored.filter((r) => matches(r, text)).map((r) => r.id));
      const page = store.list({ text, limit: 1000 });
      expect(
        [...page.items.map((r) => r.id)].sort((a, b) => a - b),
        text,
      ).toEqual(expected);
      expect(page.total, text).toBe(expected.length);
      const newest = stored
        .filter((r) => expected.includes(r.id))
        .sort(byTime)
        .reverse();
      expect(allPages(store, { text, limit: 7 }).ids, text).toEqual(newest.map((r) => r.id));
      const accepted = newest.filter((r) => r.state === 'accepted').map((r) => r.id);
      expect(allPages(store, { text, states: ['accepted'], limit: 5 }).ids, text).toEqual(accepted);
      expect(store.list({ text, states: ['accepted'] }).total, text).toBe(accepted.length);
    }
    store.close();

    const after = new Database(file);
    // Upgraded to the newest schema (3: imports), search index included.
    expect(schemaVersion(after)).toBe(3);
    // Every row as it was; schema 3's columns (a play's identity and its import) are empty,
    // since none of these plays came from an import.
    expect(after.prepare('SELECT * FROM scrobbles ORDER BY id').all()).toEqual(
      rowsBefore.map((row) => ({ ...(row as object), play_id: null, import_id: null })),
    );
    expect(after.prepare('SELECT * FROM scrobble_counts ORDER BY 1, 2').all()).toEqual(
      countsBefore,
    );
    // Schema 1's index and its triggers are gone, and the space they held was given back.
    const old = after
      .prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'scrobbles_fts%'`)
      .all();
    expect(old).toEqual([]);
    expect(after.pragma('freelist_count', { simple: true })).toBe(0);
    after.close();

    // The upgraded file takes new scrobbles, sends and edits like a new one.
    const again = openStore();
    const [added] = again.enqueue('lastfm', [{ ...playOf(3), timestamp: 1_800_000_000 }], 'cli');
    expect(again.list({ text: 'air', limit: 1 }).items.map((r) => r.id)).toEqual([added?.id]);
    expect(again.list({ text: 'air' }).total).toBe((foundBefore.get('air')?.length ?? 0) + 1);
    const edited = again.edit(added?.id ?? -1, { artist: 'Zzz Top', track: 'Zzz', album: 'Zzz' });
    expect(again.list({ text: 'zzz' }).items.map((r) => r.id)).toEqual([edited.id]);
  });
});

describe('search index', () => {
  it('stays equal to a rebuild from the rows through sends, edits, retries and removals', () => {
    const store = openStore();
    const rows = [
      ...store.enqueue(
        'lastfm',
        Array.from({ length: 140 }, (_, i) => playOf(i)),
        'import',
      ),
      ...store.enqueue(
        'librefm',
        Array.from({ length: 30 }, (_, i) => playOf(i + 500)),
        'cli',
      ),
    ];
    const now = 1_700_000_500_000;
    spreadStates(store, now);
    // Edits rename and re-time (back to queued); some of them are then accepted.
    const editable = rows
      .map((r) => store.get(r.id))
      .filter((r) => r !== undefined)
      .filter((r) => ['failed', 'ignored', 'retrying'].includes(r.state));
    editable.slice(0, 12).forEach((row, i) => {
      store.edit(row.id, {
        ...playOf(i * 11 + 1, 1_650_000_000),
        ...(i % 3 === 0 ? { album: undefined } : {}),
      });
    });
    // Removals, including accepted ones, so names can fall out of use.
    const accepted = rows.map((r) => store.get(r.id)).filter((r) => r?.state === 'accepted');
    store.remove(accepted.slice(0, 9).map((r) => r?.id ?? -1));
    store.retry('all-failed');
    spreadStates(store, now + 10);
    const unique = store.enqueue(
      'lastfm',
      [{ artist: 'Only Once', track: 'Once Only', timestamp: 1_700_000_900 }],
      'cli',
    );
    store.remove(unique.map((r) => r.id));
    store.close();

    const byTriggers = snapshotIndex(file);
    expect(byTriggers.names.length).toBeGreaterThan(10);
    expect(byTriggers.overlaps.length).toBeGreaterThan(10);
    expect(byTriggers.wide.length).toBeGreaterThan(3);
    expect(byTriggers.unindexed).toEqual([]);
    expect(byTriggers.strays).toEqual([]);
    expect(byTriggers.names.map((row) => (row as unknown[])[0])).not.toContain('Only Once');

    const copy = join(dir, 'rebuilt.db');
    copyFileSync(file, copy);
    const db = new Database(copy);
    db.transaction(() => rebuildSearchIndex(db))();
    db.close();
    expect(snapshotIndex(copy)).toEqual(byTriggers);
  });

  it('pages a text search whose row filters pass only a few of many matches', () => {
    const store = openStore();
    // 900 plays of one artist; every 97th is for another service, every 113th failed.
    const plays = Array.from({ length: 900 }, (_, i) => ({
      artist: 'Sigur Rós',
      track: `Track ${i}`,
      timestamp: 1_700_000_000 + i,
    }));
    const rows = plays.map((play, i) =>
      store.enqueue(i % 97 === 0 ? 'librefm' : 'lastfm', [play], 'import'),
    );
    const ids = rows.flat().map((r) => r.id);
    const failed = ids.filter((_, i) => i % 113 === 0 && i % 97 !== 0);
    for (const target of store.targets()) store.claimDue(target, 1, 10_000);
    store.markFailed(failed, 'bad request', 1);
    store.requeue(ids.filter((id) => !failed.includes(id)));
    const newest = [...ids].reverse();
    const other = newest.filter((_, i) => (899 - i) % 97 === 0);
    expect(allPages(store, { text: 'sigur', target: 'librefm', limit: 3 })).toEqual({
      ids: other,
      totals: other.map(() => other.length).slice(0, Math.ceil(other.length / 3)),
    });
    const gaveUp = newest.filter((id) => failed.includes(id));
    expect(allPages(store, { text: 'ros', states: ['failed'], limit: 2 }).ids).toEqual(gaveUp);
    expect(
      store.list({ text: 'ros', states: ['failed'], offset: 3 }).items.map((r) => r.id),
    ).toEqual(gaveUp.slice(3));
  });

  it('counts and pages every text like a plain filter of the rows, for every filter', () => {
    const store = openStore();
    store.enqueue(
      'lastfm',
      Array.from({ length: 220 }, (_, i) => playOf(i)),
      'import',
    );
    store.enqueue(
      'librefm',
      Array.from({ length: 60 }, (_, i) => playOf(i + 1000)),
      'import',
    );
    spreadStates(store, 1_700_000_500_000);
    const rows = allPages(store, { limit: 1000 }).ids.map((id) => store.get(id));
    const current = rows.filter((r) => r !== undefined);

    const stateSets: (ScrobbleState[] | undefined)[] = [
      undefined,
      ['accepted'],
      ['failed', 'queued', 'sending'],
      ['accepted', 'ignored'],
    ];
    let checked = 0;
    for (const text of TEXTS) {
      for (const states of stateSets) {
        for (const target of [undefined, 'librefm']) {
          for (const range of [{}, { from: 1_700_000_010, to: 1_700_000_025 }] as ListQuery[]) {
            for (const order of ['oldest', 'newest'] as const) {
              const query: ListQuery = { text, order, limit: 9, ...range };
              if (states) query.states = states;
              if (target) query.target = target;
              const expected = expectedIds(current, query, (f, t) => fold(f).includes(fold(t)));
              const label = JSON.stringify(query);
              const got = allPages(store, query);
              expect(got.ids, label).toEqual(expected);
              expect(new Set(got.totals), label).toEqual(new Set([expected.length]));
              const offset = Math.floor(expected.length / 2);
              const jump = store.list({ ...query, offset });
              expect(
                jump.items.map((r) => r.id),
                label,
              ).toEqual(expected.slice(offset, offset + 9));
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBe(TEXTS.length * 32);
  });
});
