import { ContractInputError } from '../../shared/contract.js';
import type { CoreEvent } from '../../shared/core-events.js';
import {
  PREFERENCE_KEYS,
  readPreferences,
  type Preferences,
  type PreferencesView,
} from '../../shared/preferences.js';
import type { SettingsStore } from './store.js';

// Reads and changes the user's preferences over the core's settings store, and tells every
// front (the Electron shell applies start at login and redraws the tray) when they change.
// The window and the tray's own checkbox both come through here, so they cannot disagree.

export interface PreferencesHost {
  settings: SettingsStore;
  events: { emit(event: CoreEvent): void };
  /** What this front can do: start at login needs the desktop app. */
  capabilities: { startAtLogin: boolean };
}

export function getPreferences(host: PreferencesHost): PreferencesView {
  return {
    ...readPreferences((key) => host.settings.get(key)),
    canStartAtLogin: host.capabilities.startAtLogin,
  };
}

/** Store the given preferences (already validated by the contract); returns them all. */
export function setPreferences(host: PreferencesHost, patch: Partial<Preferences>): Preferences {
  if (patch.startAtLogin !== undefined && !host.capabilities.startAtLogin) {
    // Headless mode has no login item to create; storing it would surprise later.
    throw new ContractInputError('Start at login can only be changed in the desktop app.');
  }
  let written = false;
  for (const key of PREFERENCE_KEYS) {
    const value = patch[key];
    if (value === undefined) continue;
    host.settings.set(key, value);
    written = true;
  }
  // Told even when the stored value did not change: the OS login item may have drifted from
  // it (removed in the system settings), and applying it again puts them back in step.
  if (written) host.events.emit({ type: 'preferences-changed' });
  return readPreferences((key) => host.settings.get(key));
}
