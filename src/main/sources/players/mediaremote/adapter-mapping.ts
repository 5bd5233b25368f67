// MediaRemote now-playing state (as folded by adapter-lines.ts) -> our player vocabulary.
// Handles both key sets the adapter prints: with `--micros` (durationMicros,
// elapsedTimeMicros, timestampEpochMicros) and without (duration and elapsedTime in seconds,
// timestamp as an ISO date or epoch seconds).

import type { PlaybackStatus, PlayerTrack } from '../types.js';
import type { AdapterPayload } from './adapter-lines.js';

export interface NowPlayingSnapshot {
  /** The app's bundle id (the parent app's for a helper process, e.g. a browser tab). */
  app: string;
  track: PlayerTrack;
  status: PlaybackStatus;
  rate: number | null;
  /** Position as of `positionAt` (ms since the epoch), if the app reported one. */
  positionMs: number | null;
  positionAt: number | null;
}

/** null when no app reports anything (the adapter's empty payload). */
export function snapshotOf(state: AdapterPayload): NowPlayingSnapshot | null {
  const app = text(state.parentApplicationBundleIdentifier) ?? text(state.bundleIdentifier);
  if (!app) return null;
  const durationMs =
    num(state.durationMicros) !== null
      ? (num(state.durationMicros) as number) / 1000
      : secondsToMs(state.duration);
  const elapsedMs =
    num(state.elapsedTimeMicros) !== null
      ? (num(state.elapsedTimeMicros) as number) / 1000
      : secondsToMs(state.elapsedTime);
  const stampMs =
    num(state.timestampEpochMicros) !== null
      ? (num(state.timestampEpochMicros) as number) / 1000
      : dateMs(state.timestamp);
  const trackNumber = num(state.trackNumber);
  return {
    app,
    track: {
      artist: text(state.artist),
      title: text(state.title),
      album: text(state.album),
      albumArtist: null,
      trackNumber: trackNumber !== null && trackNumber > 0 ? trackNumber : null,
      lengthMs: durationMs !== null && durationMs > 0 ? Math.round(durationMs) : null,
      trackId: text(state.contentItemIdentifier) ?? text(state.uniqueIdentifier),
      url: null,
    },
    status: state.playing === true ? 'playing' : 'paused',
    rate: num(state.playbackRate),
    positionMs: elapsedMs,
    positionAt: elapsedMs === null ? null : stampMs,
  };
}

/** Position now: the reported one moved on by the time since it was stamped, when playing. */
export function positionNow(snapshot: NowPlayingSnapshot, now: number): number | null {
  if (snapshot.positionMs === null) return null;
  if (snapshot.status !== 'playing' || snapshot.positionAt === null) return snapshot.positionMs;
  return snapshot.positionMs + Math.max(0, now - snapshot.positionAt) * (snapshot.rate ?? 1);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function secondsToMs(value: unknown): number | null {
  const n = num(value);
  return n === null ? null : n * 1000;
}

function dateMs(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}
