// Artist and track from a video's title and channel, the way browsers report YouTube (and
// similar sites) to the OS: the title as the page shows it, the channel as the "artist".
// Pure and conservative: it strips decorations people never scrobble ("(Official Video)",
// "[HD]", "| Lyrics"), finds the artist/title split, and keeps featured artists as
// "Title (feat. X)", the form Last.fm's catalogue uses.

export interface VideoTrack {
  artist: string;
  track: string;
  /** Featured artists found anywhere in the title, in order (also appended to `track`). */
  featured: string[];
}

// Words that make a bracketed part (or a trailing "| ..." part) pure decoration.
const NOISE_WORDS =
  /\b(official|video|videoclip|clip|audio|lyrics?|lyric video|visuali[sz]er|hd|hq|4k|1080p|720p|mv|m\/v|music video|explicit|clean|full song|letra|legendado|subtitulado|color coded|sub español|with lyrics|audio only|animated video|performance video|promo|premiere)\b/i;

const BRACKETS: [string, string][] = [
  ['(', ')'],
  ['[', ']'],
  ['【', '】'],
  ['（', '）'],
];

const SEPARATORS = [' - ', ' – ', ' — ', ' -- ', ' ~ ', ' | ', ' // ', ' _ ', ' : '];
const FEAT = /\s*[([]?\b(?:feat\.?|ft\.?|featuring)\s+([^)\]]+?)[)\]]?(?=$|\s[-–—|([])/i;

/** Parses `title` (and `channel`, the uploader) into artist and track, or null if hopeless. */
export function parseVideoTitle(title: string, channel?: string | null): VideoTrack | null {
  let text = clean(title);
  if (!text) return null;
  const uploader = channel ? clean(channel) : '';

  text = stripNoise(text);

  let artist: string | null = null;
  let track: string | null = null;

  // Artist「Title」 / Artist『Title』 (Japanese releases).
  const corner = /^(.+?)\s*[「『](.+?)[」』]\s*(.*)$/.exec(text);
  if (corner) {
    artist = corner[1] ?? '';
    track = corner[2] ?? '';
  }

  if (!track) {
    const split = splitOnSeparator(text);
    if (split) [artist, track] = split;
  }

  // Artist "Title"  (quoted title after the artist).
  if (!track) {
    const quoted = /^(.+?)\s+["“'‘](.+?)["”'’]\s*(.*)$/.exec(text);
    if (quoted) {
      artist = quoted[1] ?? '';
      track = quoted[2] ?? '';
    }
  }

  // "Title by Artist".
  if (!track) {
    const by = /^(.+?)\s+by\s+(.+)$/i.exec(text);
    if (by && !/\bby\b/i.test(by[2] ?? '')) {
      track = by[1] ?? '';
      artist = by[2] ?? '';
    }
  }

  if (!track) {
    track = text;
    artist = channelArtist(uploader);
  }
  if (!artist) return null;

  // Featured artists: from the artist part and the title, kept once, on the title.
  const featured: string[] = [];
  const takeFeat = (part: string): string => {
    const m = FEAT.exec(part);
    if (!m) return part;
    for (const name of (m[1] ?? '').split(/\s*(?:,|&| and | x )\s*/i)) {
      const n = name.trim();
      if (n && !featured.some((f) => f.toLowerCase() === n.toLowerCase())) featured.push(n);
    }
    return (part.slice(0, m.index) + part.slice(m.index + m[0].length)).trim();
  };
  artist = tidy(takeFeat(artist));
  track = tidy(unquote(takeFeat(track)));
  if (!artist || !track) return null;
  if (featured.length > 0) track = `${track} (feat. ${featured.join(', ')})`;
  return { artist, track, featured };
}

/** The artist a channel name stands for: "Adele - Topic" -> Adele, "AdeleVEVO" -> Adele. */
export function channelArtist(channel: string): string | null {
  let name = clean(channel);
  if (!name) return null;
  name = name.replace(/\s+-\s+Topic$/i, '');
  const vevo = /^(.+?)\s*VEVO$/i.exec(name);
  if (vevo) name = (vevo[1] ?? '').replace(/([a-z])([A-Z])/g, '$1 $2');
  name = name.replace(/\s*\(?official( artist)?( channel)?\)?$/i, '').trim();
  return name || null;
}

function splitOnSeparator(text: string): [string, string] | null {
  for (const sep of SEPARATORS) {
    const at = text.indexOf(sep);
    if (at > 0) {
      const left = text.slice(0, at).trim();
      const right = text.slice(at + sep.length).trim();
      if (left && right) return [left, right];
    }
  }
  // "Artist: Title", only when the part before the colon is short enough to be a name.
  const colon = /^([^:()[\]]{1,40}):\s+(.+)$/.exec(text);
  if (colon && (colon[1] ?? '').trim().split(/\s+/).length <= 4)
    return [(colon[1] ?? '').trim(), (colon[2] ?? '').trim()];
  // "Artist-Title" with no spaces is too often part of a name (Jay-Z, a-ha): not split.
  return null;
}

function stripNoise(input: string): string {
  let text = input;
  // Bracketed decoration, repeatedly: "Title (Official Video) [HD]".
  for (let changed = true; changed;) {
    changed = false;
    for (const [open, close] of BRACKETS) {
      const re = new RegExp(`\\s*${esc(open)}([^${esc(open)}${esc(close)}]*)${esc(close)}`, 'g');
      text = text.replace(re, (whole, inner: string) => {
        if (
          NOISE_WORDS.test(inner) &&
          !/\b(feat\.?|ft\.?|featuring|remix|live|version|edit|mix)\b/i.test(inner)
        ) {
          changed = true;
          return '';
        }
        return whole;
      });
    }
  }
  // Trailing "| Official Video", "// Lyrics", "- Official Audio" and hashtags.
  text = text.replace(/\s*#\w+(\s+#\w+)*\s*$/u, '');
  text = text.replace(/\s+(\||\/\/|-|–|—)\s*([^|/\-–—]*)$/u, (whole, _sep: string, tail: string) =>
    NOISE_WORDS.test(tail) && tail.split(/\s+/).length <= 5 ? '' : whole,
  );
  text = text.replace(
    /\s+(official\s+(music\s+|lyric\s+)?video|official\s+(audio|mv)|lyrics?|hd|hq|4k|mv|m\/v)\s*$/i,
    '',
  );
  text = text.replace(/\s*-\s*YouTube( Music)?$/i, '');
  return text.trim();
}

function clean(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-–—|:]+|[\s\-–—|:]+$/g, '')
    .trim();
}

function unquote(text: string): string {
  const m = /^["“'‘](.+)["”'’]$/.exec(text.trim());
  return m ? (m[1] ?? '') : text;
}

function esc(ch: string): string {
  return ch.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
