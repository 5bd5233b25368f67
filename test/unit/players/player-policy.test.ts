import { describe, expect, it } from 'vitest';
import {
  decidePlayer,
  isBrowser,
  stablePlayerName,
} from '../../../src/main/sources/players/player-policy.js';

describe('stable player names', () => {
  it.each([
    ['org.mpris.MediaPlayer2.vlc', 'vlc'],
    ['org.mpris.MediaPlayer2.vlc.instance1234', 'vlc'],
    ['org.mpris.MediaPlayer2.firefox.instance_1_84', 'firefox'],
    ['org.mpris.MediaPlayer2.chromium.instance52011', 'chromium'],
    ['org.mpris.MediaPlayer2.mpv.instance99', 'mpv'],
    ['org.mpris.MediaPlayer2.spotify', 'spotify'],
    ['org.mpris.MediaPlayer2.Lollypop', 'lollypop'],
    ['Spotify.exe', 'spotify'],
  ])('%s -> %s', (busName, stable) => {
    expect(stablePlayerName(busName)).toBe(stable);
  });
});

describe('which players are watched', () => {
  it('watches ordinary players by default', () => {
    expect(decidePlayer('mpv')).toMatchObject({ watch: true });
    expect(decidePlayer('spotify')).toMatchObject({ watch: true });
  });

  it('leaves browsers off by default, on Linux, Windows and macOS names alike', () => {
    for (const name of [
      'firefox',
      'chromium',
      'chrome',
      'google-chrome',
      'brave',
      'vivaldi',
      'opera',
      'msedge',
      'microsoft-edge',
      'epiphany',
      'plasma-browser-integration',
      'com.google.chrome',
      'org.mozilla.firefox',
      'com.apple.safari',
    ]) {
      expect(isBrowser(name), name).toBe(true);
      expect(decidePlayer(name).watch, name).toBe(false);
    }
  });

  it("follows the user's choice per player, browsers included", () => {
    expect(decidePlayer('firefox', { firefox: true })).toEqual({
      watch: true,
      reason: 'switched on in settings',
    });
    expect(decidePlayer('vlc', { vlc: false }).watch).toBe(false);
  });

  it('always ignores playerctld, which mirrors other players', () => {
    expect(decidePlayer('playerctld', { playerctld: true }).watch).toBe(false);
  });
});
