// track.scrobble, track.updateNowPlaying, track.love and track.unlove: the writes.

import { POST_ONLY_WRITE } from './method-spec.js';
import type { MethodContext, MethodSpec } from './method-spec.js';
import { fail, ok } from './responses.js';
import type { ApiResult, JsonObject } from './responses.js';
import { parseScrobbleItems, readItem } from './scrobble-items.js';
import type { ScrobbleParamsItem } from './scrobble-items.js';
import type { FakeLastfmState } from './state.js';

const IGNORED_MESSAGES: Readonly<Record<number, string>> = {
  1: 'Artist was ignored',
  3: 'Timestamp was too old',
  4: 'Timestamp was too new',
  5: 'Daily scrobble limit exceeded',
};

/** GNU FM takes no play before this (2001-12-22), whatever its age; nothing else is too old. */
const GNU_FM_OLDEST = 1_009_000_000;

/** GNU FM's codes: 3 and 4 the other way round from Last.fm's, and 91 for a duplicate. */
const GNUFM_IGNORED_MESSAGES: Readonly<Record<number, string>> = {
  1: 'Artist was ignored',
  3: 'Timestamp is too new',
  4: 'Timestamp is too old',
  5: 'Daily scrobble limit exceeded',
  91: 'Already scrobbled',
};

/**
 * A field as Last.fm echoes it: {"corrected":"0","#text":"Cher"}. Like Last.fm, an empty field
 * comes back without '#text' at all ({"corrected":"0"}), so clients must not assume it.
 */
function echoed(text: string, corrected: boolean): JsonObject {
  const flag = corrected ? '1' : '0';
  return text === '' ? { corrected: flag } : { corrected: flag, '#text': text };
}

function ignoredMessage(state: FakeLastfmState, code: number): JsonObject {
  const messages = state.config.flavor === 'gnufm' ? GNUFM_IGNORED_MESSAGES : IGNORED_MESSAGES;
  return { code: String(code), '#text': messages[code] ?? '' };
}

/** Ignored code for one item (0 = accepted), checked in Last.fm's order of reasons. */
function ignoreCode(state: FakeLastfmState, user: string, item: ScrobbleParamsItem): number {
  const { maxAgeDays, futureToleranceSec, dailyCap } = state.config;
  const nowSec = Math.floor(state.nowMs() / 1000);
  const gnufm = state.config.flavor === 'gnufm';
  if (state.isRejectedArtist(item.artist)) return 1;
  if (gnufm && item.timestamp < GNU_FM_OLDEST) return 4;
  if (maxAgeDays !== null && item.timestamp < nowSec - maxAgeDays * 24 * 60 * 60) {
    return gnufm ? 4 : 3;
  }
  if (item.timestamp > nowSec + futureToleranceSec) return gnufm ? 3 : 4;
  if (gnufm && state.hasScrobble(user, item.artist, item.track, item.timestamp)) return 91;
  if (state.acceptedToday(user) >= dailyCap) return 5;
  return 0;
}

function scrobble({ state, params, sessionUser }: MethodContext): ApiResult {
  const items = parseScrobbleItems(params);
  if (!items) return fail(6);
  if (!sessionUser) return fail(9);
  if (items.some((item) => state.config.poisonTracks.has(item.track.toLowerCase()))) {
    return fail(6, 'Invalid parameters - one scrobble in this request is malformed');
  }
  // Like Last.fm, one item comes back as an object rather than an array, and its key is
  // spelled `ignoredmessage`; batches use `ignoredMessage`. Last.fm varies the case.
  const single = items.length === 1;
  const ignoredKey = single ? 'ignoredmessage' : 'ignoredMessage';
  let accepted = 0;
  const entries = items.map((item): JsonObject => {
    const correctedArtist = state.correctArtist(item.artist);
    const code = ignoreCode(state, sessionUser, item);
    if (code === 0) {
      accepted++;
      state.scrobbles.push({
        ...item,
        user: sessionUser,
        correctedArtist,
        artistCorrected: correctedArtist !== item.artist,
        receivedAt: state.nowMs(),
      });
    }
    return {
      artist: echoed(correctedArtist, correctedArtist !== item.artist),
      album: echoed(item.album, false),
      albumArtist: echoed(item.albumArtist, false),
      track: echoed(item.track, false),
      [ignoredKey]: ignoredMessage(state, code),
      timestamp: String(item.timestamp),
    };
  });
  const first = entries[0];
  return ok({
    scrobbles: {
      scrobble: single && first ? first : entries,
      '@attr': { accepted: String(accepted), ignored: String(items.length - accepted) },
    },
  });
}

function updateNowPlaying({ state, params, sessionUser }: MethodContext): ApiResult {
  const item = readItem(params, '', false);
  if (!item) return fail(6);
  if (!sessionUser) return fail(9);
  const correctedArtist = state.correctArtist(item.artist);
  const code = state.isRejectedArtist(item.artist) ? 1 : 0;
  if (code === 0) {
    const { timestamp: _unused, chosenByUser: _unusedToo, ...track } = item;
    state.setNowPlaying({
      ...track,
      user: sessionUser,
      correctedArtist,
      receivedAt: state.nowMs(),
    });
  }
  return ok({
    nowplaying: {
      artist: echoed(correctedArtist, correctedArtist !== item.artist),
      track: echoed(item.track, false),
      album: echoed(item.album, false),
      albumArtist: echoed(item.albumArtist, false),
      ignoredMessage: ignoredMessage(state, code),
    },
  });
}

function loveOrUnlove(love: boolean) {
  return ({ state, params, sessionUser }: MethodContext): ApiResult => {
    const item = readItem(params, '', false);
    if (!item) return fail(6);
    if (!sessionUser) return fail(9);
    if (love) state.love(sessionUser, item.artist, item.track);
    else state.unlove(sessionUser, item.artist, item.track);
    return ok({});
  };
}

const WRITE = { postOnly: POST_ONLY_WRITE, alwaysSigned: false, session: 'required' } as const;

export const TRACK_METHODS: Readonly<Record<string, MethodSpec>> = {
  'track.scrobble': { ...WRITE, required: ['sk'], handle: scrobble },
  'track.updatenowplaying': {
    ...WRITE,
    required: ['artist', 'track', 'sk'],
    handle: updateNowPlaying,
  },
  'track.love': { ...WRITE, required: ['artist', 'track', 'sk'], handle: loveOrUnlove(true) },
  'track.unlove': { ...WRITE, required: ['artist', 'track', 'sk'], handle: loveOrUnlove(false) },
};
