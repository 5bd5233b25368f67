// Recognises the links Scrobbletray can read and reduces each to one canonical form:
// tracking parameters, playlist context and timestamps are dropped, so the same track always
// gives the same lookup.
import { LinkError, WHICH_LINKS_WORK } from './errors.js';

export type RecognisedLink =
  { kind: 'soundcloud'; url: string } | { kind: 'youtube'; url: string; videoId: string };

const SOUNDCLOUD_HOSTS = new Set(['soundcloud.com', 'www.soundcloud.com', 'm.soundcloud.com']);
const SOUNDCLOUD_SHORT_HOST = 'on.soundcloud.com';
const YOUTUBE_HOSTS = new Set([
  'youtube.com',
  'www.youtube.com',
  'm.youtube.com',
  'music.youtube.com',
]);
const YOUTUBE_SHORT_HOST = 'youtu.be';
const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;
const SLUG = /^[A-Za-z0-9_-]+$/;
/** Profile pages that are not artists: soundcloud.com/discover, /you/likes, ... */
const SOUNDCLOUD_RESERVED = new Set([
  'discover',
  'you',
  'search',
  'stream',
  'upload',
  'charts',
  'pages',
  'settings',
  'messages',
  'notifications',
  'people',
  'tags',
  'stations',
]);

export function recogniseLink(input: string): RecognisedLink {
  const url = parseLoosely(input);
  const host = url.hostname.toLowerCase();
  if (SOUNDCLOUD_HOSTS.has(host)) return soundCloudLink(url);
  if (host === SOUNDCLOUD_SHORT_HOST && SLUG.test(url.pathname.slice(1))) {
    // A share link: SoundCloud resolves it to the track.
    return { kind: 'soundcloud', url: `https://${SOUNDCLOUD_SHORT_HOST}${url.pathname}` };
  }
  if (YOUTUBE_HOSTS.has(host) || host === YOUTUBE_SHORT_HOST) return youTubeLink(url, host);
  throw new LinkError('unsupported', `That link is from ${host}. ${WHICH_LINKS_WORK}`);
}

function parseLoosely(input: string): URL {
  const text = input.trim();
  if (text === '') throw new LinkError('unsupported', `No link was given. ${WHICH_LINKS_WORK}`);
  // People paste "youtu.be/…" or "soundcloud.com/…" without the scheme.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new LinkError('unsupported', `That is not a web link. ${WHICH_LINKS_WORK}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new LinkError('unsupported', `That is not a web link. ${WHICH_LINKS_WORK}`);
  }
  return url;
}

function soundCloudLink(url: URL): RecognisedLink {
  const parts = url.pathname.split('/').filter((p) => p !== '');
  const [user, second, third] = parts;
  if (user === undefined || SOUNDCLOUD_RESERVED.has(user) || !SLUG.test(user)) {
    throw new LinkError('unsupported', `That SoundCloud link is not a track. ${WHICH_LINKS_WORK}`);
  }
  if (
    second === undefined ||
    ['tracks', 'likes', 'reposts', 'albums', 'popular-tracks', 'followers', 'following'].includes(
      second,
    )
  ) {
    throw new LinkError(
      'unsupported',
      'That SoundCloud link is a profile, not a track: open one track and use its link.',
    );
  }
  if (second === 'sets') {
    throw new LinkError(
      'unsupported',
      'That SoundCloud link is a playlist or album (a set), not a single track: open one track and use its link.',
    );
  }
  // A private track's share link carries its secret token as a third segment ("s-…").
  const secret = third !== undefined && /^s-[A-Za-z0-9]+$/.test(third) ? `/${third}` : '';
  if (!SLUG.test(second) || (third !== undefined && secret === '') || parts.length > 3) {
    throw new LinkError('unsupported', `That SoundCloud link is not a track. ${WHICH_LINKS_WORK}`);
  }
  return { kind: 'soundcloud', url: `https://soundcloud.com/${user}/${second}${secret}` };
}

function youTubeLink(url: URL, host: string): RecognisedLink {
  let id: string | null = null;
  const parts = url.pathname.split('/').filter((p) => p !== '');
  if (host === YOUTUBE_SHORT_HOST) id = parts[0] ?? null;
  else if (parts.length === 1 && parts[0] === 'watch') id = url.searchParams.get('v');
  else if (parts.length === 2 && ['shorts', 'live', 'embed'].includes(parts[0] ?? ''))
    id = parts[1] ?? null;
  if (id === null || !VIDEO_ID.test(id)) {
    throw new LinkError(
      'unsupported',
      `That YouTube link is not a video (a channel, playlist or search page cannot be scrobbled). ${WHICH_LINKS_WORK}`,
    );
  }
  return { kind: 'youtube', url: `https://www.youtube.com/watch?v=${id}`, videoId: id };
}
