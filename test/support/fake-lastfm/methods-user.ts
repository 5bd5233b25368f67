// user.getRecentTracks and user.getInfo: the reads.

import type { MethodContext, MethodSpec, Params } from './method-spec.js';
import { fail, ok } from './responses.js';
import type { ApiResult, JsonObject } from './responses.js';
import type { FakeLastfmState } from './state.js';
import type { RecordedNowPlaying, RecordedScrobble } from './types.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
/** How long a now-playing entry shows without a duration; with one, it lasts that long. */
const NOW_PLAYING_DEFAULT_SEC = 600;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Last.fm's date text, e.g. "04 Mar 2024, 14:05" (UTC). */
function dateText(unixSec: number): string {
  const d = new Date(unixSec * 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  const month = MONTHS[d.getUTCMonth()] ?? '';
  return `${two(d.getUTCDate())} ${month} ${d.getUTCFullYear()}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

function musicUrl(...parts: string[]): string {
  const enc = (p: string): string => encodeURIComponent(p).replace(/%20/g, '+');
  return `https://www.last.fm/music/${parts.map(enc).join('/_/')}`;
}

/** Optional whole-number parameter: undefined when absent, null when invalid. */
function wholeParam(params: Params, name: string): number | undefined | null {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  return /^\d+$/.test(value) ? Number(value) : null;
}

function recentTrack(
  state: FakeLastfmState,
  user: string,
  play: RecordedScrobble | RecordedNowPlaying,
  extended: boolean,
): JsonObject {
  const artist = play.correctedArtist;
  const entry: JsonObject = {
    artist: extended
      ? { url: musicUrl(artist), name: artist, mbid: '' }
      : { mbid: '', '#text': artist },
    streamable: '0',
    mbid: play.mbid ?? '',
    album: { mbid: '', '#text': play.album },
    name: play.track,
    url: musicUrl(artist, play.track),
  };
  if (extended) entry.loved = state.isLoved(user, artist, play.track) ? '1' : '0';
  if ('timestamp' in play) {
    entry.date = { uts: String(play.timestamp), '#text': dateText(play.timestamp) };
  } else {
    entry['@attr'] = { nowplaying: 'true' };
  }
  return entry;
}

function isPlayingNow(state: FakeLastfmState, playing: RecordedNowPlaying | undefined): boolean {
  if (!playing) return false;
  const lastsMs = (playing.duration ?? NOW_PLAYING_DEFAULT_SEC) * 1000;
  return state.nowMs() < playing.receivedAt + lastsMs;
}

function getRecentTracks({ state, params }: MethodContext): ApiResult {
  const user = state.findUser(params.user ?? '');
  if (!user) return fail(6, 'User not found');
  const limitParam = wholeParam(params, 'limit');
  const page = wholeParam(params, 'page') ?? 1;
  const from = wholeParam(params, 'from');
  const to = wholeParam(params, 'to');
  if (limitParam === null || limitParam === 0 || page === null || page === 0) return fail(6);
  if (from === null || to === null) return fail(6);
  // Last.fm caps limit at 200 rather than refusing a larger one.
  const limit = Math.min(limitParam ?? DEFAULT_LIMIT, MAX_LIMIT);
  const extended = params.extended === '1' || params.extended === 'true';

  // Newest first; among equal timestamps, the later arrival first.
  const plays = state
    .scrobblesOf(user)
    .map((play, order) => ({ play, order }))
    .filter(
      ({ play }) =>
        (from === undefined || play.timestamp >= from) &&
        (to === undefined || play.timestamp <= to),
    )
    .sort((a, b) => b.play.timestamp - a.play.timestamp || b.order - a.order)
    .map(({ play }) => play);
  const tracks = plays
    .slice((page - 1) * limit, page * limit)
    .map((play) => recentTrack(state, user, play, extended));
  // The playing track is an extra entry on page 1, counted in neither perPage nor total.
  const playing = state.nowPlaying(user);
  if (page === 1 && playing && isPlayingNow(state, playing)) {
    tracks.unshift(recentTrack(state, user, playing, extended));
  }
  const first = tracks[0];
  return ok({
    recenttracks: {
      // One track arrives as an object, not an array, as on Last.fm.
      track: tracks.length === 1 && first ? first : tracks,
      '@attr': {
        user,
        totalPages: String(Math.ceil(plays.length / limit)),
        page: String(page),
        perPage: String(limit),
        total: String(plays.length),
      },
    },
  });
}

function getInfo({ state, params, sessionUser }: MethodContext): ApiResult {
  const name = params.user ? state.findUser(params.user) : (sessionUser ?? undefined);
  if (!params.user && !sessionUser) return fail(6);
  if (!name) return fail(6, 'User not found');
  const registered = Math.floor(state.registeredAt(name) / 1000);
  return ok({
    user: {
      name,
      realname: '',
      url: `https://www.last.fm/user/${encodeURIComponent(name)}`,
      country: 'None',
      subscriber: '0',
      playcount: String(state.scrobblesOf(name).length),
      registered: { unixtime: String(registered), '#text': registered },
      type: 'user',
    },
  });
}

export const USER_METHODS: Readonly<Record<string, MethodSpec>> = {
  'user.getrecenttracks': {
    alwaysSigned: false,
    session: 'none',
    required: ['user'],
    handle: getRecentTracks,
  },
  'user.getinfo': { alwaysSigned: false, session: 'optional', required: [], handle: getInfo },
};
