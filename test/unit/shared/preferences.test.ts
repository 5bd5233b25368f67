import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PREFERENCES,
  PREFERENCES_PATCH_SCHEMA,
  readPreferences,
} from '../../../src/shared/preferences.js';

const from = (values: Record<string, unknown>) => (key: string) => values[key];

describe('readPreferences', () => {
  it('gives the defaults for an empty settings file', () => {
    const defaults = { notifications: true, startAtLogin: false, watchPlayers: true, players: {} };
    expect(readPreferences(from({}))).toEqual(defaults);
    expect(DEFAULT_PREFERENCES).toEqual(defaults);
  });

  it('reads stored values', () => {
    expect(readPreferences(from({ notifications: false, startAtLogin: true }))).toEqual({
      notifications: false,
      startAtLogin: true,
      watchPlayers: true,
      players: {},
    });
  });

  it('falls back to the default for each key holding garbage, keeping the good ones', () => {
    expect(readPreferences(from({ notifications: 'no', startAtLogin: true }))).toEqual({
      notifications: true,
      startAtLogin: true,
      watchPlayers: true,
      players: {},
    });
    expect(readPreferences(from({ notifications: false, startAtLogin: { on: 1 } }))).toEqual({
      notifications: false,
      startAtLogin: false,
      watchPlayers: true,
      players: {},
    });
    expect(readPreferences(from({ notifications: null, startAtLogin: 1 }))).toEqual(
      DEFAULT_PREFERENCES,
    );
  });

  it('ignores unrelated keys in the file', () => {
    expect(readPreferences(from({ windowBounds: {}, customServices: [] }))).toEqual(
      DEFAULT_PREFERENCES,
    );
  });
});

describe('the preferences patch', () => {
  it('accepts any subset of the preferences', () => {
    expect(PREFERENCES_PATCH_SCHEMA.safeParse({}).success).toBe(true);
    expect(PREFERENCES_PATCH_SCHEMA.safeParse({ notifications: false }).success).toBe(true);
  });

  it('refuses unknown keys and wrong types', () => {
    expect(PREFERENCES_PATCH_SCHEMA.safeParse({ notification: false }).success).toBe(false);
    expect(PREFERENCES_PATCH_SCHEMA.safeParse({ notifications: 'off' }).success).toBe(false);
  });
});

describe('the players preferences', () => {
  it('reads the per-player choices and drops a malformed map as a whole', () => {
    expect(readPreferences(from({ players: { mpv: false, firefox: true } })).players).toEqual({
      mpv: false,
      firefox: true,
    });
    expect(readPreferences(from({ players: { mpv: 'off' } })).players).toEqual({});
    expect(readPreferences(from({ watchPlayers: false })).watchPlayers).toBe(false);
  });

  it('refuses an empty player name or a value that is not on/off', () => {
    expect(PREFERENCES_PATCH_SCHEMA.safeParse({ players: { '': true } }).success).toBe(false);
    expect(PREFERENCES_PATCH_SCHEMA.safeParse({ players: { mpv: 1 } }).success).toBe(false);
    expect(PREFERENCES_PATCH_SCHEMA.safeParse({ watchPlayers: 'yes' }).success).toBe(false);
  });
});
