import { MIN_DURATION_SEC } from '../../../shared/validation.js';
import { digits, optionalMbid, optionalText, optionalTrackNumber } from './fields.js';
import { LineSplitter } from './lines.js';
import type { RowParser } from './row-parser.js';
import {
  describeTrack,
  ImportFileError,
  malformed,
  type ImportRow,
  type ParseOptions,
} from './types.js';

// The portable player log (Audioscrobbler "Portable Player Logging", as Rockbox writes it):
//   #AUDIOSCROBBLER/1.1
//   #TZ/UTC            or #TZ/UNKNOWN (times are the device's local clock)
//   #CLIENT/Rockbox ...
//   artist \t album \t title \t track number \t duration s \t L|S \t start unix time \t MBID
// Album, track number and MBID may be empty. Other "#" lines are comments.

const FIELD_NAMES = 'artist, album, title, track number, duration, rating, time, MusicBrainz id';

export class ScrobblerLogParser implements RowParser {
  readonly #lines = new LineSplitter();
  readonly #options: ParseOptions;
  #lineNumber = 0;
  // Until a #TZ/UTC header says otherwise, times are taken as device-local: never guessed.
  #deviceLocal = true;

  constructor(options: ParseOptions = {}) {
    this.#options = options;
  }

  push(chunk: string): ImportRow[] {
    return this.#rows(this.#lines.push(chunk));
  }

  end(): ImportRow[] {
    const rows = this.#rows(this.#lines.end());
    if (this.#lineNumber === 0) throw new ImportFileError('The file is empty.');
    return rows;
  }

  #rows(lines: readonly string[]): ImportRow[] {
    const out: ImportRow[] = [];
    for (const line of lines) {
      this.#lineNumber++;
      if (this.#lineNumber === 1) {
        if (!/^#AUDIOSCROBBLER\/1\.[01]\b/.test(line.trim())) {
          throw new ImportFileError(
            `This is not a .scrobbler.log: its first line should be "#AUDIOSCROBBLER/1.1", not "${line.slice(0, 40)}".`,
          );
        }
        continue;
      }
      if (line.startsWith('#')) {
        if (line.startsWith('#TZ/')) this.#deviceLocal = line.trim() !== '#TZ/UTC';
        continue;
      }
      if (line.trim() === '') continue;
      out.push(parseRow(line, { line: this.#lineNumber }, this.#deviceLocal, this.#options));
    }
    return out;
  }
}

function parseRow(
  line: string,
  pos: { line: number },
  deviceLocal: boolean,
  options: ParseOptions,
): ImportRow {
  const fields = line.split('\t');
  if (fields.length < 7) {
    return malformed(
      pos,
      `expected 8 tab-separated fields (${FIELD_NAMES}), found ${fields.length}.`,
    );
  }
  const [artist = '', album, title = '', number, durationText = '', rating = '', timeText = ''] =
    fields;
  const mbid = fields[7];
  const what = () => describeTrack(artist, title);
  const duration = digits(durationText.trim());
  if (duration === undefined) {
    return malformed(pos, `the duration "${durationText}" is not a whole number of seconds.`);
  }
  const time = digits(timeText.trim());
  if (time === undefined) {
    return malformed(pos, `the time "${timeText}" is not a unix time in seconds.`);
  }
  const mark = rating.trim().toUpperCase();
  if (mark !== 'L' && mark !== 'S') {
    return malformed(pos, `the rating is "${rating}"; expected L (listened) or S (skipped).`);
  }
  if (mark === 'S') return { ...pos, kind: 'skip', reason: 'skipped-on-device', what: what() };
  if (time === 0) return { ...pos, kind: 'skip', reason: 'no-time', what: what() };
  if (duration < MIN_DURATION_SEC) {
    return { ...pos, kind: 'skip', reason: 'too-short', what: `${what()} (${duration} s long)` };
  }
  let timestamp = time;
  if (deviceLocal) {
    if (options.utcOffsetMinutes === undefined) {
      return { ...pos, kind: 'skip', reason: 'needs-utc-offset', what: what() };
    }
    // The device wrote its wall clock as if it were UTC: take the offset back out.
    timestamp = time - options.utcOffsetMinutes * 60;
  }
  return {
    ...pos,
    kind: 'play',
    play: {
      artist: artist.trim(),
      track: title.trim(),
      album: optionalText(album),
      duration,
      trackNumber: optionalTrackNumber(number),
      mbid: optionalMbid(mbid),
      timestamp,
    },
  };
}
