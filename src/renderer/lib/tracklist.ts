import { parseDuration } from './duration.js';

// Turns a pasted tracklist into tracks. People paste from record sleeves and from the pages
// they have open, and each site copies differently:
//   plain lines     "1. Artist - Title (3:45)", "A1 Title 3:45", "Title [3:45]"
//   table rows      cells split by tabs: Wikipedia (`1.\t"Airbag"\tYorke\t4:44`), Discogs
//                   (`A1\t\tSpeak to Me\t1:13`)
//   one cell a line Spotify and Apple Music (`1`, `Airbag`, `Radiohead`, `4:47`) and Bandcamp
//                   (`1.`, `Airbag 04:44`, `lyrics`, `buy track`)
// Whatever the shape, each track ends up as number, title, maybe artist, maybe length; page
// furniture (headers, "Total length", "buy track", explicit marks) is dropped.

export interface TracklistLine {
  /** 1-based line in the pasted text where the track starts, for messages. */
  line: number;
  /** The number printed before the title, when there was one. */
  trackNumber?: number;
  /** Set only when the paste named an artist for this track. */
  artist?: string;
  title: string;
  /** Length in seconds, when the paste gave one. */
  duration?: number;
}

interface SourceLine {
  text: string;
  line: number;
}

// A number with punctuation ("1." "01)" "3 -") is always a track number.
const NUMBER_WITH_MARK = /^(?:[A-H])?(\d{1,3})\s*[.)\]:-]\s+/i;
// A bare number ("01 Title") could be part of a title ("99 Luftballons"), so it counts only
// when every line of the list starts with one.
const BARE_NUMBER = /^(?:[A-H])?(\d{1,3})\s+(?=\S)/i;
// A cell or line that is nothing but a track number: "1", "01.", "A1", "B2".
const NUMBER_ONLY = /^(?:[A-H])?(\d{1,3})\.?$/i;
const DURATION_ONLY = /^[([]?((?:\d{1,2}:)?\d{1,3}:[0-5]\d)[)\]]?$/;
const TRAILING_DURATION = /(?:^|\s+|\s*[-–—|]\s*)[([]?((?:\d{1,2}:)?\d{1,3}:[0-5]\d)[)\]]?\s*$/;
// Dashes with spaces around them split artist from title; "Jay-Z" or "Re-Make" do not.
const ARTIST_SEPARATOR = /\s+[-–—]\s+/;
// What follows a dash when the dash belongs to the title: "Come Together - Remastered 2009",
// "Heroes - 2017 Remaster", "Airbag - Live", "Yesterday - Mono Version".
const VERSION_SUFFIX =
  /^(?:\d{4}\s+)?(?:re-?master(?:ed)?|live\b|mono\b|stereo\b|single\b|radio\b|album\b|extended\b|original\b|edit\b|demo\b|acoustic\b|instrumental\b|bonus\b|remix\b|mix\b|version\b|take\b|session\b|deluxe\b|anniversary\b|bbc\b|unplugged\b|from\b|recorded\b|early\b|alternate\b|alt\.?\s|outtake\b|rehearsal\b|\d{4}\s+(?:mix|version|edit|remaster))/i;

