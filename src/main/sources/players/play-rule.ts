// When a play becomes a scrobble: one pure state machine per player. It holds no timers and
// reads no clock: the driver feeds it what the player reported, each with a timestamp, and
// asks `nextWakeAt()` when to call again with a `tick` if nothing else happens. That keeps
// every edge case testable as a scripted sequence of inputs (test/unit/players).
//
// The rule (docs/PLAYERS.md has the reasoning):
// - A play scrobbles once it has been PLAYING for half the track's length or 4 minutes,
//   whichever comes first, and only if the track is longer than 30 s. Paused, stopped and
//   zero-rate time do not count; a seek adds nothing (time is wall-clock time spent playing,
//   not distance travelled in the file).
// - Unknown length: 30 s of play (what pano-scrobbler and web-scrobbler do); `null` = never.
// - One scrobble per play, timestamped when the play first started playing.
// - A repeat or restart (the position goes back to within the first 2 s from at least 3 s
//   further on) ends the play and starts a new one.
// - Metadata in pieces: for the first `settleMs` of a play, a change of metadata completes
//   the same play instead of starting a new one, and now-playing waits until it has settled.
// - Stopped or gone ends the play: it scrobbles then if it had qualified.

import type { ScrobbleItem, TrackInfo } from '../../../shared/track.js';
import type { PlayAction, PlaybackStatus, PlayerInput, PlayerTrack, SkipReason } from './types.js';

export interface PlayRules {
  /** Tracks this long or shorter never scrobble (Last.fm: 30 s). */
  minLengthMs: number;
  /** Share of the length that must be played (Last.fm: half). */
  playFraction: number;
  /** ...or this much play, whichever comes first (Last.fm: 4 minutes). */
  maxPlayMs: number;
  /** Play needed when the player does not report a length; null = never scrobble those. */
  unknownLengthPlayMs: number | null;
  /** How long after new metadata a change still counts as the same play being completed. */
  settleMs: number;
  /** A jump to at most this position counts as "back at the start"... */
  restartPositionMs: number;
  /** ...when it went back at least this far: then it is a new play (repeat or restart). */
  restartMinBackMs: number;
  /** A polled position this far from where the play should be is treated as a seek. */
  seekToleranceMs: number;
}

export const LASTFM_RULES: Readonly<PlayRules> = Object.freeze({
  minLengthMs: 30_000,
  playFraction: 0.5,
  maxPlayMs: 240_000,
  unknownLengthPlayMs: 30_000,
  settleMs: 1_000,
  restartPositionMs: 2_000,
  restartMinBackMs: 3_000,
  seekToleranceMs: 2_500,
});

/** Where a play stands (PlayTracker.progress). */
export interface PlayProgress {
  track: TrackInfo;
  startedAt: number;
  playedMs: number;
  /** Play time needed to scrobble; null when it never will (`reason` says why). */
  neededMs: number | null;
  reason: string | null;
  /** Play time is growing (playing, rate above 0). */
  counting: boolean;
  scrobbled: boolean;
  positionMs: number;
  lengthMs: number | null;
}

interface Play {
  track: PlayerTrack;
  /** When this play's metadata first arrived: the settle window runs from here. */
  firstSeenAt: number;
  /** The first moment it was playing; the scrobble's timestamp. */
  startedAt: number | null;
  playedMs: number;
  nowPlayingSent: boolean;
  scrobbled: boolean;
}

type Verdict = { ok: true; needMs: number } | { ok: false; reason: SkipReason; detail: string };

export class PlayTracker {
  private readonly rules: PlayRules;
  private status: PlaybackStatus = 'stopped';
  private rate = 1;
  /** The latest metadata, kept across plays so a restart or stop/play can start a new one. */
  private track: PlayerTrack | null = null;
  private play: Play | null = null;
  /** Wall time from which play time is accruing, or null when it is not. */
  private countingSince: number | null = null;
  /** Last known position and when; the expected position moves on from it while playing. */
  private anchor = { positionMs: 0, at: 0 };

  constructor(rules: Partial<PlayRules> = {}) {
    this.rules = { ...LASTFM_RULES, ...rules };
  }

