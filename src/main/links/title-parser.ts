// The one place that turns an upload's title (+ its uploader or channel) into artist and
// track, for every link source. It hands over to the shared video-title parser, which strips
// decorations ("(Official Video)"), finds the artist/title split, keeps featured artists,
// and falls back to the channel ("Artist - Topic", "ArtistVEVO") as the artist.
import { parseVideoTitle } from '../../shared/video-title.js';

export interface ParsedTitle {
  artist: string;
  track: string;
}

export function parseUploadTitle(title: string, uploader?: string): ParsedTitle | null {
  const parsed = parseVideoTitle(title, uploader ?? null);
  return parsed ? { artist: parsed.artist, track: parsed.track } : null;
}
