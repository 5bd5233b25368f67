import { MIN_DURATION_SEC } from '../../../shared/validation.js';
import { optionalMbid, optionalText, optionalTrackNumber } from './fields.js';
import { JsonArraySplitter, type JsonElement } from './json-array.js';
import { isObject, parseJsonObject, type JsonObject } from './json-row.js';
import { LineSplitter, MAX_LINE_CHARS } from './lines.js';
import type { RowParser } from './row-parser.js';
import { describeTrack, malformed, type ImportRow, type RowPosition } from './types.js';

// A ListenBrainz export. Today's export is a ZIP whose listens/<year>/<month>.jsonl files hold
// one listen per line (JSON Lines); older exports were one JSON array of listens. Both carry
// per listen `listened_at` (UTC seconds, when it started) and `track_metadata` with
// artist_name, track_name, release_name and additional_info.

export class ListenBrainzParser implements RowParser {
  /** Decided by the first non-blank character: "[" an array, anything else JSON Lines. */
  #shape: 'unknown' | 'array' | 'lines' = 'unknown';
  readonly #splitter = new JsonArraySplitter();
  readonly #lines = new LineSplitter();
  #lineNumber = 0;

  /** Blank text seen before the first character that decides the shape. */
  #blank = '';

  push(chunk: string): ImportRow[] {
    let text = chunk;
    if (this.#shape === 'unknown') {
      const first = /\S/.exec(chunk)?.[0];
      if (first === undefined) {
        if (this.#blank.length < MAX_LINE_CHARS) this.#blank += chunk;
        return [];
      }
      this.#shape = first === '[' ? 'array' : 'lines';
      text = this.#blank + chunk;
      this.#blank = '';
    }
    if (this.#shape === 'array') return this.#splitter.push(text).map(arrayRow);
    return this.#fromLines(this.#lines.push(text));
  }

  end(): ImportRow[] {
    if (this.#shape === 'unknown') return [];
    if (this.#shape === 'array') return this.#splitter.end().map(arrayRow);
    return this.#fromLines(this.#lines.end());
  }

  #fromLines(lines: readonly string[]): ImportRow[] {
    const out: ImportRow[] = [];
    for (const line of lines) {
      this.#lineNumber++;
      if (line.trim() === '') continue;
      const pos = { line: this.#lineNumber };
      const parsed = parseJsonObject(line, pos);
      out.push(parsed.ok ? listenRow(parsed.value, pos) : parsed.row);
    }
    return out;
  }
}

function arrayRow(element: JsonElement): ImportRow {
  const pos = { line: element.line, item: element.item };
  const parsed = parseJsonObject(element.text, pos);
  return parsed.ok ? listenRow(parsed.value, pos) : parsed.row;
}

export function listenRow(listen: JsonObject, pos: RowPosition): ImportRow {
  const startedAt = listenedAt(listen.listened_at);
  if (startedAt === undefined) {
    return malformed(pos, '"listened_at" should be the unix time the listen started.');
  }
  const meta = listen.track_metadata;
  if (!isObject(meta)) return malformed(pos, 'it has no "track_metadata".');
  const artist = optionalText(meta.artist_name);
  const track = optionalText(meta.track_name);
  if (!artist || !track) {
    return { ...pos, kind: 'skip', reason: 'no-track-info', what: describeTrack(artist, track) };
  }
  const info = isObject(meta.additional_info) ? meta.additional_info : {};
  const mapping = isObject(meta.mbid_mapping) ? meta.mbid_mapping : {};
  const duration = durationSeconds(info);
  if (duration !== undefined && duration < MIN_DURATION_SEC) {
    const what = `${describeTrack(artist, track)} (${duration} s long)`;
    return { ...pos, kind: 'skip', reason: 'too-short', what };
  }
  return {
    ...pos,
    kind: 'play',
    play: {
      artist,
      track,
      album: optionalText(meta.release_name),
      duration,
      trackNumber: optionalTrackNumber(info.tracknumber),
      mbid: optionalMbid(info.recording_mbid) ?? optionalMbid(mapping.recording_mbid),
      timestamp: startedAt,
    },
  };
}

function listenedAt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.floor(value);
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (Number.isFinite(ms) && ms > 0) return Math.floor(ms / 1000);
  }
  return undefined;
}

/** Seconds, from duration_ms or duration; a value that is not a positive number is left out. */
function durationSeconds(info: JsonObject): number | undefined {
  const ms = Number(info.duration_ms);
  if (info.duration_ms != null && Number.isFinite(ms) && ms > 0) return Math.round(ms / 1000);
  const s = Number(info.duration);
  if (info.duration != null && Number.isFinite(s) && s > 0) return Math.round(s);
  return undefined;
}