  handle(input: PlayerInput): PlayAction[] {
    const { at } = input;
    const actions: PlayAction[] = [];
    this.accrue(at);
    switch (input.type) {
      case 'track':
        this.onTrack(input.track, at, actions);
        break;
      case 'status':
        this.anchor = { positionMs: this.expectedPosition(at), at };
        this.status = input.status;
        if (input.status === 'stopped') {
          this.end(actions);
          this.anchor = { positionMs: 0, at };
        } else if (!this.play && this.track) {
          // Play again after a stop: the same metadata, a new play.
          this.begin(this.track, at);
        }
        break;
      case 'rate':
        this.anchor = { positionMs: this.expectedPosition(at), at };
        this.rate = input.rate;
        break;
      case 'seeked':
        this.jump(input.positionMs, at, actions);
        break;
      case 'position':
        if (Math.abs(input.positionMs - this.expectedPosition(at)) > this.rules.seekToleranceMs) {
          this.jump(input.positionMs, at, actions);
        } else {
          this.anchor = { positionMs: input.positionMs, at };
        }
        break;
      case 'tick':
        break;
      case 'gone':
        this.end(actions);
        this.track = null;
        this.status = 'stopped';
        break;
    }
    this.updateCounting(at);
    this.checkProgress(at, actions);
    return actions;
  }

  /** When to call again with a `tick` if nothing else arrives, or null for "no need". */
  nextWakeAt(): number | null {
    const play = this.play;
    if (!play || play.startedAt === null) return null;
    const settledAt = play.firstSeenAt + this.rules.settleMs;
    const wakes: number[] = [];
    if (!play.nowPlayingSent) wakes.push(settledAt);
    if (!play.scrobbled && this.countingSince !== null) {
      const verdict = this.verdict(play.track);
      if (verdict.ok) {
        const due = this.countingSince + Math.max(0, verdict.needMs - play.playedMs);
        wakes.push(Math.max(due, settledAt));
      }
    }
    return wakes.length > 0 ? Math.min(...wakes) : null;
  }

  /** Play time of the current play so far (for display and tests). */
  playedMs(at: number): number {
    if (!this.play) return 0;
    const running = this.countingSince === null ? 0 : Math.max(0, at - this.countingSince);
    return this.play.playedMs + running;
  }

  /**
   * The play in progress as a person would follow it (the window's now-playing card), or null
   * before it has settled and been announced (so a file name never shows as a track).
   */
  progress(at: number): PlayProgress | null {
    const play = this.play;
    if (!play || play.startedAt === null || !play.nowPlayingSent) return null;
    const track = trackInfo(play.track);
    if (!track) return null;
    const verdict = this.verdict(play.track);
    return {
      track,
      startedAt: play.startedAt,
      playedMs: this.playedMs(at),
      neededMs: verdict.ok ? verdict.needMs : null,
      reason: verdict.ok ? null : verdict.detail,
      counting: this.countingSince !== null,
      scrobbled: play.scrobbled,
      positionMs: this.expectedPosition(at),
      lengthMs: play.track.lengthMs,
    };
  }

  private onTrack(track: PlayerTrack, at: number, actions: PlayAction[]): void {
    const play = this.play;
    this.track = track;
    if (!play) {
      this.begin(track, at);
      this.anchor = { positionMs: 0, at };
      return;
    }
    if (sameItem(play.track, track)) {
      // The same item with more or corrected details (a length arriving late, say).
      play.track = track;
      return;
    }
    if (at - play.firstSeenAt < this.rules.settleMs) {
      // Metadata arriving in pieces (mpv: the file name first, the tags ~100 ms later):
      // the same play, now complete.
      play.track = track;
      return;
    }
    this.end(actions);
    this.begin(track, at);
    this.anchor = { positionMs: 0, at };
  }

  private jump(positionMs: number, at: number, actions: PlayAction[]): void {
    const before = this.expectedPosition(at);
    const backToStart =
      positionMs <= this.rules.restartPositionMs &&
      before - positionMs >= this.rules.restartMinBackMs;
    this.anchor = { positionMs, at };
    if (backToStart && this.track) {
      this.end(actions);
      this.begin(this.track, at);
    }
  }

  /**
   * A new play, settling like fresh metadata even on a restart: mpv resets the position a few
   * ms before it announces the next file, so a jump to 0 may really be the next track.
   */
  private begin(track: PlayerTrack, at: number): void {
    this.play = {
      track,
      firstSeenAt: at,
      startedAt: null,
      playedMs: 0,
      nowPlayingSent: false,
      scrobbled: false,
    };
    this.countingSince = null;
  }

