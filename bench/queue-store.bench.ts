import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { QueueService } from '../src/main/queue/queue-service.js';
import { dropSearchTriggers, rebuildSearchIndex } from '../src/main/queue/history/search-schema.js';
import { ScrobbleStore, type ListQuery } from '../src/main/queue/storage/store.js';
import type { ScrobbleItem } from '../src/shared/track.js';
import { median, percentile, round, seededRandom, timeRuns } from './measure.js';
import type { BenchResult } from './result.js';
import { databaseSize } from './db-size.js';

// The scrobble store against its goals: queuing stays instant while a player scrobbles, and a
// history of 1,000,000 rows (about 15 years of heavy listening) still lists and opens fast.

// Every enqueue is an fsync (synchronous = FULL): 20,000 keep the run short.
const ENQUEUE_COUNT = 20_000;
/** Through the queue service (validation included): fewer, as each also validates. */
const SERVICE_ENQUEUE_COUNT = 20_000;
const HISTORY_ROWS = 1_000_000;
/** A smaller history for the offset pages: the History bench's size. */
const SMALL_HISTORY_ROWS = 100_000;
/** Where a scroll-bar jump lands, and History's page size. */
const JUMP_OFFSET = 50_000;
const JUMP_PAGE = 500;
const LIST_RUNS = 20;
const OPEN_RUNS = 5;

function log(line: string): void {
  process.stderr.write(`[bench queue-store] ${line}\n`);
}

/**
 * Made-up names: pseudo-words from ~3,600 syllables mixed with common English words, so text
 * search meets both rare and very common trigrams ("the", "lov"), as in real tags.
 */
