// SMTC objects -> our player vocabulary. Pure.

import { stablePlayerName } from '../player-policy.js';
import type { PlaybackStatus, PlayerTrack } from '../types.js';
import type { SmtcMediaProps, SmtcTimelineProps } from './smtc-addon.js';

/** App ids that are opaque hashes, by what they are (Firefox registers this AUMID). */
const KNOWN_APP_IDS: Readonly<Record<string, string>> = {
  '308046b0af4a39cb': 'firefox',
  '6f193ccc56814779': 'firefox',
};

/** `Spotify.exe` -> spotify; `Microsoft.ZuneMusic_8wekyb3d8bbwe!Microsoft.ZuneMusic` -> microsoft.zunemusic. */
export function smtcPlayerName(sourceAppId: string): string {
  const lower = sourceAppId.toLowerCase();
  const known = KNOWN_APP_IDS[lower];
  if (known) return known;
  const packaged = /^([^_!]+)_[a-z0-9]+!/.exec(lower);
  return stablePlayerName(packaged ? (packaged[1] ?? lower) : lower);
}

export function smtcStatus(playbackStatus: number): PlaybackStatus | null {
  switch (playbackStatus) {
    case 4:
      return 'playing';
    case 5:
      return 'paused';
    case 0:
    case 3:
      return 'stopped';
    default:
      return null; // 1 opened, 2 changing: transitions, the next report settles them
  }
}

export function smtcTrack(media: SmtcMediaProps, timeline: SmtcTimelineProps | null): PlayerTrack {
  const text = (s: string | undefined) => (s && s.trim() ? s.trim() : null);
  const duration = timeline?.duration ?? 0;
  return {
    artist: text(media.artist),
    title: text(media.title),
    album: text(media.albumTitle),
    albumArtist: text(media.albumArtist),
    trackNumber: media.trackNumber > 0 ? media.trackNumber : null,
    lengthMs: duration > 0 ? Math.round(duration * 1000) : null,
    trackId: null,
    url: null,
  };
}

/**
 * Where the track is now. SMTC positions are as of the app's last timeline update, which
 * apps send rarely (on seek, on track change); while playing, time moved on since then.
 */
export function smtcPositionMs(
  timeline: SmtcTimelineProps,
  lastUpdatedTime: number | null,
  playing: boolean,
  now: number,
): number {
  const base = timeline.position * 1000;
  if (!playing || lastUpdatedTime === null || lastUpdatedTime <= 0) return base;
  return base + Math.max(0, now - lastUpdatedTime);
}
