// Last.fm JSON -> our types. Lenient about the known quirks (a one-item list as an object,
// numbers as strings, member-name case, `corrected` as "0"/"1"/0/1, missing optional members),
// strict about the rest: an answer we cannot read throws a transient LastfmError, since it
// passed HTTP and is more likely a passing server fault than something retrying cannot fix.

import { z } from 'zod';
import type {
  CorrectionFlags,
  RecordedTrack,
  ScrobbleBatchResult,
  ScrobbleOutcome,
  TrackInfo,
} from '../../shared/track.js';
import { ignoredReason } from '../../shared/track.js';
import type { LastfmError } from './errors.js';
import { ignoredKindOf } from '../../shared/ignored.js';
import { toLastfmIgnoredCode, type ServiceFlavor } from './ignored-codes.js';
import { unreadableFailure } from './failures.js';
import { asArray, getCaseInsensitive, isRecord, text, toFlag, toInt } from './json.js';
import type {
  AlbumInfo,
  AlbumTrack,
  CatalogueKind,
  LastfmSession,
  LastfmUserInfo,
  RecentTrack,
  RecentTracksPage,
  SearchMatch,
  SearchPage,
} from './types.js';

function unreadable(method: string): LastfmError {
  return unreadableFailure(method, 'the server');
}

function read<T>(schema: z.ZodType<T>, json: unknown, method: string): T {
  const result = schema.safeParse(json);
  if (!result.success) throw unreadable(method);
  return result.data;
}

/** A name that GNU FM's XML-to-JSON may turn into a number. */
const nameLike = z.union([z.string(), z.number()]).transform(String);

const tokenSchema = z.object({ token: z.string().min(1) });

export function parseToken(json: unknown, method = 'auth.getToken'): string {
  return read(tokenSchema, json, method).token;
}

const sessionSchema = z.object({
  session: z.object({
    name: nameLike,
    key: z.string().min(1),
    subscriber: z.unknown(),
  }),
});

export function parseSession(json: unknown, method: string): LastfmSession {
  const { session } = read(sessionSchema, json, method);
  return { name: session.name, key: session.key, subscriber: toFlag(session.subscriber) };
}

/** Love, unlove: success is any JSON object without an error (Last.fm sends `{}`). */
export function parseEmpty(json: unknown, method: string): void {
  if (!isRecord(json)) throw unreadable(method);
}

/**
 * track.scrobble: one outcome per submitted item, in order. Fields Last.fm leaves out are
 * taken from what was submitted. If the per-item list is missing but the counts say every
 * item was accepted, each is reported accepted as submitted.
 */
export function parseScrobbleResponse(
  json: unknown,
  submitted: readonly TrackInfo[],
  method = 'track.scrobble',
  flavor: ServiceFlavor = 'lastfm',
): ScrobbleBatchResult {
  const scrobbles = getCaseInsensitive(json, 'scrobbles');
  if (!isRecord(scrobbles)) throw unreadable(method);
  const list = asArray(getCaseInsensitive(scrobbles, 'scrobble'));
  let items: ScrobbleOutcome[];
  if (list.length === submitted.length) {
    items = list.map((el, i) => outcomeOf(el, submitted[i] as TrackInfo, method, flavor));
  } else {
    const attr = getCaseInsensitive(scrobbles, '@attr');
    const accepted = toInt(getCaseInsensitive(attr, 'accepted'));
    if (list.length !== 0 || accepted !== submitted.length) throw unreadable(method);
    items = submitted.map((t) => ({
      status: 'accepted',
      recorded: asSubmitted(t),
      corrected: noCorrections(),
    }));
  }
  const ignored = items.filter((o) => o.status === 'ignored').length;
  return { accepted: items.length - ignored, ignored, items };
}

/** track.updateNowPlaying: the same per-track answer as one scrobble. */
export function parseNowPlaying(
  json: unknown,
  submitted: TrackInfo,
  method = 'track.updateNowPlaying',
  flavor: ServiceFlavor = 'lastfm',
): ScrobbleOutcome {
  const el = getCaseInsensitive(json, 'nowplaying');
  if (!isRecord(el)) throw unreadable(method);
  return outcomeOf(el, submitted, method, flavor);
}

const FIELDS = ['artist', 'track', 'album', 'albumArtist'] as const;

function outcomeOf(
  el: unknown,
  submitted: TrackInfo,
  method: string,
  flavor: ServiceFlavor,
): ScrobbleOutcome {
  if (!isRecord(el)) throw unreadable(method);
  const fallback = asSubmitted(submitted);
  const recorded = { ...fallback };
  const corrected = noCorrections();
  for (const field of FIELDS) {
    const member = getCaseInsensitive(el, field);
    if (member === undefined) continue;
    recorded[field] = text(member);
    corrected[field] = toFlag(getCaseInsensitive(member, 'corrected'));
  }
  const ignoredMessage = getCaseInsensitive(el, 'ignoredMessage');
  const sent = toInt(getCaseInsensitive(ignoredMessage, 'code')) ?? toInt(ignoredMessage) ?? 0;
  const code = toLastfmIgnoredCode(sent, flavor);
  if (code === 0) return { status: 'accepted', recorded, corrected };
  return {
    status: 'ignored',
    kind: ignoredKindOf(code),
    code,
    reason: ignoredReason(code, text(ignoredMessage)),
    recorded,
    corrected,
  };
}

function asSubmitted(t: TrackInfo): RecordedTrack {
  return {
    artist: t.artist,
    track: t.track,
    album: t.album ?? '',
    albumArtist: t.albumArtist ?? '',
  };
}

function noCorrections(): CorrectionFlags {
  return { artist: false, track: false, album: false, albumArtist: false };
}

