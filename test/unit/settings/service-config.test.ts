import { describe, expect, it } from 'vitest';
import { memorySettings } from '../../../src/main/settings/store.js';
import {
  resolveServiceEndpoints,
  scrobbleToSwitch,
  setScrobbleToSwitch,
} from '../../../src/main/settings/service-config.js';
import { resolveDataDir } from '../../../src/main/data-dir.js';

describe('resolveServiceEndpoints', () => {
  it('uses the Last.fm preset when nothing is configured', () => {
    const e = resolveServiceEndpoints('lastfm', memorySettings(), {});
    expect(e.apiUrl).toBe('https://ws.audioscrobbler.com/2.0/');
    expect(e.authUrl).toBe('https://www.last.fm/api/auth/');
    expect(e.apiKey).toBeNull();
  });

  it('lets settings override the preset and the environment override settings', () => {
    const settings = memorySettings({
      'services.lastfm.apiUrl': 'http://settings/2.0/',
      'services.lastfm.apiKey': 'from-settings',
    });
    expect(resolveServiceEndpoints('lastfm', settings, {}).apiUrl).toBe('http://settings/2.0/');
    const env = {
      SCROBBLETRAY_LASTFM_API_URL: 'http://env/2.0/',
      SCROBBLETRAY_LASTFM_AUTH_URL: 'http://env/api/auth/',
      SCROBBLETRAY_LASTFM_API_KEY: 'from-env',
    };
    expect(resolveServiceEndpoints('lastfm', settings, env)).toMatchObject({
      apiUrl: 'http://env/2.0/',
      authUrl: 'http://env/api/auth/',
      apiKey: 'from-env',
    });
  });

  it('does not apply the Last.fm variables to other services', () => {
    const env = { SCROBBLETRAY_LASTFM_API_URL: 'http://env/2.0/' };
    expect(resolveServiceEndpoints('librefm', memorySettings(), env).apiUrl).toBe(
      'https://libre.fm/2.0/',
    );
  });

  it('finds custom services in settings and names the choices for an unknown one', () => {
    const custom = {
      id: 'home',
      name: 'Home GNU FM',
      protocol: 'lastfm2',
      apiUrl: 'http://h/2.0/',
      authUrl: 'http://h/api/auth/',
      flavor: 'gnufm',
    };
    expect(
      resolveServiceEndpoints('home', memorySettings({ customServices: [custom] }), {}).apiUrl,
    ).toBe('http://h/2.0/');
    expect(() => resolveServiceEndpoints('nope', memorySettings(), {})).toThrow(
      /Use one of: lastfm, librefm/,
    );
  });
});

describe('ListenBrainz and the scrobble-to switch', () => {
  it('SCROBBLETRAY_LISTENBRAINZ_API_URL overrides ListenBrainz, and only ListenBrainz', () => {
    expect(resolveServiceEndpoints('listenbrainz', memorySettings(), {}).apiUrl).toBe(
      'https://api.listenbrainz.org/',
    );
    const env = { SCROBBLETRAY_LISTENBRAINZ_API_URL: 'http://127.0.0.1:9/' };
    expect(resolveServiceEndpoints('listenbrainz', memorySettings(), env).apiUrl).toBe(
      'http://127.0.0.1:9/',
    );
    expect(resolveServiceEndpoints('lastfm', memorySettings(), env).apiUrl).toBe(
      'https://ws.audioscrobbler.com/2.0/',
    );
  });

  it('is on unless turned off, per service', () => {
    const settings = memorySettings();
    expect(scrobbleToSwitch(settings, 'librefm')).toBe(true);
    setScrobbleToSwitch(settings, 'librefm', false);
    expect(scrobbleToSwitch(settings, 'librefm')).toBe(false);
    expect(scrobbleToSwitch(settings, 'lastfm')).toBe(true);
    setScrobbleToSwitch(settings, 'librefm', true);
    expect(scrobbleToSwitch(settings, 'librefm')).toBe(true);
  });
});

describe('resolveDataDir', () => {
  it('prefers SCROBBLETRAY_DATA_DIR, then Electron userData, then XDG_DATA_HOME', () => {
    expect(resolveDataDir({ SCROBBLETRAY_DATA_DIR: '/d' }, '/u', 'linux')).toBe('/d');
    expect(resolveDataDir({}, '/u', 'linux')).toBe('/u');
    expect(resolveDataDir({ XDG_DATA_HOME: '/x' }, undefined, 'linux')).toBe('/x/scrobbletray');
  });
});
