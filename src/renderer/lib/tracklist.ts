import { parseDuration } from './duration.js';

// Turns a pasted tracklist into tracks. One track per line, as found on record sleeves,
// Discogs, Bandcamp or Wikipedia: "Artist - Title" or "Title", an optional length at the end
// ("3:45", "(3:45)", "[3:45]") and an optional leading track number ("1.", "01 ", "1)", "A1").

export interface TracklistLine {
  /** 1-based line in the pasted text, for messages. */
  line: number;
  /** The number printed before the title, when there was one. */
  trackNumber?: number;
  /** Set only when the line named an artist ("Artist - Title"). */
  artist?: string;
  title: string;
  /** Length in seconds, when the line gave one. */
  duration?: number;
}

// A number with punctuation ("1." "01)" "3 -") is always a track number.
const NUMBER_WITH_MARK = /^(?:[A-H])?(\d{1,3})\s*[.)\]:-]\s+/i;
// A bare number ("01 Title") could be part of a title ("99 Luftballons"), so it counts only
// when every line of the list starts with one.
const BARE_NUMBER = /^(?:[A-H])?(\d{1,3})\s+(?=\S)/i;
const TRAILING_DURATION = /(?:^|\s+|\s*[-–—|]\s*)[([]?((?:\d{1,2}:)?\d{1,3}:[0-5]\d)[)\]]?\s*$/;
// Dashes with spaces around them split artist from title; "Jay-Z" or "Re-Make" do not.
const ARTIST_SEPARATOR = /\s+[-–—]\s+/;

export function parseTracklist(text: string): TracklistLine[] {
  const lines = text
    .split(/\r?\n/)
    .map((raw, i) => ({ raw: raw.replace(/\t+/g, ' ').trim(), line: i + 1 }))
    .filter((l) => l.raw !== '');
  const allNumbered = lines.length > 1 && lines.every((l) => BARE_NUMBER.test(l.raw));
  return lines.map(({ raw, line }) => parseLine(raw, line, allNumbered));
}

function parseLine(raw: string, line: number, allNumbered: boolean): TracklistLine {
  let rest = raw;
  const parsed: TracklistLine = { line, title: '' };

  const numbered = NUMBER_WITH_MARK.exec(rest) ?? (allNumbered ? BARE_NUMBER.exec(rest) : null);
  if (numbered) {
    parsed.trackNumber = Number(numbered[1]);
    rest = rest.slice(numbered[0].length);
  }

  const timed = TRAILING_DURATION.exec(rest);
  if (timed && timed.index > 0) {
    const duration = parseDuration(timed[1] ?? '');
    if (duration.ok && duration.seconds !== undefined) {
      parsed.duration = duration.seconds;
      rest = rest.slice(0, timed.index);
    }
  }

  const split = ARTIST_SEPARATOR.exec(rest);
  if (split) {
    parsed.artist = rest.slice(0, split.index).trim();
    parsed.title = rest.slice(split.index + split[0].length).trim();
  } else {
    parsed.title = rest.trim();
  }
  return parsed;
}