function nameMaker(random: () => number): (words: number) => string {
  const onsets = ['', 'b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't'];
  onsets.push('v', 'w', 'z', 'br', 'cr', 'dr', 'fl', 'gr', 'pl', 'st', 'th', 'sh', 'ch', 'tr');
  const vowels = ['a', 'e', 'i', 'o', 'u', 'y', 'ai', 'ea', 'ou', 'ie', 'oo'];
  const codas = ['', '', 'n', 'r', 's', 'l', 't', 'm', 'ck', 'nd', 'st', 'x'];
  const common = `the of and love night you me my in on a heart time life world day dream fire
    light blue black dance song girl boy baby away home rain sun moon star city road gold red
    wild lost young high down end little man last good new old one two all your we she he it`;
  const words = common.split(/\s+/);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const word = () => {
    if (random() < 0.3) return pick(words);
    let w = '';
    for (let i = 1 + Math.floor(random() * 3); i > 0; i--)
      w += pick(onsets) + pick(vowels) + pick(codas);
    return w;
  };
  const title = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  return (count) => Array.from({ length: count }, () => title(word())).join(' ');
}

interface Catalogue {
  artists: string[];
  albums: string[];
  tracks: string[];
  pick: (list: readonly string[]) => string;
  random: () => number;
}

function catalogue(seed: number): Catalogue {
  const random = seededRandom(seed);
  const name = nameMaker(random);
  const make = (count: number, maxWords: number) =>
    Array.from({ length: count }, () => name(1 + Math.floor(random() * maxWords)));
  return {
    artists: make(5_000, 3),
    albums: make(20_000, 4),
    tracks: make(50_000, 5),
    pick: (list) => list[Math.floor(random() * list.length)] ?? '',
    random,
  };
}

/** The user's favourite artist (artists[0]) gets 2% of plays; the rest are spread evenly. */
const FAVOURITE_SHARE = 0.02;

function benchEnqueue(file: string): BenchResult[] {
  const cat = catalogue(1);
  const store = ScrobbleStore.open(file);
  const times = new Float64Array(ENQUEUE_COUNT);
  const base = 1_700_000_000;
  try {
    for (let i = 0; i < ENQUEUE_COUNT; i++) {
      const item: ScrobbleItem = {
        artist: cat.pick(cat.artists),
        track: cat.pick(cat.tracks),
        album: cat.pick(cat.albums),
        duration: 180 + (i % 120),
        timestamp: base + i * 200,
      };
      const start = performance.now();
      store.enqueue('lastfm', [item], 'player');
      times[i] = performance.now() - start;
    }
  } finally {
    store.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const total = sorted.reduce((sum, t) => sum + t, 0);
  const p99 = percentile(sorted, 99);
  const detail = `${ENQUEUE_COUNT.toLocaleString('en')} enqueues, one transaction each; max ${round(sorted.at(-1) ?? 0)} ms; ${Math.round(ENQUEUE_COUNT / (total / 1000)).toLocaleString('en')}/s`;
  return [
    { name: 'enqueue one (median)', value: round(percentile(sorted, 50)), unit: 'ms', detail },
    {
      name: 'enqueue one (p99)',
      value: round(p99),
      unit: 'ms',
      goal: 'p99 < 5 ms, durable',
      pass: p99 < 5,
      detail,
    },
  ];
}

/**
 * What the app and the CLI call: QueueService.enqueue validates the scrobble (the shared zod
 * schema) before the store writes it. No adapter is built: nothing is sent.
 */
function benchServiceEnqueue(file: string): BenchResult[] {
  const cat = catalogue(3);
  const store = ScrobbleStore.open(file);
  const queue = new QueueService({
    store,
    targetsForNew: () => ['lastfm'],
    maxAgeDaysFor: () => 14,
    targetFor: () => Promise.reject(new Error('the bench sends nothing')),
  });
  const times = new Float64Array(SERVICE_ENQUEUE_COUNT);
  // Recent plays, 30 s apart, so every one passes Last.fm's 14-day rule.
  const base = Math.floor(Date.now() / 1000) - SERVICE_ENQUEUE_COUNT * 30 - 60;
  try {
    for (let i = 0; i < SERVICE_ENQUEUE_COUNT; i++) {
      const input = {
        artist: cat.pick(cat.artists),
        track: cat.pick(cat.tracks),
        album: cat.pick(cat.albums),
        duration: 180 + (i % 120),
        timestamp: base + i * 30,
      };
      const start = performance.now();
      queue.enqueue([input], 'player');
      times[i] = performance.now() - start;
    }
  } finally {
    store.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const total = sorted.reduce((sum, t) => sum + t, 0);
  const p99 = percentile(sorted, 99);
  const detail = `${SERVICE_ENQUEUE_COUNT.toLocaleString('en')} QueueService.enqueue calls of one scrobble (validate + store); max ${round(sorted.at(-1) ?? 0)} ms; ${Math.round(SERVICE_ENQUEUE_COUNT / (total / 1000)).toLocaleString('en')}/s`;
  return [
    {
      name: 'enqueue one, validated (median)',
      value: round(percentile(sorted, 50)),
      unit: 'ms',
      detail,
    },
    {
      name: 'enqueue one, validated (p99)',
      value: round(p99),
      unit: 'ms',
      goal: 'p99 < 5 ms, durable',
      pass: p99 < 5,
      detail,
    },
  ];
}

/**
 * Writes a 1M-row history straight into a store-created file: one transaction of prepared
 * inserts, with the search index's triggers dropped while writing and the index then built
 * set by set (rebuildSearchIndex, as the schema 2 migration does; what a bulk import would
 * do). The triggers for counts stay on.
 */
export function generateHistory(file: string, rows: number): { ms: number; catalogue: Catalogue } {
  const start = performance.now();
  ScrobbleStore.open(file).close();
  const cat = catalogue(2);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const insert = db.prepare(
      `INSERT INTO scrobbles (target, artist, track, album, duration, timestamp, source,
         created_at, state, attempts, next_attempt_at, last_error, last_error_class, resolved_at,
         ignored_code, reason, recorded_artist, recorded_track, recorded_album,
         recorded_album_artist, corrected)
       VALUES (?, ?, ?, ?, ?, ?, 'player', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const first = 1_300_000_000;
    db.transaction(() => {
      dropSearchTriggers(db);
      for (let i = 0; i < rows; i++) {
        const artist =
          cat.random() < FAVOURITE_SHARE ? (cat.artists[0] ?? '') : cat.pick(cat.artists);
        const track = cat.pick(cat.tracks);
        const album = cat.pick(cat.albums);
        const timestamp = first + i * 470;
        const r = cat.random();
        // Mostly history, with some of everything else, like a long-used install.
        const state =
          r < 0.97
            ? 'accepted'
            : r < 0.98
              ? 'ignored'
              : r < 0.99
                ? 'failed'
                : r < 0.995
                  ? 'retrying'
                  : 'queued';
        const resolved = state === 'accepted' || state === 'ignored' || state === 'failed';
        const withRecord = state === 'accepted' || state === 'ignored';
        insert.run(
          cat.random() < 0.9 ? 'lastfm' : 'librefm',
          artist,
          track,
          album,
          150 + (i % 300),
          timestamp,
          timestamp * 1000,
          state,
          state === 'retrying' || state === 'failed' ? 3 : 0,
          state === 'retrying' ? timestamp * 1000 + 60_000 : null,
          state === 'retrying' || state === 'failed' ? 'Service offline' : null,
          state === 'retrying' || state === 'failed' ? 'transient' : null,
          resolved ? timestamp * 1000 + 5_000 : null,
          state === 'ignored' ? 3 : null,
          state === 'ignored' ? 'too old' : state === 'failed' ? 'gave up' : null,
          withRecord ? artist : null,
          withRecord ? track : null,
          withRecord ? album : null,
          withRecord ? '' : null,
          withRecord ? 0 : null,
        );
      }
      rebuildSearchIndex(db);
    })();
  } finally {
    db.close();
  }
  return { ms: performance.now() - start, catalogue: cat };
}

function benchList(file: string, cat: Catalogue): BenchResult[] {
  const store = ScrobbleStore.open(file);
  try {
    const favourite = (cat.artists[0] ?? '').toLowerCase();
    const typical = (cat.artists[1] ?? '').toLowerCase();
    const cases: { name: string; query: ListQuery; goal: boolean }[] = [
      { name: 'history page (accepted, newest)', query: { states: ['accepted'] }, goal: true },
      {
        name: 'history page 2 (cursor)',
        query: {
          states: ['accepted'],
          cursor: store.list({ states: ['accepted'] }).nextCursor ?? '',
        },
        goal: true,
      },
      { name: 'failed page', query: { states: ['failed'] }, goal: true },
      {
        name: 'pending page (queued+sending+retrying)',
        query: { states: ['queued', 'sending', 'retrying'], order: 'oldest' },
        goal: true,
      },
      {
        name: 'date range page (one year, accepted)',
        query: { states: ['accepted'], from: 1_500_000_000, to: 1_500_000_000 + 365 * 86400 },
        goal: true,
      },
      { name: `text page, typical artist "${typical}"`, query: { text: typical }, goal: true },
      {
        name: `text page, favourite artist "${favourite}"`,
        query: { text: favourite },
        goal: true,
      },
      {
        name: 'text page, favourite artist + accepted',
        query: { text: favourite, states: ['accepted'] },
        goal: true,
      },
      // No goal: words in a tenth of all rows, to show how the count grows with matches.
      { name: 'text page "love" (common word)', query: { text: 'love' }, goal: false },
      {
        name: 'text page "love" + accepted',
        query: { text: 'love', states: ['accepted'] },
        goal: false,
      },
    ];
    return cases.map(({ name, query, goal }) => {
      const runs = goal ? LIST_RUNS : 5;
      let total = 0;
      const times = timeRuns(runs, () => (total = store.list(query).total));
      const value = round(median(times));
      const detail = `median of ${runs}, p90 ${round(percentile(times, 90))} ms; ${total.toLocaleString('en')} of ${HISTORY_ROWS.toLocaleString('en')} rows match`;
      return goal
        ? { name, value, unit: 'ms', goal: '< 10 ms', pass: value < 10, detail }
        : { name, value, unit: 'ms', detail };
    });
  } finally {
    store.close();
  }
}

/**
 * A page of History's size far into the list (a jump of the scroll bar): the row before it is
 * found by an OFFSET over index entries only, then the page is read after it by keyset.
 */
function benchOffsets(file: string, rows: number, cat: Catalogue): BenchResult[] {
  const store = ScrobbleStore.open(file);
  const size = rows.toLocaleString('en');
  try {
    const favourite = (cat.artists[0] ?? '').toLowerCase();
    const cases: { name: string; query: ListQuery; goal: boolean }[] = [
      { name: 'accepted, newest (History)', query: { states: ['accepted'] }, goal: true },
      { name: 'every state', query: {}, goal: false },
      {
        name: 'accepted, ignored or failed (three states merged)',
        query: { states: ['accepted', 'ignored', 'failed'] },
        goal: false,
      },
      { name: `text "${favourite}", every state`, query: { text: favourite }, goal: false },
      {
        name: `text "${favourite}", accepted`,
        query: { text: favourite, states: ['accepted'] },
        goal: false,
      },
    ];
    if (rows >= 10 * JUMP_OFFSET) {
      cases.push({
        name: 'accepted, newest, the middle',
        query: { states: ['accepted'], offset: Math.floor(rows / 2) },
        goal: false,
      });
    }
    return cases.map(({ name, query, goal }) => {
      // Where fewer rows match than the jump needs (text), take the middle of the matches.
      const matches = store.list({ ...query, limit: 1 }).total;
      const offset =
        query.offset ??
        (matches >= JUMP_OFFSET + JUMP_PAGE ? JUMP_OFFSET : Math.floor(matches / 2));
      const runs = goal ? LIST_RUNS : 5;
      let got = 0;
      const times = timeRuns(
        runs,
        () => (got = store.list({ ...query, limit: JUMP_PAGE, offset }).items.length),
      );
      const value = round(median(times));
      const detail =
        `median of ${runs}, p90 ${round(percentile(times, 90))} ms; ${got} rows from row ` +
        `${offset.toLocaleString('en')} of ${matches.toLocaleString('en')} matching`;
      const label = `page of ${JUMP_PAGE} at an offset, ${size} rows: ${name}`;
      return goal
        ? { name: label, value, unit: 'ms', goal: '< 10 ms', pass: value < 10, detail }
        : { name: label, value, unit: 'ms', detail };
    });
  } finally {
    store.close();
  }
}

function benchOpen(file: string): BenchResult {
  const times: number[] = [];
  for (let i = 0; i < OPEN_RUNS; i++) {
    const start = performance.now();
    const store = ScrobbleStore.open(file);
    times.push(performance.now() - start);
    store.close();
  }
  const value = round(median(times));
  const size = Math.round(statSync(file).size / 1e6);
  return {
    name: 'open 1M-row database',
    value,
    unit: 'ms',
    goal: '< 200 ms',
    pass: value < 200,
    detail: `median of ${OPEN_RUNS} (close, reopen); file ${size} MB`,
  };
}

/**
 * The whole suite; with QUEUE_STORE_BENCH=list only the 1M-row history, its pages and its size
 * (about a minute, for iterating on list queries); with QUEUE_STORE_BENCH=enqueue only the
 * durable enqueues.
 */
export async function benchQueueStore(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'scrobbletray-bench-'));
  try {
    if (process.env.QUEUE_STORE_BENCH === 'enqueue') {
      const enqueueFile = join(dir, 'enqueue.db');
      return [
        ...benchEnqueue(enqueueFile),
        ...benchServiceEnqueue(join(dir, 'service-enqueue.db')),
      ];
    }
    if (process.env.QUEUE_STORE_BENCH === 'list') {
      const history = join(dir, 'history.db');
      log(`writing a ${HISTORY_ROWS.toLocaleString('en')}-row history…`);
      const generated = generateHistory(history, HISTORY_ROWS);
      log(`  done in ${Math.round(generated.ms / 1000)} s; listing…`);
      return [
        ...benchList(history, generated.catalogue),
        databaseSize(history, HISTORY_ROWS, '1M, bulk-written history'),
      ];
    }
    log(`enqueue ${ENQUEUE_COUNT.toLocaleString('en')} one at a time…`);
    const enqueueFile = join(dir, 'enqueue.db');
    const results = benchEnqueue(enqueueFile);
    results.push(databaseSize(enqueueFile, ENQUEUE_COUNT, '20k, enqueued one by one'));
    log(`enqueue ${SERVICE_ENQUEUE_COUNT.toLocaleString('en')} through the queue service…`);
    results.push(...benchServiceEnqueue(join(dir, 'service-enqueue.db')));
    log(`writing a ${HISTORY_ROWS.toLocaleString('en')}-row history…`);
    const history = join(dir, 'history.db');
    const generated = generateHistory(history, HISTORY_ROWS);
    log(`  done in ${Math.round(generated.ms / 1000)} s; listing…`);
    results.push(...benchList(history, generated.catalogue));
    results.push(...benchOffsets(history, HISTORY_ROWS, generated.catalogue));
    results.push(benchOpen(history));
    results.push(databaseSize(history, HISTORY_ROWS, '1M, bulk-written history'));
    log(`writing a ${SMALL_HISTORY_ROWS.toLocaleString('en')}-row history for offset pages…`);
    const small = join(dir, 'history-100k.db');
    const smallHistory = generateHistory(small, SMALL_HISTORY_ROWS);
    results.push(...benchOffsets(small, SMALL_HISTORY_ROWS, smallHistory.catalogue));
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
