import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { FeedSink } from '../../../src/main/sources/players/player-feed.js';
import {
  loadSmtcAddon,
  type SmtcAddon,
  type SmtcMediaInfo,
} from '../../../src/main/sources/players/smtc/smtc-addon.js';
import { SmtcFeed } from '../../../src/main/sources/players/smtc/smtc-feed.js';
import {
  smtcPlayerName,
  smtcPositionMs,
  smtcStatus,
  smtcTrack,
} from '../../../src/main/sources/players/smtc/smtc-mapping.js';
import type { PlayerInput } from '../../../src/main/sources/players/types.js';

// The SMTC addon only runs on Windows, so it cannot run here: these tests feed our mapping and
// feed with objects shaped exactly like the addon's documented output (its README sample for
// PotPlayer, and a Spotify session), through a stand-in monitor that emits the addon's events.

const potPlayer: SmtcMediaInfo = {
  sourceAppId: 'PotPlayerMini64.exe',
  media: {
    title: 'ぱられループ を歌ってみた (Jeku remix)',
    artist: 'Jeku/aori',
    albumTitle: '',
    albumArtist: 'ぱられループ を歌ってみた (Jeku remix)',
    genres: [],
    albumTrackCount: 0,
    trackNumber: 0,
  },
  playback: { playbackStatus: 4, playbackType: 1 },
  timeline: { position: 217.228, duration: 259 },
  lastUpdatedTime: 1740000000000,
};

const spotify: SmtcMediaInfo = {
  sourceAppId: 'Spotify.exe',
  media: {
    title: 'Teardrop',
    artist: 'Massive Attack',
    albumTitle: 'Mezzanine',
    albumArtist: 'Massive Attack',
    genres: [],
    albumTrackCount: 11,
    trackNumber: 3,
  },
  playback: { playbackStatus: 5, playbackType: 1 },
  timeline: { position: 12, duration: 330.5 },
  lastUpdatedTime: 1740000100000,
};

describe('SMTC mapping', () => {
  it('maps media properties and the timeline to a track', () => {
    expect(smtcTrack(spotify.media, spotify.timeline)).toEqual({
      artist: 'Massive Attack',
      title: 'Teardrop',
      album: 'Mezzanine',
      albumArtist: 'Massive Attack',
      trackNumber: 3,
      lengthMs: 330_500,
      trackId: null,
      url: null,
    });
    expect(smtcTrack(potPlayer.media, { position: 0, duration: 0 })).toMatchObject({
      album: null,
      trackNumber: null,
      lengthMs: null,
    });
  });

  it('names players by app id', () => {
    expect(smtcPlayerName('Spotify.exe')).toBe('spotify');
    expect(smtcPlayerName('Microsoft.ZuneMusic_8wekyb3d8bbwe!Microsoft.ZuneMusic')).toBe(
      'microsoft.zunemusic',
    );
    expect(smtcPlayerName('308046B0AF4A39CB')).toBe('firefox');
    expect(smtcPlayerName('MSEdge')).toBe('msedge');
  });

  it('maps playback status codes, leaving transitions alone', () => {
    expect([0, 1, 2, 3, 4, 5].map(smtcStatus)).toEqual([
      'stopped',
      null,
      null,
      'stopped',
      'playing',
      'paused',
    ]);
  });

  it('moves a playing position on from the last update', () => {
    const t = potPlayer.lastUpdatedTime;
    expect(smtcPositionMs(potPlayer.timeline, t, true, t + 5000)).toBeCloseTo(222_228);
    expect(smtcPositionMs(potPlayer.timeline, t, false, t + 5000)).toBeCloseTo(217_228);
  });
});

class RecordedMonitor extends EventEmitter {
  static current: SmtcMediaInfo[] = [];
  static getMediaSessionByAppId(id: string) {
    return RecordedMonitor.current.find((s) => s.sourceAppId === id) ?? null;
  }
  destroyed = false;
  get sessions() {
    return RecordedMonitor.current;
  }
  destroy() {
    this.destroyed = true;
  }
}

describe('SMTC feed', () => {
  it('turns the addon events into player inputs, honouring the policy', async () => {
    RecordedMonitor.current = [potPlayer, spotify];
    const made: RecordedMonitor[] = [];
    const addon = {
      SMTCMonitor: class extends RecordedMonitor {
        constructor() {
          super();
          made.push(this);
        }
      },
    } as unknown as SmtcAddon;
    const inputs: [string, PlayerInput][] = [];
    const seen: string[] = [];
    const gone: string[] = [];
    const sink: FeedSink = {
      appeared: (p) => {
        seen.push(p.name);
        return p.name === 'spotify';
      },
      input: (id, input) => inputs.push([id, input]),
      vanished: (id) => gone.push(id),
      problem: () => {},
    };
    let clock = 1740000200000;
    const feed = new SmtcFeed({ loadAddon: async () => addon, now: () => clock, pollMs: 60_000 });
    await feed.start(sink);
    expect(seen).toEqual(['potplayermini64', 'spotify']);
    // Only the watched session reports; paused, so the position is as reported.
    expect(inputs.map(([id, i]) => [id, i.type])).toEqual([
      ['Spotify.exe', 'track'],
      ['Spotify.exe', 'position'],
      ['Spotify.exe', 'status'],
    ]);
    expect(inputs[1]![1]).toMatchObject({ positionMs: 12_000 });

    inputs.length = 0;
    clock += 1000;
    made[0]!.emit('session-playback-changed', 'Spotify.exe', {
      playbackStatus: 4,
      playbackType: 1,
    });
    made[0]!.emit('session-media-changed', 'Spotify.exe', { ...spotify.media, title: 'Angel' });
    made[0]!.emit('session-timeline-changed', 'PotPlayerMini64.exe', { position: 1, duration: 2 });
    made[0]!.emit('session-removed', 'Spotify.exe');
    expect(inputs.map(([, i]) => i)).toEqual([
      { type: 'status', at: clock, status: 'playing' },
      {
        type: 'track',
        at: clock,
        track: expect.objectContaining({ title: 'Angel', lengthMs: 330_500 }),
      },
    ]);
    expect(gone).toEqual(['Spotify.exe']);
    await feed.stop();
    expect(made[0]!.destroyed).toBe(true);
  });
});

describe('loading the SMTC addon', () => {
  it('says plainly that SMTC is Windows-only elsewhere', async () => {
    await expect(loadSmtcAddon('linux')).rejects.toThrow(/only on Windows, not on linux/);
  });

  it('names the package to install when it is missing on Windows', async () => {
    const missing = async () => {
      throw new Error("Cannot find package '@coooookies/windows-smtc-monitor'");
    };
    await expect(loadSmtcAddon('win32', missing)).rejects.toThrow(
      /npm install @coooookies\/windows-smtc-monitor/,
    );
  });

  it('accepts the addon as an ES module or through a default export', async () => {
    const SMTCMonitor = RecordedMonitor;
    expect((await loadSmtcAddon('win32', async () => ({ SMTCMonitor }))).SMTCMonitor).toBe(
      SMTCMonitor,
    );
    expect(
      (await loadSmtcAddon('win32', async () => ({ default: { SMTCMonitor } }))).SMTCMonitor,
    ).toBe(SMTCMonitor);
  });
});
