// A SoundCloud or YouTube link -> artist, track (and album, duration when known).
//   SoundCloud, account connected: the API's resolve, whose publisher metadata (set by labels)
//   gives the artist and album; else the title parser over title and uploader.
//   SoundCloud, no account: oEmbed ("Title by Uploader", uploader).
//   YouTube: oEmbed (title, channel) through the title parser.
import type { SoundCloudTrack } from '../soundcloud/types.js';
import { LinkError } from './errors.js';
import { recogniseLink } from './link-kind.js';
import { fetchOEmbed } from './oembed.js';
import type { OEmbedEndpoints } from './oembed.js';
import { parseUploadTitle } from './title-parser.js';

export interface LinkTrack {
  artist: string;
  track: string;
  album?: string;
  /** Seconds, when known (the API only). */
  duration?: number;
  /** The canonical link that was looked up. */
  url: string;
  source: 'soundcloud-api' | 'soundcloud-oembed' | 'youtube-oembed';
}

export interface TrackFromLinkOptions {
  oembed: OEmbedEndpoints;
  /** A connected SoundCloud account's client (connectSoundCloud), or null/absent. */
  soundcloud?: { resolve(url: string): Promise<SoundCloudTrack> } | null;
  signal?: AbortSignal;
}

export async function trackFromLink(input: string, opts: TrackFromLinkOptions): Promise<LinkTrack> {
  const link = recogniseLink(input);
  if (link.kind === 'soundcloud' && opts.soundcloud) {
    return fromSoundCloudTrack(await opts.soundcloud.resolve(link.url), link.url);
  }
  if (link.kind === 'soundcloud') {
    const info = await fetchOEmbed(opts.oembed.soundcloud, link.url, 'SoundCloud', opts.signal);
    // SoundCloud's oEmbed title reads "Track by Uploader".
    const suffix = info.authorName ? ` by ${info.authorName}` : '';
    const title =
      suffix && info.title.endsWith(suffix) ? info.title.slice(0, -suffix.length) : info.title;
    return {
      ...named(title, info.authorName, 'SoundCloud'),
      url: link.url,
      source: 'soundcloud-oembed',
    };
  }
  const info = await fetchOEmbed(opts.oembed.youtube, link.url, 'YouTube', opts.signal);
  return {
    ...named(info.title, info.authorName, 'YouTube'),
    url: link.url,
    source: 'youtube-oembed',
  };
}

export function fromSoundCloudTrack(t: SoundCloudTrack, url: string): LinkTrack {
  let base: { artist: string; track: string };
  const artist = t.publisher?.artist;
  if (artist !== undefined) {
    // Labels often repeat the artist in the title: "Artist - Title".
    const prefix = new RegExp(`^${escapeRegExp(artist)}\\s+[-–—]\\s+`, 'i');
    base = { artist, track: t.title.replace(prefix, '').trim() || t.title };
  } else {
    base = named(t.title, t.uploader, 'SoundCloud');
  }
  const out: LinkTrack = { ...base, url, source: 'soundcloud-api' };
  if (t.publisher?.album !== undefined) out.album = t.publisher.album;
  if (t.durationMs !== undefined) out.duration = Math.round(t.durationMs / 1000);
  return out;
}

function named(
  title: string,
  uploader: string | undefined,
  site: string,
): { artist: string; track: string } {
  const parsed = parseUploadTitle(title, uploader);
  if (!parsed) {
    throw new LinkError(
      'unreadable',
      `${site} gave no artist for this link. Enter the artist and title yourself.`,
    );
  }
  return parsed;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
