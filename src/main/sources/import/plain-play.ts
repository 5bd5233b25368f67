import {
  FUTURE_TOLERANCE_SEC,
  MAX_DURATION_SEC,
  MAX_TEXT_LENGTH,
  MIN_DURATION_SEC,
} from '../../../shared/validation.js';
import type { ScrobbleItem } from '../../../shared/track.js';
import type { ImportedPlay } from './types.js';

// A quick pass over a play from a file that is plainly fine: trimmed text in ordinary
// characters, whole numbers in range. It answers exactly what validateScrobble (the shared
// rules, src/shared/validation.ts) would answer for such a play, at a fraction of the cost:
// the shared schema cost 5 to 10 µs a play, 0.45 to 0.85 s of a 100,000-play preview.
// Anything less plain (a control or unreadable character, an emoji, a field out of range, an
// unknown field) gets undefined, and the caller asks the shared rules, which also word the
// problem. A property test (test/unit/import/plain-play.property.test.ts) holds the two to
// agreement.

// Text with none of what the shared rules look at: no control characters (U+0000–U+001F,
// U+007F–U+009F), no surrogates (paired or not: emoji go the slow way), no U+FFFD–U+FFFF.
const PLAIN_TEXT = /^[\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffc]*$/;
const MBID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEYS = new Set([
  'artist',
  'track',
  'album',
  'albumArtist',
  'duration',
  'trackNumber',
  'mbid',
  'timestamp',
]);

/** Trimmed plain text, '' for blank, or undefined when the shared rules must look at it. */
function plainText(value: string): string | undefined {
  const text = value.trim();
  return text.length <= MAX_TEXT_LENGTH && PLAIN_TEXT.test(text) ? text : undefined;
}

function wholeIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** The validated item for a plainly valid play, or undefined: then validateScrobble decides. */
export function plainScrobble(play: ImportedPlay, nowSec: number): ScrobbleItem | undefined {
  for (const key in play) if (!KEYS.has(key)) return undefined;
  if (typeof play.artist !== 'string' || typeof play.track !== 'string') return undefined;
  const artist = plainText(play.artist);
  const track = plainText(play.track);
  if (!artist || !track) return undefined;
  const { timestamp } = play;
  if (!Number.isInteger(timestamp) || timestamp > nowSec + FUTURE_TOLERANCE_SEC) return undefined;
  // Built in the shared schema's field order, timestamp last, so the item is the same object
  // validateScrobble would give (absent fields left out).
  const item = { artist, track } as ScrobbleItem;
  if (play.album !== undefined) {
    if (typeof play.album !== 'string') return undefined;
    const album = plainText(play.album);
    if (album === undefined) return undefined;
    if (album) item.album = album;
  }
  if (play.albumArtist !== undefined) {
    if (typeof play.albumArtist !== 'string') return undefined;
    const albumArtist = plainText(play.albumArtist);
    if (albumArtist === undefined) return undefined;
    if (albumArtist) item.albumArtist = albumArtist;
  }
  if (play.duration !== undefined) {
    if (
      typeof play.duration !== 'number' ||
      !wholeIn(play.duration, MIN_DURATION_SEC, MAX_DURATION_SEC)
    ) {
      return undefined;
    }
    item.duration = play.duration;
  }
  if (play.trackNumber !== undefined) {
    if (typeof play.trackNumber !== 'number' || !wholeIn(play.trackNumber, 1, 9999)) {
      return undefined;
    }
    item.trackNumber = play.trackNumber;
  }
  if (play.mbid !== undefined) {
    if (typeof play.mbid !== 'string') return undefined;
    const mbid = play.mbid.trim();
    if (mbid && !MBID.test(mbid)) return undefined;
    if (mbid) item.mbid = mbid.toLowerCase();
  }
  item.timestamp = timestamp;
  return item;
}
