import { z } from 'zod';

// The user's non-secret preferences, as settings.json holds them (one top-level key each, so
// the CLI's conf store and Electron's electron-store read the same file). Scrobbling on/off is
// not here: it is the queue's pause state, kept per service in the database.

const PREFERENCE_FIELDS = {
  /** Desktop notifications: sign-in needed, a scrobble failed for good, daily limit reached. */
  notifications: z.boolean(),
  /** Start the tray app when the user logs in (desktop app only). */
  startAtLogin: z.boolean(),
  /** Scrobble what desktop media players play (MPRIS, SMTC, MediaRemote). */
  watchPlayers: z.boolean(),
  /**
   * Per player, by stable name (`mpv`, `vlc`, `firefox`): scrobble its plays or not. A player
   * without an entry is on, except browsers (off). players.set changes one entry.
   */
  players: z
    .record(
      z.string().trim().min(1, 'a player name is needed').max(200, 'player names are short'),
      z.boolean(),
    )
    .refine((map) => Object.keys(map).length <= 500, 'at most 500 players can be listed'),
};

export const PREFERENCES_SCHEMA = z.strictObject(PREFERENCE_FIELDS);
/** A change: any subset of the preferences, nothing else. */
export const PREFERENCES_PATCH_SCHEMA = PREFERENCES_SCHEMA.partial();

export type Preferences = z.infer<typeof PREFERENCES_SCHEMA>;
export type PreferenceKey = keyof Preferences;

/** What preferences.get answers: the preferences and what this front can change. */
export interface PreferencesView extends Preferences {
  /** False in headless mode: only the desktop app can add a login item. */
  canStartAtLogin: boolean;
}

export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({
  notifications: true,
  startAtLogin: false,
  watchPlayers: true,
  players: Object.freeze({}) as Record<string, boolean>,
});

export const PREFERENCE_KEYS = Object.keys(PREFERENCE_FIELDS) as PreferenceKey[];

/**
 * The preferences from a settings store. A hand-edited or older file may hold anything: each
 * key that is missing or not the right type falls back to its default on its own.
 */
export function readPreferences(get: (key: string) => unknown): Preferences {
  const out: Preferences = { ...DEFAULT_PREFERENCES };
  for (const key of PREFERENCE_KEYS) {
    const parsed = PREFERENCE_FIELDS[key].safeParse(get(key));
    // Each field's schema parses its own key's type (the cast only tells tsc so).
    if (parsed.success) (out as Record<PreferenceKey, unknown>)[key] = parsed.data;
  }
  return out;
}
