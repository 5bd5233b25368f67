import Conf from 'conf';

/**
 * The part of `conf` / `electron-store` the core uses. The Electron shell passes an
 * electron-store; the CLI and headless mode pass a conf store over the same file, so all three
 * fronts share one settings.json. Secrets never go here (they live in the keychain).
 */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export function openSettingsFile(dataDir: string): SettingsStore {
  const conf = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: 'settings',
    projectName: 'scrobbletray',
  });
  return {
    get: (key) => conf.get(key),
    set: (key, value) => conf.set(key, value),
    delete: (key) => conf.delete(key),
  };
}

/** A settings store held in memory: for tests and for one-off commands that must not write. */
export function memorySettings(initial: Record<string, unknown> = {}): SettingsStore {
  const values = new Map(Object.entries(initial));
  return {
    get: (key) => values.get(key),
    set: (key, value) => void values.set(key, value),
    delete: (key) => void values.delete(key),
  };
}
