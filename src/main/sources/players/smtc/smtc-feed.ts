// Windows players through SMTC, as a PlayerFeed. Sessions come and go with the apps
// (session-added/removed); media, playback and timeline changes arrive as events; the
// position of a playing session is re-read every few seconds, since apps update it rarely.
// Untested on Windows here (no Windows machine): the mapping and the event flow are tested
// with recorded objects in test/unit/players/smtc.test.ts.

import type { FeedSink, PlayerFeed } from '../player-feed.js';
import type { PlayerInput } from '../types.js';
import {
  loadSmtcAddon,
  type SmtcAddon,
  type SmtcMediaInfo,
  type SmtcMonitor,
} from './smtc-addon.js';
import { smtcPlayerName, smtcPositionMs, smtcStatus, smtcTrack } from './smtc-mapping.js';

export interface SmtcFeedOptions {
  /** How to get the addon (tests pass a recorded stand-in); default: load it on win32. */
  loadAddon?: () => Promise<SmtcAddon>;
  pollMs?: number;
  now?: () => number;
}

interface Session {
  watched: boolean;
  playing: boolean;
  timeline: SmtcMediaInfo['timeline'] | null;
  media: SmtcMediaInfo['media'] | null;
}

export class SmtcFeed implements PlayerFeed {
  private readonly sessions = new Map<string, Session>();
  private monitor: SmtcMonitor | null = null;
  private addon: SmtcAddon | null = null;
  private sink: FeedSink | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: SmtcFeedOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async start(sink: FeedSink): Promise<void> {
    const addon = await (this.options.loadAddon ?? (() => loadSmtcAddon()))();
    this.addon = addon;
    this.sink = sink;
    const monitor = new addon.SMTCMonitor();
    this.monitor = monitor;
    for (const info of monitor.sessions) this.added(info);
    monitor.on('session-added', (_id, info) => this.added(info));
    monitor.on('session-removed', (id) => this.removed(id));
    monitor.on('session-media-changed', (id, media) => {
      const s = this.sessions.get(id);
      if (!s?.watched) return;
      s.media = media;
      this.emit(id, { type: 'track', at: this.now(), track: smtcTrack(media, s.timeline) });
    });
    monitor.on('session-playback-changed', (id, playback) => {
      const s = this.sessions.get(id);
      const status = smtcStatus(playback.playbackStatus);
      if (!s?.watched || !status) return;
      s.playing = status === 'playing';
      this.emit(id, { type: 'status', at: this.now(), status });
    });
    monitor.on('session-timeline-changed', (id, timeline) => {
      const s = this.sessions.get(id);
      if (!s?.watched) return;
      const lengthChanged = (s.timeline?.duration ?? 0) !== timeline.duration;
      s.timeline = timeline;
      const at = this.now();
      if (lengthChanged && s.media)
        this.emit(id, { type: 'track', at, track: smtcTrack(s.media, timeline) });
      this.emit(id, { type: 'position', at, positionMs: timeline.position * 1000 });
    });
    this.pollTimer = setInterval(() => this.poll(), this.options.pollMs ?? 2000);
    this.pollTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.monitor?.destroy();
    this.monitor = null;
    this.sessions.clear();
    this.sink = null;
  }

  private added(info: SmtcMediaInfo): void {
    const id = info.sourceAppId;
    if (this.sessions.has(id)) return;
    const session: Session = {
      watched: false,
      playing: false,
      timeline: info.timeline,
      media: info.media,
    };
    this.sessions.set(id, session);
    session.watched = this.sink?.appeared({ id, name: smtcPlayerName(id) }) ?? false;
    if (!session.watched) return;
    const at = this.now();
    const status = smtcStatus(info.playback.playbackStatus);
    session.playing = status === 'playing';
    this.emit(id, { type: 'track', at, track: smtcTrack(info.media, info.timeline) });
    this.emit(id, {
      type: 'position',
      at,
      positionMs: smtcPositionMs(info.timeline, info.lastUpdatedTime, session.playing, at),
    });
    if (status) this.emit(id, { type: 'status', at, status });
  }

  private removed(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    if (session.watched) this.sink?.vanished(id, this.now());
  }

  private poll(): void {
    const addon = this.addon;
    if (!addon) return;
    for (const [id, session] of this.sessions) {
      if (!session.watched || !session.playing) continue;
      let info: SmtcMediaInfo | null;
      try {
        info = addon.SMTCMonitor.getMediaSessionByAppId(id);
      } catch {
        continue;
      }
      if (!info) continue;
      const at = this.now();
      this.emit(id, {
        type: 'position',
        at,
        positionMs: smtcPositionMs(info.timeline, info.lastUpdatedTime, true, at),
      });
    }
  }

  private emit(id: string, input: PlayerInput): void {
    this.sink?.input(id, input);
  }
}
