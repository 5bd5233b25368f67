import type { ScrobbleItem } from '../../../shared/track.js';

// How an edit combines with the stored scrobble. Kept apart from the store so the caller can
// validate exactly what will be written (validation.ts) before calling store.edit().

const OPTIONAL_KEYS = [
  'album',
  'albumArtist',
  'duration',
  'trackNumber',
  'mbid',
  'chosenByUser',
] as const;

/**
 * The item after applying `patch` to `stored`. A patch key that is present with the value
 * `undefined` clears that optional field (e.g. `{ album: undefined }` removes the album);
 * required fields (artist, track, timestamp) cannot be cleared, so `undefined` keeps them.
 */
export function mergeForEdit(stored: ScrobbleItem, patch: Partial<ScrobbleItem>): ScrobbleItem {
  const merged: ScrobbleItem = {
    artist: patch.artist ?? stored.artist,
    track: patch.track ?? stored.track,
    timestamp: patch.timestamp ?? stored.timestamp,
  };
  for (const key of OPTIONAL_KEYS) {
    const value = Object.hasOwn(patch, key) ? patch[key] : stored[key];
    if (value !== undefined) Object.assign(merged, { [key]: value });
  }
  return merged;
}

/**
 * A patch that replaces the whole item: optional fields `item` lacks are cleared. Use it to
 * write an item that validation has already normalised (blank album removed, mbid lowercased):
 * `store.edit(id, asReplacement(validated))`.
 */
export function asReplacement(item: ScrobbleItem): Partial<ScrobbleItem> {
  const cleared = Object.fromEntries(OPTIONAL_KEYS.map((key) => [key, undefined]));
  return { ...cleared, ...item };
}
