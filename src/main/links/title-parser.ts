// The one place that turns an upload's title (+ its uploader or channel) into artist and
// track. Swap the body for src/shared/video-title.ts when that parser lands; everything else
// calls only parseUploadTitle.
//
// Meanwhile: "Artist - Title" split on the first spaced dash, a trailing "(Official Video)"-
// style note dropped, and the uploader (minus " - Topic" / "VEVO") as the artist otherwise.

export interface ParsedTitle {
  artist: string;
  track: string;
}

const SPACED_DASH = /\s+[-–—]\s+/;
const NOISE =
  /\s*[([](?:official|lyrics?|audio|video|music video|hd|hq|4k|visuali[sz]er|mv)\b[^)\]]*[)\]]\s*$/i;

export function parseUploadTitle(title: string, uploader?: string): ParsedTitle | null {
  const cleaned = title.replace(NOISE, '').trim();
  const dash = SPACED_DASH.exec(cleaned);
  if (dash) {
    const artist = cleaned.slice(0, dash.index).trim();
    const track = cleaned.slice(dash.index + dash[0].length).trim();
    if (artist !== '' && track !== '') return { artist, track };
  }
  const artist = uploader
    ?.replace(/\s+-\s+Topic$/i, '')
    .replace(/VEVO$/i, '')
    .trim();
  if (!artist || cleaned === '') return null;
  return { artist, track: cleaned };
}
