// oEmbed (oembed.com): `GET {endpoint}?url=<page>&format=json` answers the page's `title` and
// `author_name` with no key or sign-in. SoundCloud and YouTube both offer it, which makes it
// the way to read a link when no SoundCloud account is connected, and for every YouTube link.
import { OAuthError } from '../oauth/errors.js';
import { httpCall, parseJsonObject } from '../oauth/http.js';
import { webAddress } from '../oauth/soundcloud-endpoints.js';
import { LinkError } from './errors.js';

export const OEMBED_DEFAULTS = {
  soundcloud: 'https://soundcloud.com/oembed',
  youtube: 'https://www.youtube.com/oembed',
} as const;

export interface OEmbedEndpoints {
  soundcloud: string;
  youtube: string;
}

export function oembedEndpoints(
  env: Readonly<Record<string, string | undefined>> = process.env,
): OEmbedEndpoints {
  return {
    soundcloud: webAddress(env, 'SCROBBLETRAY_OEMBED_URL_SOUNDCLOUD', OEMBED_DEFAULTS.soundcloud),
    youtube: webAddress(env, 'SCROBBLETRAY_OEMBED_URL_YOUTUBE', OEMBED_DEFAULTS.youtube),
  };
}

export interface OEmbedInfo {
  title: string;
  /** The uploader: a SoundCloud account, or a YouTube channel ("ArtistVEVO", "Artist - Topic"). */
  authorName?: string;
}

export async function fetchOEmbed(
  endpoint: string,
  pageUrl: string,
  site: 'SoundCloud' | 'YouTube',
  signal?: AbortSignal,
): Promise<OEmbedInfo> {
  const url = new URL(endpoint);
  url.searchParams.set('url', pageUrl);
  url.searchParams.set('format', 'json');
  let res;
  try {
    res = await httpCall({
      method: 'GET',
      url: url.toString(),
      headers: { accept: 'application/json' },
      signal,
    });
  } catch (error) {
    if (error instanceof OAuthError)
      throw new LinkError(
        'unreachable',
        `Could not ask ${site} about this link: ${error.message}`,
        error,
      );
    throw error;
  }
  const what = site === 'YouTube' ? 'video' : 'track';
  if (res.status === 404) {
    throw new LinkError(
      'not-found',
      `${site} has no public ${what} at this link: it may be private, removed, or mistyped.`,
    );
  }
  if (res.status === 401 || res.status === 403) {
    throw new LinkError(
      'not-found',
      `${site} does not share this ${what}'s details (it is private or cannot be embedded). Enter the artist and title yourself.`,
    );
  }
  if (res.status >= 500 || res.status === 429) {
    throw new LinkError(
      'unreachable',
      `${site} could not answer just now (HTTP ${res.status}). Try again in a while.`,
    );
  }
  const body = res.status >= 200 && res.status <= 299 ? parseJsonObject(res.text) : undefined;
  const title = typeof body?.['title'] === 'string' ? body['title'].trim() : '';
  if (!body || title === '') {
    throw new LinkError(
      'unreadable',
      `${site} answered about this link with something Scrobbletray cannot read (HTTP ${res.status}).`,
    );
  }
  const author = typeof body['author_name'] === 'string' ? body['author_name'].trim() : '';
  return author === '' ? { title } : { title, authorName: author };
}
