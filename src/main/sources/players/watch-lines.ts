// What `scrobbletray watch` prints for each WatchEvent: one line for people, or one JSON
// object per line with "event" (player-seen, player-gone, now-playing, scrobbled, skipped,
// problem). Pure, so the command stays a thin loop and the wording is tested once.

import type { TrackInfo } from '../../../shared/track.js';
import type { WatchEvent } from './player-watcher.js';

/** The JSON object for one event; `queued` is what the core said when the scrobble was queued. */
export function watchEventJson(event: WatchEvent, queued?: unknown): Record<string, unknown> {
  const at = new Date(event.at).toISOString();
  switch (event.event) {
    case 'player-seen':
      return {
        event: 'player-seen',
        at,
        player: event.player,
        watched: event.watched,
        reason: event.reason,
      };
    case 'player-gone':
      return { event: 'player-gone', at, player: event.player };
    case 'now-playing':
      return {
        event: 'now-playing',
        at,
        player: event.player,
        track: event.track,
        startedAt: new Date(event.startedAt).toISOString(),
      };
    case 'scrobble':
      return {
        event: 'scrobbled',
        at,
        player: event.player,
        scrobble: event.scrobble,
        playedSeconds: Math.round(event.playedMs / 1000),
        ...(queued === undefined ? {} : { queued }),
      };
    case 'skipped':
      return {
        event: 'skipped',
        at,
        player: event.player,
        track: event.track,
        reason: event.reason,
        detail: event.detail,
        playedSeconds: Math.round(event.playedMs / 1000),
      };
    case 'problem':
      return { event: 'problem', at, message: event.message };
  }
}

/** One line for people. */
export function watchEventLine(event: WatchEvent): string {
  switch (event.event) {
    case 'player-seen':
      return event.watched
        ? `player ${event.player} seen: watching (${event.reason})`
        : `player ${event.player} seen: not watched (${event.reason})`;
    case 'player-gone':
      return `player ${event.player} gone`;
    case 'now-playing':
      return `now playing on ${event.player}: ${describeTrack(event.track)}`;
    case 'scrobble':
      return `scrobbled from ${event.player}: ${describeTrack(event.scrobble)}, started ${new Date(
        event.scrobble.timestamp * 1000,
      ).toISOString()}, played ${clock(event.playedMs)}`;
    case 'skipped':
      return `skipped on ${event.player}: ${event.track ? describeTrack(event.track) : 'unknown track'}: ${event.detail}`;
    case 'problem':
      return `problem: ${event.message}`;
  }
}

function describeTrack(track: TrackInfo): string {
  const album = track.album ? ` [${track.album}]` : '';
  const length = track.duration ? ` (${clock(track.duration * 1000)})` : '';
  return `${track.artist} – ${track.track}${album}${length}`;
}

function clock(ms: number): string {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