// Page furniture, compared case-insensitively with the whole trimmed line.
const NOISE = new Set([
  'lyrics',
  'buy track',
  'video',
  'info',
  'e',
  'explicit',
  'preview',
  'play',
  'more',
  'share',
  'credits',
  'popular',
  '▶',
  '▶︎',
  '•',
  '-',
]);
const NOISE_PATTERNS = [
  /^(?:no\.?|#)\s+title\b/i, // table headers: "No. Title Writer(s) Length", "# Title"
  /^title(?:\s+(?:writer|artist|length|time|duration)\S*)+\s*$/i,
  /^total\s+(?:length|time|duration)\b/i,
  /^(?:side|disc|disk|cd)\s+(?:\w+)(?:\s*[:–—-].*)?$/i, // "Side one", "Disc 2", "CD1 – Live"
  /^\d+\s+(?:songs?|tracks?)\b/i, // "12 songs, 53 minutes"
  // Discogs credit lines under a track: "Written-By – Thom Yorke", "Featuring – Jay-Z".
  /^(?:written[- ]by|lyrics[- ]by|music[- ]by|words[- ]by|composed[- ]by|producer|produced[- ]by|featuring|vocals|backing vocals|guitar|bass|drums|keyboards|mixed[- ]by|engineer|arranged[- ]by|remix|co-producer|programmed[- ]by|performer)\s+[–—-]\s+/i,
  /^(?:℗|©)/, // label lines at the foot of an album page
];

function isNoise(text: string): boolean {
  const t = text.trim();
  return NOISE.has(t.toLowerCase()) || NOISE_PATTERNS.some((p) => p.test(t));
}

export function parseTracklist(text: string): TracklistLine[] {
  const lines: SourceLine[] = text
    .split(/\r?\n/)
    .map((raw, i) => ({ text: raw.replace(/\u00a0/g, ' ').trimEnd(), line: i + 1 }))
    .filter((l) => l.text.trim() !== '' && !isNoise(l.text));
  if (isOneCellALine(lines)) return fromRecords(lines);
  const allNumbered = lines.length > 1 && lines.every((l) => BARE_NUMBER.test(l.text.trim()));
  const tracks: TracklistLine[] = [];
  for (const l of lines) {
    const trimmed = l.text.trim();
    // A length on a line of its own belongs to the track above it ("Airbag" / "4:44").
    const last = tracks.at(-1);
    if (last && last.duration === undefined && DURATION_ONLY.test(trimmed)) {
      last.duration = secondsOf(trimmed);
      continue;
    }
    tracks.push(hasCells(l.text) ? parseRow(l) : parseLine(trimmed, l.line, allNumbered));
  }
  return tracks.filter((t) => t.title !== '');
}

function hasCells(text: string): boolean {
  return text.trim().includes('\t');
}

/**
 * Spotify, Apple Music and Bandcamp copy one cell a line, the track number on a line of its
 * own. Seen as such when several lines are bare numbers and they open most tracks.
 */
function isOneCellALine(lines: readonly SourceLine[]): boolean {
  const numberLines = lines.filter((l) => NUMBER_ONLY.test(l.text.trim())).length;
  if (numberLines < 2) return false;
  if (!NUMBER_ONLY.test(lines[0]?.text.trim() ?? '')) return false;
  // Each record has the number plus at least a title: numbers are at most half the lines.
  return numberLines * 2 <= lines.length;
}

function fromRecords(lines: readonly SourceLine[]): TracklistLine[] {
  const records: { number: SourceLine; cells: string[] }[] = [];
  for (const l of lines) {
    const t = l.text.trim();
    if (NUMBER_ONLY.test(t)) records.push({ number: l, cells: [] });
    else records.at(-1)?.cells.push(...t.split('\t').map((c) => c.trim()));
  }
  const parsed = records.map(({ number, cells }) => {
    const track: TracklistLine = {
      line: number.line,
      trackNumber: Number(NUMBER_ONLY.exec(number.text.trim())?.[1]),
      title: '',
    };
    const texts: string[] = [];
    for (const cell of cells.filter((c) => c !== '' && !isNoise(c))) {
      if (DURATION_ONLY.test(cell) && track.duration === undefined) {
        track.duration = secondsOf(cell);
      } else if (!/^[\d,.]+$/.test(cell)) {
        // (play counts are numbers too: "1,234,567")
        texts.push(cell);
      }
    }
    const [titleText = '', artistText] = texts;
    const titled = parseTitleText(stripTrailingDuration(titleText, track));
    track.title = titled.title;
    if (titled.artist) track.artist = titled.artist;
    if (artistText !== undefined) track.artist = artistText;
    return track;
  });
  return splitFeatured(parsed).filter((t) => t.title !== '');
}

/**
 * Spotify lists every artist of a track ("Rihanna, JAY-Z"). Where most tracks share a main
 * artist, the others on a track are featured guests: "Umbrella (feat. JAY-Z)" by Rihanna, as
 * Last.fm writes it. A band whose name has a comma is left alone, since it leads every track.
 */
function splitFeatured(tracks: TracklistLine[]): TracklistLine[] {
  const main = mainArtist(tracks);
  if (!main) return tracks;
  return tracks.map((t) => {
    if (!t.artist || t.artist === main || !t.artist.startsWith(`${main}, `)) return t;
    const guests = t.artist.slice(main.length + 2);
    const title = /\b(?:feat\.?|ft\.|featuring)\s/i.test(t.title)
      ? t.title
      : `${t.title} (feat. ${guests.replace(/, ([^,]+)$/, ' & $1')})`;
    return { ...t, artist: main, title };
  });
}

/**
 * The artist most tracks are by: the most common artist cell when one leads outright (which
 * keeps a comma band such as "Crosby, Stills, Nash & Young" whole), else the most common first
 * name in the cells ("JAY-Z" of "JAY-Z, Rihanna" / "JAY-Z" / "JAY-Z, Alicia Keys").
 */
function mainArtist(tracks: readonly TracklistLine[]): string | undefined {
  const top = (names: (string | undefined)[]) => {
    const counts = new Map<string, number>();
    for (const n of names) if (n) counts.set(n, (counts.get(n) ?? 0) + 1);
    const [first, second] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    return first && first[1] > 1 && first[1] > (second?.[1] ?? 0) ? first[0] : undefined;
  };
  return top(tracks.map((t) => t.artist)) ?? top(tracks.map((t) => t.artist?.split(', ')[0]));
}

/** A table row copied with its cells: number, title (maybe quoted), credits, length. */
function parseRow(source: SourceLine): TracklistLine {
  const cells = source.text
    .split('\t')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const track: TracklistLine = { line: source.line, title: '' };
  const first = NUMBER_ONLY.exec(cells[0] ?? '');
  const marked = first ? null : NUMBER_WITH_MARK.exec(cells[0] ?? '');
  if (first) {
    track.trackNumber = Number(first[1]);
    cells.shift();
  } else if (marked) {
    track.trackNumber = Number(marked[1]);
    cells[0] = (cells[0] ?? '').slice(marked[0].length);
  }
  const lastCell = cells.at(-1);
  if (lastCell !== undefined && DURATION_ONLY.test(lastCell)) {
    track.duration = secondsOf(lastCell);
    cells.pop();
  }
  // Wikipedia quotes the title and puts writers and producers in the other cells.
  const quoted = cells.find((c) => QUOTED.test(c));
  const text = quoted ?? cells.filter((c) => c !== '–' && c !== '-').join(' – ');
  const titled = parseTitleText(stripTrailingDuration(text, track));
  track.title = titled.title;
  if (titled.artist) track.artist = titled.artist;
  return track;
}

function parseLine(raw: string, line: number, allNumbered: boolean): TracklistLine {
  let rest = raw;
  const parsed: TracklistLine = { line, title: '' };

  const numbered = NUMBER_WITH_MARK.exec(rest) ?? (allNumbered ? BARE_NUMBER.exec(rest) : null);
  if (numbered) {
    parsed.trackNumber = Number(numbered[1]);
    rest = rest.slice(numbered[0].length);
  }
  const titled = parseTitleText(stripTrailingDuration(rest, parsed));
  parsed.title = titled.title;
  if (titled.artist) parsed.artist = titled.artist;
  return parsed;
}

/** Takes a trailing length off the text into `track.duration`; a line that is only a time stays. */
function stripTrailingDuration(text: string, track: TracklistLine): string {
  const timed = TRAILING_DURATION.exec(text);
  if (!timed || timed.index === 0 || track.duration !== undefined) return text;
  const seconds = secondsOf(timed[1] ?? '');
  if (seconds === undefined) return text;
  track.duration = seconds;
  return text.slice(0, timed.index);
}

// "Airbag", “Airbag” or 'Airbag', maybe with a note after it: "Umbrella" (featuring Jay-Z).
const QUOTED = /^["“”„'‘’](.+?)["“”'‘’](\s.*)?$/;

/** "Artist - Title", a quoted title, a version suffix after a dash, "featuring" notes. */
function parseTitleText(text: string): { artist?: string; title: string } {
  const rest = text.trim();
  const quoted = QUOTED.exec(rest);
  if (quoted) return { title: normalizeFeaturing(`${quoted[1]}${quoted[2] ?? ''}`.trim()) };
  const split = ARTIST_SEPARATOR.exec(rest);
  if (split) {
    const left = rest.slice(0, split.index).trim();
    const right = rest.slice(split.index + split[0].length).trim();
    if (VERSION_SUFFIX.test(right)) return { title: normalizeFeaturing(rest) };
    const inner = QUOTED.exec(right);
    const title = inner ? `${inner[1]}${inner[2] ?? ''}`.trim() : right;
    if (left !== '' && title !== '') return { artist: left, title: normalizeFeaturing(title) };
  }
  return { title: normalizeFeaturing(rest) };
}

/** Wikipedia's "(featuring Jay-Z)" as Last.fm writes it: "(feat. Jay-Z)". */
function normalizeFeaturing(title: string): string {
  return title.replace(/([([])\s*featuring\s+/gi, '$1feat. ');
}

function secondsOf(text: string): number | undefined {
  const clock = DURATION_ONLY.exec(text.trim())?.[1] ?? text.trim();
  const duration = parseDuration(clock);
  return duration.ok ? duration.seconds : undefined;
}

/** A track of a looked-up album, as the catalogue gives it. */
export interface KnownTrack {
  position: number;
  title: string;
  artist: string;
  /** Seconds, or null when the service does not know. */
  duration: number | null;
}

/**
 * A looked-up album as tracklist text the user can still edit: "1. Airbag (4:44)", with the
 * artist in front ("2. Jay-Z - Umbrella") only where it differs from the album's, or where the
 * title itself has a spaced dash that would otherwise read as "Artist - Title".
 * parseTracklist() reads it back to the same tracks.
 */
export function tracklistText(albumArtist: string, tracks: readonly KnownTrack[]): string {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  return tracks
    .map((t) => {
      const named = !same(t.artist, albumArtist) || ARTIST_SEPARATOR.test(t.title);
      const length = t.duration === null ? '' : ` (${formatSeconds(t.duration)})`;
      return `${t.position}. ${named ? `${t.artist} - ` : ''}${t.title}${length}`;
    })
    .join('\n');
}

function formatSeconds(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