/** user.getRecentTracks; with extended=1 the artist is `{ name }` instead of `{ "#text" }`. */
export function parseRecentTracks(
  json: unknown,
  method = 'user.getRecentTracks',
): RecentTracksPage {
  const rt = getCaseInsensitive(json, 'recenttracks');
  if (!isRecord(rt)) throw unreadable(method);
  const tracks = asArray(getCaseInsensitive(rt, 'track')).map((t) => recentTrackOf(t, method));
  const attr = getCaseInsensitive(rt, '@attr');
  const int = (name: string) => toInt(getCaseInsensitive(attr, name));
  return {
    tracks,
    page: int('page') ?? 1,
    totalPages: int('totalPages') ?? 1,
    total: int('total') ?? tracks.length,
    perPage: int('perPage') ?? tracks.length,
  };
}

function recentTrackOf(t: unknown, method: string): RecentTrack {
  if (!isRecord(t)) throw unreadable(method);
  const artist = getCaseInsensitive(t, 'artist');
  const nowPlaying = toFlag(getCaseInsensitive(getCaseInsensitive(t, '@attr'), 'nowplaying'));
  const uts = toInt(getCaseInsensitive(getCaseInsensitive(t, 'date'), 'uts'));
  const out: RecentTrack = {
    artist: text(artist) || text(getCaseInsensitive(artist, 'name')),
    track: text(getCaseInsensitive(t, 'name')),
    album: text(getCaseInsensitive(t, 'album')),
    timestamp: nowPlaying ? null : (uts ?? null),
    nowPlaying,
  };
  const mbid = text(getCaseInsensitive(t, 'mbid'));
  if (mbid) out.mbid = mbid;
  return out;
}

/** user.getInfo; `registered` is `{ unixtime, "#text" }` on Last.fm, a bare number elsewhere. */
export function parseUserInfo(json: unknown, method = 'user.getInfo'): LastfmUserInfo {
  const user = getCaseInsensitive(json, 'user');
  if (!isRecord(user)) throw unreadable(method);
  const name = text(getCaseInsensitive(user, 'name'));
  if (!name) throw unreadable(method);
  const reg = getCaseInsensitive(user, 'registered');
  const registered = isRecord(reg)
    ? (toInt(getCaseInsensitive(reg, 'unixtime')) ?? toInt(reg['#text']))
    : toInt(reg);
  return {
    name,
    playcount: toInt(getCaseInsensitive(user, 'playcount')) ?? 0,
    registered: registered ?? null,
    url: text(getCaseInsensitive(user, 'url')),
  };
}

/**
 * track.search, artist.search, album.search: `results.<kind>matches.<kind>`, one match as an
 * object, none as an empty list or an empty string, the total as `opensearch:totalResults`.
 */
export function parseSearch(json: unknown, kind: CatalogueKind, method: string): SearchPage {
  const results = getCaseInsensitive(json, 'results');
  if (!isRecord(results)) throw unreadable(method);
  const holder = getCaseInsensitive(results, `${kind}matches`);
  const list = isRecord(holder) ? asArray(getCaseInsensitive(holder, kind)) : [];
  const matches: SearchMatch[] = [];
  for (const el of list) {
    if (!isRecord(el)) continue;
    const name = text(getCaseInsensitive(el, 'name')).trim();
    const artistMember = getCaseInsensitive(el, 'artist');
    const artist = (text(artistMember) || text(getCaseInsensitive(artistMember, 'name'))).trim();
    const match: SearchMatch = {
      artist: kind === 'artist' ? name : artist,
      listeners: toInt(getCaseInsensitive(el, 'listeners')) ?? null,
    };
    if (kind === 'track') match.track = name;
    if (kind === 'album') match.album = name;
    const mbid = text(getCaseInsensitive(el, 'mbid')).trim();
    if (mbid) match.mbid = mbid;
    // A match without a name is of no use to a form.
    if (match.artist && (kind === 'artist' || name)) matches.push(match);
  }
  const total = toInt(getCaseInsensitive(results, 'opensearch:totalResults')) ?? matches.length;
  return { matches, total };
}

/**
 * album.getInfo: the album's tracks in order, each with its length in seconds. Last.fm sends
 * `duration` as a number, a numeric string or null (0 also means "unknown"), the position as
 * `@attr.rank`, and a one-track album's track as an object.
 */
export function parseAlbumInfo(json: unknown, method = 'album.getInfo'): AlbumInfo {
  const album = getCaseInsensitive(json, 'album');
  if (!isRecord(album)) throw unreadable(method);
  const name = text(getCaseInsensitive(album, 'name')).trim();
  const albumArtist = albumArtistOf(getCaseInsensitive(album, 'artist'));
  if (!name) throw unreadable(method);
  const list = asArray(getCaseInsensitive(getCaseInsensitive(album, 'tracks'), 'track'));
  const tracks: AlbumTrack[] = [];
  list.forEach((el, i) => {
    if (!isRecord(el)) return;
    const title = text(getCaseInsensitive(el, 'name')).trim();
    if (!title) return;
    const seconds = toInt(getCaseInsensitive(el, 'duration'));
    const rank = toInt(getCaseInsensitive(getCaseInsensitive(el, '@attr'), 'rank'));
    tracks.push({
      position: rank !== undefined && rank > 0 ? rank : i + 1,
      title,
      artist: albumArtistOf(getCaseInsensitive(el, 'artist')) || albumArtist,
      duration: seconds !== undefined && seconds > 0 ? seconds : null,
    });
  });
  return { artist: albumArtist, album: name, url: text(getCaseInsensitive(album, 'url')), tracks };
}

/** An artist as a bare string, `{ "#text" }` or `{ name }`. */
function albumArtistOf(member: unknown): string {
  return (text(member) || text(getCaseInsensitive(member, 'name'))).trim();
}
