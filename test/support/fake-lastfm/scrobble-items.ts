// Reads the items of a track.scrobble request: `artist[i]`, `track[i]`, `timestamp[i]`, ...
// with i contiguous from 0, or one un-indexed item (`artist`, `track`, `timestamp`), which
// Last.fm also accepts.

export const MAX_ITEMS_PER_REQUEST = 50;

export interface ScrobbleParamsItem {
  artist: string;
  track: string;
  timestamp: number;
  album: string;
  albumArtist: string;
  duration?: number;
  trackNumber?: number;
  mbid?: string;
  chosenByUser?: boolean;
}

/** The items, or null when the request is invalid (Last.fm error 6). */
export function parseScrobbleItems(
  params: Readonly<Record<string, string>>,
): ScrobbleParamsItem[] | null {
  let maxIndex = -1;
  for (const name of Object.keys(params)) {
    const match = /^[A-Za-z]+\[(\d+)\]$/.exec(name);
    if (match?.[1] !== undefined) maxIndex = Math.max(maxIndex, Number(match[1]));
  }
  if (maxIndex < 0) {
    const single = readItem(params, '');
    return single ? [single] : null;
  }
  if (maxIndex + 1 > MAX_ITEMS_PER_REQUEST) return null;
  const items: ScrobbleParamsItem[] = [];
  for (let i = 0; i <= maxIndex; i++) {
    const item = readItem(params, `[${i}]`);
    if (!item) return null;
    items.push(item);
  }
  return items;
}

/** The item whose parameter names end with `suffix` ('' or '[i]'), or null if incomplete. */
export function readItem(
  params: Readonly<Record<string, string>>,
  suffix: string,
  needsTimestamp = true,
): ScrobbleParamsItem | null {
  const get = (name: string): string | undefined => params[name + suffix];
  const artist = get('artist');
  const track = get('track');
  const timestamp = get('timestamp');
  if (!artist || !track) return null;
  if (needsTimestamp && (timestamp === undefined || !/^\d+$/.test(timestamp))) return null;
  const item: ScrobbleParamsItem = {
    artist,
    track,
    timestamp: timestamp === undefined ? 0 : Number(timestamp),
    album: get('album') ?? '',
    albumArtist: get('albumArtist') ?? '',
  };
  const duration = wholeNumber(get('duration'));
  const trackNumber = wholeNumber(get('trackNumber'));
  const mbid = get('mbid');
  const chosen = get('chosenByUser');
  if (duration !== undefined) item.duration = duration;
  if (trackNumber !== undefined) item.trackNumber = trackNumber;
  if (mbid) item.mbid = mbid;
  if (chosen === '0' || chosen === '1') item.chosenByUser = chosen === '1';
  return item;
}

function wholeNumber(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}