  /** Ends the current play: a scrobble if it qualified and was not sent, else a skip. */
  private end(actions: PlayAction[]): void {
    const play = this.play;
    this.play = null;
    this.countingSince = null;
    if (!play || play.scrobbled || play.playedMs <= 0) return;
    const verdict = this.verdict(play.track);
    if (verdict.ok && play.playedMs >= verdict.needMs && play.startedAt !== null) {
      actions.push(this.scrobbleOf(play));
      return;
    }
    actions.push({
      type: 'skip',
      track: trackInfo(play.track),
      reason: verdict.ok ? 'not-played-enough' : verdict.reason,
      detail: verdict.ok
        ? `played ${seconds(play.playedMs)} of the ${seconds(verdict.needMs)} needed`
        : verdict.detail,
      playedMs: play.playedMs,
    });
  }

  private accrue(at: number): void {
    if (this.play && this.countingSince !== null) {
      this.play.playedMs += Math.max(0, at - this.countingSince);
      this.countingSince = at;
    }
  }

  private updateCounting(at: number): void {
    const playing = this.status === 'playing' && this.rate > 0 && this.play !== null;
    if (!playing) {
      this.countingSince = null;
      return;
    }
    this.countingSince ??= at;
    if (this.play && this.play.startedAt === null) this.play.startedAt = at;
  }

  private checkProgress(at: number, actions: PlayAction[]): void {
    const play = this.play;
    if (!play || play.startedAt === null) return;
    if (at - play.firstSeenAt < this.rules.settleMs) return;
    if (!play.nowPlayingSent) {
      play.nowPlayingSent = true;
      const info = trackInfo(play.track);
      if (info) actions.push({ type: 'now-playing', track: info, startedAt: play.startedAt });
    }
    if (play.scrobbled) return;
    const verdict = this.verdict(play.track);
    if (verdict.ok && play.playedMs >= verdict.needMs) actions.push(this.scrobbleOf(play));
  }

  private scrobbleOf(play: Play): PlayAction {
    play.scrobbled = true;
    const info = trackInfo(play.track);
    // verdict() only passes tracks with artist and title, so info is set here.
    const scrobble: ScrobbleItem = {
      ...(info as TrackInfo),
      timestamp: Math.floor((play.startedAt ?? 0) / 1000),
    };
    return { type: 'scrobble', scrobble, playedMs: play.playedMs };
  }

  private verdict(track: PlayerTrack): Verdict {
    const r = this.rules;
    if (!track.artist || !track.title) {
      return {
        ok: false,
        reason: 'missing-artist-or-title',
        detail: 'the player reports no artist or no title',
      };
    }
    if (track.lengthMs === null) {
      if (r.unknownLengthPlayMs === null) {
        return {
          ok: false,
          reason: 'unknown-length',
          detail: 'the player reports no length, and unknown lengths are not scrobbled',
        };
      }
      return { ok: true, needMs: r.unknownLengthPlayMs };
    }
    if (track.lengthMs <= r.minLengthMs) {
      return {
        ok: false,
        reason: 'too-short',
        detail: `the track is ${seconds(track.lengthMs)} long; only tracks longer than ${seconds(r.minLengthMs)} count`,
      };
    }
    return { ok: true, needMs: Math.min(track.lengthMs * r.playFraction, r.maxPlayMs) };
  }

  private expectedPosition(at: number): number {
    const moving = this.status === 'playing' && this.play !== null;
    return this.anchor.positionMs + (moving ? Math.max(0, at - this.anchor.at) * this.rate : 0);
  }
}

/** Same item: the same artist, title and album (case and spacing aside) and the same id. */
export function sameItem(a: PlayerTrack, b: PlayerTrack): boolean {
  return (
    norm(a.artist) === norm(b.artist) &&
    norm(a.title) === norm(b.title) &&
    norm(a.album) === norm(b.album) &&
    (a.trackId === null || b.trackId === null || a.trackId === b.trackId)
  );
}

/** The key two players' reports of one track share (artist and title, normalised). */
export function trackKey(track: TrackInfo): string {
  return `${norm(track.artist)}\u0000${norm(track.track)}`;
}

/** TrackInfo for the queue, or null when artist or title is missing. */
export function trackInfo(track: PlayerTrack): TrackInfo | null {
  if (!track.artist || !track.title) return null;
  const info: TrackInfo = { artist: track.artist, track: track.title };
  if (track.album) info.album = track.album;
  if (track.albumArtist) info.albumArtist = track.albumArtist;
  // Last.fm silently ignores scrobbles that carry a duration under 30 s: leave those out.
  if (track.lengthMs !== null && track.lengthMs >= 30_000) {
    info.duration = Math.round(track.lengthMs / 1000);
  }
  if (track.trackNumber !== null && track.trackNumber > 0) info.trackNumber = track.trackNumber;
  return info;
}

function norm(text: string | null): string {
  return (text ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
