// The catalogue reads: track.search, artist.search, album.search and album.getInfo, in
// Last.fm's JSON shapes (results.<kind>matches with the opensearch counts; album.tracks.track
// with `duration` in seconds or null and `@attr.rank`), a one-item list as a bare object.
// Unsigned, no session. Matching is case-insensitive and by substring; the most listened first.

import type { FakeCatalogueAlbum, FakeCatalogueTrack } from './catalogue.js';
import type { MethodContext, MethodSpec, Params } from './method-spec.js';
import { fail, ok } from './responses.js';
import type { ApiResult, Json, JsonObject } from './responses.js';

const DEFAULT_LIMIT = 30;

function musicUrl(...parts: string[]): string {
  const enc = (p: string): string => encodeURIComponent(p).replace(/%20/g, '+');
  return `https://www.last.fm/music/${parts.map(enc).join('/')}`;
}

function images(): Json[] {
  return ['small', 'medium', 'large', 'extralarge'].map((size) => ({ '#text': '', size }));
}

/** A list as Last.fm's XML-to-JSON writes it: one element is a bare object. */
function listOf(items: JsonObject[]): Json {
  return items.length === 1 && items[0] ? items[0] : items;
}

function contains(haystack: string, needle: string): boolean {
  return haystack.toLowerCase().includes(needle.trim().toLowerCase());
}

function pageParams(params: Params): { limit: number; page: number } | null {
  const limit = params.limit === undefined ? DEFAULT_LIMIT : Number(params.limit);
  const page = params.page === undefined ? 1 : Number(params.page);
  if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(page) || page < 1) return null;
  return { limit, page };
}

function searchResults(
  kind: 'track' | 'artist' | 'album',
  query: string,
  all: JsonObject[],
  paging: { limit: number; page: number },
): ApiResult {
  const slice = all.slice((paging.page - 1) * paging.limit, paging.page * paging.limit);
  return ok({
    results: {
      'opensearch:Query': {
        '#text': '',
        role: 'request',
        searchTerms: query,
        startPage: String(paging.page),
      },
      'opensearch:totalResults': String(all.length),
      'opensearch:startIndex': String((paging.page - 1) * paging.limit),
      'opensearch:itemsPerPage': String(paging.limit),
      [`${kind}matches`]: { [kind]: listOf(slice) },
      '@attr': kind === 'artist' ? { for: query } : {},
    },
  });
}

type TrackHit = { album: FakeCatalogueAlbum; track: FakeCatalogueTrack };

function trackSearch({ state, params }: MethodContext): ApiResult {
  const paging = pageParams(params);
  if (!paging) return fail(6);
  const query = params.track ?? '';
  const artist = params.artist ?? '';
  const seen = new Set<string>();
  const hits: TrackHit[] = [];
  for (const album of state.catalogue) {
    for (const track of album.tracks) {
      const by = track.artist ?? album.artist;
      const key = `${by}\u0000${track.title}`.toLowerCase();
      if (seen.has(key) || !contains(track.title, query)) continue;
      if (artist.trim() && !contains(by, artist)) continue;
      seen.add(key);
      hits.push({ album, track });
    }
  }
  hits.sort((a, b) => (b.track.listeners ?? 0) - (a.track.listeners ?? 0));
  const matches = hits.map(({ album, track }) => {
    const by = track.artist ?? album.artist;
    return {
      name: track.title,
      artist: by,
      url: musicUrl(by, '_', track.title),
      streamable: 'FIXME',
      listeners: String(track.listeners ?? 0),
      image: images(),
      mbid: '',
    };
  });
  return searchResults('track', query, matches, paging);
}

function artistSearch({ state, params }: MethodContext): ApiResult {
  const paging = pageParams(params);
  if (!paging) return fail(6);
  const query = params.artist ?? '';
  const listeners = new Map<string, number>();
  for (const album of state.catalogue) {
    if (!contains(album.artist, query)) continue;
    listeners.set(album.artist, Math.max(listeners.get(album.artist) ?? 0, album.listeners ?? 0));
  }
  const matches = [...listeners.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => ({
      name,
      listeners: String(count),
      mbid: '',
      url: musicUrl(name),
      streamable: '0',
      image: images(),
    }));
  return searchResults('artist', query, matches, paging);
}

function albumSearch({ state, params }: MethodContext): ApiResult {
  const paging = pageParams(params);
  if (!paging) return fail(6);
  const query = params.album ?? '';
  const matches = state.catalogue
    .filter((a) => contains(a.album, query))
    .sort((a, b) => (b.listeners ?? 0) - (a.listeners ?? 0))
    .map((a) => ({
      name: a.album,
      artist: a.artist,
      url: musicUrl(a.artist, a.album),
      image: images(),
      streamable: '0',
      mbid: '',
    }));
  return searchResults('album', query, matches, paging);
}

function albumGetInfo({ state, params }: MethodContext): ApiResult {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  const artist = state.correctArtist(params.artist ?? '');
  const album = state.catalogue.find(
    (a) => same(a.artist, artist) && same(a.album, params.album ?? ''),
  );
  // Last.fm's answer for an album it does not have.
  if (!album) return fail(6, 'Album not found');
  const tracks = album.tracks.map((t, i) => {
    const by = t.artist ?? album.artist;
    return {
      streamable: { fulltrack: '0', '#text': '0' },
      duration: t.duration,
      url: musicUrl(by, '_', t.title),
      name: t.title,
      '@attr': { rank: i + 1 },
      artist: { url: musicUrl(by), name: by, mbid: '' },
    };
  });
  const body: JsonObject = {
    artist: album.artist,
    mbid: '',
    tags: { tag: [] },
    playcount: String((album.listeners ?? 0) * 10),
    image: images(),
    url: musicUrl(album.artist, album.album),
    name: album.album,
    listeners: String(album.listeners ?? 0),
  };
  // An album without known tracks comes without `tracks`, as on Last.fm.
  if (tracks.length > 0) body.tracks = { track: listOf(tracks) };
  return ok({ album: body });
}

const READ = { alwaysSigned: false, session: 'none' } as const;

export const CATALOGUE_METHODS: Readonly<Record<string, MethodSpec>> = {
  'track.search': { ...READ, required: ['track'], handle: trackSearch },
  'artist.search': { ...READ, required: ['artist'], handle: artistSearch },
  'album.search': { ...READ, required: ['album'], handle: albumSearch },
  'album.getinfo': { ...READ, required: ['artist', 'album'], handle: albumGetInfo },
};
