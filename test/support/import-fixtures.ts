import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

// Synthetic listening histories for the import tests and benchmark: files of any size,
// written piece by piece (never built as one string), reproducible from a seed. Each
// generator also returns what it wrote, counted as it went, so a test can compare an import
// against the generator's own record rather than against numbers typed into the test.

export interface SyntheticHistory {
  /** Plays that should import: long enough, music, not private. */
  music: number;
  /** Plays under 30 s. */
  short: number;
  podcasts: number;
  private: number;
  /** Rows repeating an earlier play exactly. */
  duplicates: number;
  rows: number;
}

export interface SyntheticOptions {
  count: number;
  seed?: number;
  /** Newest play's end, unix seconds; plays spread back over `spanDays`. */
  endSec: number;
  spanDays?: number;
  /** Indent objects like Spotify's download does (bigger file); default true. */
  pretty?: boolean;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function catalogue(next: () => number) {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'su', 'ra', 'to', 'vi', 'de', 'an', 'el', 'or'];
  const word = () =>
    Array.from(
      { length: 2 + Math.floor(next() * 3) },
      () => syllables[Math.floor(next() * syllables.length)],
    ).join('');
  const title = (words: number) =>
    Array.from({ length: words }, () => {
      const w = word();
      return w.charAt(0).toUpperCase() + w.slice(1);
    }).join(' ');
  const artists = Array.from({ length: 800 }, () => title(1 + Math.floor(next() * 2)));
  const albums = Array.from({ length: 2500 }, () => title(1 + Math.floor(next() * 3)));
  const tracks = Array.from({ length: 9000 }, () => title(1 + Math.floor(next() * 4)));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return { artists, albums, tracks, pick };
}

