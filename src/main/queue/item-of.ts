import type { StoredScrobble } from '../../shared/queue-types.js';
import type { ScrobbleItem } from '../../shared/track.js';

/** The play itself, without the queue's bookkeeping: what is sent, edited or validated. */
export function itemOf(row: StoredScrobble): ScrobbleItem {
  const item: ScrobbleItem = { artist: row.artist, track: row.track, timestamp: row.timestamp };
  if (row.album !== undefined) item.album = row.album;
  if (row.albumArtist !== undefined) item.albumArtist = row.albumArtist;
  if (row.duration !== undefined) item.duration = row.duration;
  if (row.trackNumber !== undefined) item.trackNumber = row.trackNumber;
  if (row.mbid !== undefined) item.mbid = row.mbid;
  if (row.chosenByUser !== undefined) item.chosenByUser = row.chosenByUser;
  return item;
}
