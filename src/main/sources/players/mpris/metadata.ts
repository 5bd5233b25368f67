// MPRIS properties -> our player vocabulary. Pure: the values arrive already unwrapped by
// the PlayerBus (see player-bus.ts).

import type { PlaybackStatus, PlayerTrack } from '../types.js';

/** `Metadata` (a{sv}) -> PlayerTrack. Artists are an array in MPRIS; we join them. */
export function trackFromMetadata(metadata: Record<string, unknown>): PlayerTrack {
  const artists = strings(metadata['xesam:artist']);
  const albumArtists = strings(metadata['xesam:albumArtist']);
  const lengthUs = finite(metadata['mpris:length']);
  const trackNumber = finite(metadata['xesam:trackNumber']);
  return {
    artist: artists.length > 0 ? artists.join(', ') : null,
    title: text(metadata['xesam:title']),
    album: text(metadata['xesam:album']),
    albumArtist: albumArtists.length > 0 ? albumArtists.join(', ') : null,
    trackNumber: trackNumber !== null && trackNumber > 0 ? Math.trunc(trackNumber) : null,
    lengthMs: lengthUs !== null && lengthUs > 0 ? Math.round(lengthUs / 1000) : null,
    trackId: text(metadata['mpris:trackid']),
    url: text(metadata['xesam:url']),
  };
}

export function statusFrom(value: unknown): PlaybackStatus | null {
  if (value === 'Playing') return 'playing';
  if (value === 'Paused') return 'paused';
  if (value === 'Stopped') return 'stopped';
  return null;
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map(text).filter((s): s is string => s !== null);
}

function finite(value: unknown): number | null {
  const n = typeof value === 'bigint' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}