/** Writes pieces to a file, waiting when the stream's buffer is full. */
async function writePieces(path: string, pieces: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const piece of pieces) {
    if (!out.write(piece)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface SpotifyRow {
  [key: string]: string | number | boolean | null;
}

/**
 * The rows of a synthetic Spotify extended streaming history, oldest first, with roughly
 * 15% short plays, 3% podcast episodes, 1% private-session plays and 0.5% exact repeats.
 */
export function* spotifyRows(
  options: SyntheticOptions,
  tally: SyntheticHistory,
): Generator<SpotifyRow> {
  const next = random(options.seed ?? 1);
  const names = catalogue(next);
  const spanSec = (options.spanDays ?? 365) * 86400;
  const step = spanSec / options.count;
  // Only a music play is repeated, so every repeat is a "duplicate", never a short play.
  let previous: SpotifyRow | undefined;
  for (let i = 0; i < options.count; i++) {
    const roll = next();
    if (previous && roll < 0.005) {
      tally.duplicates++;
      tally.rows++;
      yield previous;
      continue;
    }
    const endedAt = Math.round(options.endSec - spanSec + i * step + next() * step * 0.5);
    const base: SpotifyRow = {
      ts: new Date(endedAt * 1000).toISOString().replace('.000Z', 'Z'),
      platform: 'linux',
      ms_played: 0,
      conn_country: 'DE',
      ip_addr: '192.0.2.1',
      master_metadata_track_name: null,
      master_metadata_album_artist_name: null,
      master_metadata_album_album_name: null,
      spotify_track_uri: null,
      episode_name: null,
      episode_show_name: null,
      spotify_episode_uri: null,
      reason_start: 'trackdone',
      reason_end: 'trackdone',
      shuffle: next() < 0.3,
      skipped: false,
      offline: false,
      offline_timestamp: null,
      incognito_mode: false,
    };
    let row: SpotifyRow;
    if (roll < 0.035) {
      tally.podcasts++;
      row = {
        ...base,
        ms_played: 600_000 + Math.floor(next() * 1_800_000),
        episode_name: `Episode ${i}`,
        episode_show_name: names.pick(names.albums),
        spotify_episode_uri: `spotify:episode:${i.toString(36).padStart(22, '0')}`,
      };
    } else {
      const short = roll < 0.185;
      const incognito = !short && roll < 0.195;
      if (short) tally.short++;
      else if (incognito) tally.private++;
      else tally.music++;
      const music = !short && !incognito;
      row = {
        ...base,
        ms_played: short ? Math.floor(next() * 29_000) : 30_000 + Math.floor(next() * 300_000),
        master_metadata_track_name: names.pick(names.tracks),
        master_metadata_album_artist_name: names.pick(names.artists),
        master_metadata_album_album_name: names.pick(names.albums),
        spotify_track_uri: `spotify:track:${(i * 7919).toString(36).padStart(22, '0')}`,
        skipped: short,
        reason_end: short ? 'fwdbtn' : 'trackdone',
        incognito_mode: incognito,
      };
      if (music) previous = row;
    }
    tally.rows++;
    yield row;
  }
}

function emptyTally(): SyntheticHistory {
  return { music: 0, short: 0, podcasts: 0, private: 0, duplicates: 0, rows: 0 };
}

function* spotifyPieces(options: SyntheticOptions, tally: SyntheticHistory): Generator<string> {
  const pretty = options.pretty ?? true;
  yield '[';
  let first = true;
  for (const row of spotifyRows(options, tally)) {
    const text = pretty
      ? JSON.stringify(row, null, 4).replace(/\n/g, '\n    ')
      : JSON.stringify(row);
    yield `${first ? '' : ','}\n    ${text}`;
    first = false;
  }
  yield '\n]\n';
}

export async function writeSpotifyHistory(
  path: string,
  options: SyntheticOptions,
): Promise<SyntheticHistory> {
  const tally = emptyTally();
  await writePieces(path, spotifyPieces(options, tally));
  return tally;
}

/** The same plays as a ListenBrainz JSON Lines export (podcasts and private plays dropped). */
export async function writeListenBrainzJsonl(
  path: string,
  options: SyntheticOptions,
): Promise<SyntheticHistory> {
  const tally = emptyTally();
  function* pieces(): Generator<string> {
    for (const row of spotifyRows(options, tally)) {
      // ListenBrainz only has what a scrobbler sent: music, played 30 s or more.
      if (!row.master_metadata_track_name || row.incognito_mode) continue;
      if (Number(row.ms_played) < 30_000) continue;
      const endedMs = Date.parse(String(row.ts));
      const listen = {
        listened_at: Math.floor((endedMs - Number(row.ms_played)) / 1000),
        recording_msid: '00000000-0000-4000-8000-000000000000',
        track_metadata: {
          artist_name: row.master_metadata_album_artist_name,
          track_name: row.master_metadata_track_name,
          release_name: row.master_metadata_album_album_name,
          additional_info: { duration_ms: 240_000, submission_client: 'synthetic' },
        },
      };
      yield `${JSON.stringify(listen)}\n`;
    }
  }
  await writePieces(path, pieces());
  return tally;
}

/** A Rockbox `.scrobbler.log` (#TZ/UTC) of `count` rows: 10% skipped (S), the rest listened. */
export async function writeScrobblerLog(
  path: string,
  options: SyntheticOptions,
): Promise<{ listened: number; skipped: number }> {
  const next = random(options.seed ?? 1);
  const names = catalogue(next);
  const spanSec = (options.spanDays ?? 365) * 86400;
  const counts = { listened: 0, skipped: 0 };
  function* pieces(): Generator<string> {
    yield '#AUDIOSCROBBLER/1.1\n#TZ/UTC\n#CLIENT/Rockbox sansaclipplus $Revision$\n';
    for (let i = 0; i < options.count; i++) {
      const skipped = next() < 0.1;
      if (skipped) counts.skipped++;
      else counts.listened++;
      const start = Math.round(options.endSec - spanSec + (i * spanSec) / options.count);
      const fields = [
        names.pick(names.artists),
        names.pick(names.albums),
        names.pick(names.tracks),
        String(1 + Math.floor(next() * 12)),
        String(60 + Math.floor(next() * 400)),
        skipped ? 'S' : 'L',
        String(start),
        '',
      ];
      yield `${fields.join('\t')}\n`;
    }
  }
  await writePieces(path, pieces());
  return counts;
}
