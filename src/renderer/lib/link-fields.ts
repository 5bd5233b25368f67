import type { LinkTrackView } from '../../shared/soundcloud.js';
import { formatDuration } from './duration.js';
import type { TrackFields } from './scrobble-form.js';

// What a link read gives the single-track form: artist, track, album and length replace what
// was there (they describe another track now); the album artist the user typed stays.

export function fieldsFromLink(fields: TrackFields, link: LinkTrackView): TrackFields {
  return {
    ...fields,
    artist: link.artist,
    track: link.track,
    album: link.album ?? '',
    duration: link.duration !== undefined ? formatDuration(link.duration) : '',
  };
}
