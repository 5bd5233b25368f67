// Windows: System Media Transport Controls through the prebuilt addon
// `@coooookies/windows-smtc-monitor` (napi-rs, Windows 10 1809+). It is NOT a dependency of
// this package: its per-platform binaries are not on every registry mirror, and it only
// loads on Windows. It is imported dynamically, on win32 only; when it is missing, the user
// reads which package to install. The types below are our own copy of the addon's
// documented API (1.0.x), limited to what smtc-feed.ts uses.

export interface SmtcMediaProps {
  title: string;
  artist: string;
  albumTitle: string;
  albumArtist: string;
  genres: string[];
  albumTrackCount: number;
  trackNumber: number;
  thumbnail?: unknown;
}

export interface SmtcPlaybackInfo {
  /** 0 closed, 1 opened, 2 changing, 3 stopped, 4 playing, 5 paused. */
  playbackStatus: number;
  playbackType: number;
}

/** Seconds, as the addon reports them. */
export interface SmtcTimelineProps {
  position: number;
  duration: number;
}

export interface SmtcMediaInfo {
  sourceAppId: string;
  media: SmtcMediaProps;
  playback: SmtcPlaybackInfo;
  timeline: SmtcTimelineProps;
  /** ms since the epoch when the app last updated its timeline. */
  lastUpdatedTime: number;
}

/** The addon's SMTCMonitor: an EventEmitter with these events, plus `sessions`. */
export interface SmtcMonitor {
  readonly sessions: SmtcMediaInfo[];
  on(
    event: 'session-added',
    listener: (sourceAppId: string, media: SmtcMediaInfo) => void,
  ): unknown;
  on(event: 'session-removed', listener: (sourceAppId: string) => void): unknown;
  on(
    event: 'session-media-changed',
    listener: (sourceAppId: string, mediaProps: SmtcMediaProps) => void,
  ): unknown;
  on(
    event: 'session-timeline-changed',
    listener: (sourceAppId: string, timelineProps: SmtcTimelineProps) => void,
  ): unknown;
  on(
    event: 'session-playback-changed',
    listener: (sourceAppId: string, playbackInfo: SmtcPlaybackInfo) => void,
  ): unknown;
  destroy(): void;
}

export interface SmtcAddon {
  SMTCMonitor: {
    new (): SmtcMonitor;
    getMediaSessionByAppId(sourceAppId: string): SmtcMediaInfo | null;
  };
}

export const SMTC_PACKAGE = '@coooookies/windows-smtc-monitor';

/** Loads the addon on Windows, or throws an error that says plainly what is missing. */
export async function loadSmtcAddon(
  platform: NodeJS.Platform = process.platform,
  importer: (name: string) => Promise<unknown> = (name) => import(name),
): Promise<SmtcAddon> {
  if (platform !== 'win32') {
    throw new Error(`Windows media sessions (SMTC) exist only on Windows, not on ${platform}.`);
  }
  let loaded: unknown;
  try {
    loaded = await importer(SMTC_PACKAGE);
  } catch (error) {
    throw new Error(
      `Watching Windows players needs the optional package ${SMTC_PACKAGE}, which could not be loaded (${
        error instanceof Error ? error.message : String(error)
      }). Install it with: npm install ${SMTC_PACKAGE}`,
      { cause: error },
    );
  }
  const addon = loaded as Partial<SmtcAddon> & { default?: Partial<SmtcAddon> };
  const monitor = addon.SMTCMonitor ?? addon.default?.SMTCMonitor;
  if (typeof monitor !== 'function') {
    throw new Error(`${SMTC_PACKAGE} loaded but has no SMTCMonitor: an unsupported version.`);
  }
  return { SMTCMonitor: monitor };
}
