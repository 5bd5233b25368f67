import Database from 'better-sqlite3';
import { ScrobbleStore } from '../src/main/queue/storage/store.js';
import { dropSearchTriggers, rebuildSearchIndex } from '../src/main/queue/history/search-schema.js';
import { seededRandom } from './measure.js';

// Data for the history bench: made-up names, and a history of a million plays written
// straight into the table in one transaction (the store's API takes minutes for that many).

/** Made-up but varied names, so cells have realistic lengths (and some get ellipsised). */
export function namePool(random: () => number, count: number, maxWords: number): string[] {
  const words = `the of and love night blue black dance song girl boy away home rain sun moon
    star city road gold red wild lost young high down little last good new old heart fire light
    dream world river ocean silver glass paper summer winter echo velvet neon ghost electric
    kingdom garden machine orchestra brothers sisters society club quartet`.split(/\s+/);
  const title = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  return Array.from({ length: count }, (_, i) => {
    const n = 1 + Math.floor(random() * maxWords);
    const name = Array.from({ length: n }, () =>
      title(words[Math.floor(random() * words.length)]!),
    );
    return `${name.join(' ')} ${i}`;
  });
}

/** The oldest play of the bulk history: the last row of History, newest first. */
export const OLDEST_PLAY = { artist: 'The Oldest Artist', track: 'The Very First Scrobble' };

/**
 * `rows` accepted Last.fm plays, newest about a minute ago and one every 3 minutes before (a
 * million go back about 5.7 years); the oldest is OLDEST_PLAY. Written with one prepared
 * INSERT in one transaction, with the search index's row triggers off and the index then built
 * set by set, as the schema upgrade does (far faster than a trigger per row). The per-state
 * counts the list totals come from are kept by their trigger as usual.
 */
export function bulkHistory(file: string, rows: number): { ms: number } {
  const start = performance.now();
  ScrobbleStore.open(file).close(); // the schema
  const random = seededRandom(7);
  const artists = namePool(random, 2_000, 3);
  const albums = namePool(random, 8_000, 4);
  const tracks = namePool(random, 30_000, 5);
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)]!;
  const nowSec = Math.floor(Date.now() / 1000);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const insert = db.prepare(
      `INSERT INTO scrobbles (target, artist, track, album, duration, timestamp, source,
         created_at, state, resolved_at, recorded_artist, recorded_track, recorded_album,
         recorded_album_artist, corrected)
       VALUES ('lastfm', ?, ?, ?, ?, ?, 'bench', ?, 'accepted', ?, ?, ?, ?, '', 0)`,
    );
    db.transaction(() => {
      dropSearchTriggers(db);
      // Oldest first, as a history grows.
      for (let i = rows - 1; i >= 0; i--) {
        const play = i === rows - 1 ? OLDEST_PLAY : { artist: pick(artists), track: pick(tracks) };
        const album = pick(albums);
        const timestamp = nowSec - 60 - i * 180;
        insert.run(
          play.artist,
          play.track,
          album,
          150 + (i % 250),
          timestamp,
          timestamp * 1000,
          timestamp * 1000 + 5_000,
          play.artist,
          play.track,
          album,
        );
      }
      rebuildSearchIndex(db);
    })();
  } finally {
    db.close();
  }
  return { ms: performance.now() - start };
}
