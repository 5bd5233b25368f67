import { MIN_DURATION_SEC } from '../../../shared/validation.js';
import { optionalText } from './fields.js';
import { JsonArraySplitter, type JsonElement } from './json-array.js';
import { isObject, parseJsonObject, type JsonObject } from './json-row.js';
import type { RowParser } from './row-parser.js';
import { describeTrack, malformed, type ImportRow, type RowPosition } from './types.js';

// Spotify's "Extended streaming history" (Streaming_History_Audio_*.json): one JSON array of
// plays. `ts` is when the play ENDED (UTC); it started ms_played earlier. Spotify gives no
// track length, so the only play-time rule it can meet is "at least 30 s played".

export class SpotifyHistoryParser implements RowParser {
  readonly #splitter = new JsonArraySplitter();

  push(chunk: string): ImportRow[] {
    return elementRows(this.#splitter.push(chunk));
  }

  end(): ImportRow[] {
    return elementRows(this.#splitter.end());
  }
}

/**
 * One JSON.parse for all the elements a chunk completed (about 350 of Spotify's), which costs
 * less than 350 calls; if any is damaged, each is parsed on its own to name the bad one.
 */
function elementRows(elements: JsonElement[]): ImportRow[] {
  if (elements.length > 1) {
    let values: unknown;
    try {
      values = JSON.parse(`[${elements.map((e) => e.text).join(',')}]`);
    } catch {
      values = undefined;
    }
    if (Array.isArray(values) && values.length === elements.length) {
      return elements.map((element, i) => {
        const value: unknown = values[i];
        const pos = { line: element.line, item: element.item };
        return isObject(value)
          ? spotifyRow(value, pos)
          : malformed(pos, 'expected a JSON object for one play.');
      });
    }
  }
  return elements.map(elementRow);
}

function elementRow(element: JsonElement): ImportRow {
  const pos = { line: element.line, item: element.item };
  const parsed = parseJsonObject(element.text, pos);
  return parsed.ok ? spotifyRow(parsed.value, pos) : parsed.row;
}

export function spotifyRow(row: JsonObject, pos: RowPosition): ImportRow {
  const ts = row.ts;
  const endedAt = typeof ts === 'string' ? Date.parse(ts) : Number.NaN;
  if (!Number.isFinite(endedAt)) {
    return malformed(pos, `"ts" should be the time the play ended, like "2024-05-01T18:03:12Z".`);
  }
  const msPlayed = row.ms_played;
  if (typeof msPlayed !== 'number' || !Number.isFinite(msPlayed) || msPlayed < 0) {
    return malformed(pos, '"ms_played" should be the milliseconds played, a number.');
  }
  const artist = optionalText(row.master_metadata_album_artist_name);
  const track = optionalText(row.master_metadata_track_name);
  const what = () => describeTrack(artist, track);
  if (row.incognito_mode === true) {
    return { ...pos, kind: 'skip', reason: 'private-session', what: what() };
  }
  const episode = optionalText(row.episode_name) ?? optionalText(row.audiobook_title);
  if (episode || optionalText(row.spotify_episode_uri) || optionalText(row.audiobook_uri)) {
    const show = optionalText(row.episode_show_name) ?? optionalText(row.audiobook_title);
    const name = [show, optionalText(row.episode_name)].filter(Boolean).join(' – ');
    return { ...pos, kind: 'skip', reason: 'podcast', what: name || '(episode)' };
  }
  if (!artist || !track) return { ...pos, kind: 'skip', reason: 'no-track-info', what: what() };
  if (msPlayed < MIN_DURATION_SEC * 1000) {
    const seconds = Math.floor(msPlayed / 1000);
    return { ...pos, kind: 'skip', reason: 'too-short', what: `${what()} (played ${seconds} s)` };
  }
  return {
    ...pos,
    kind: 'play',
    play: {
      artist,
      track,
      album: optionalText(row.master_metadata_album_album_name),
      timestamp: Math.floor((endedAt - msPlayed) / 1000),
    },
  };
}
