import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** settings.json cannot be read or saved; the message names the file and the fix. */
export class SettingsFileError extends Error {
  override readonly name = 'SettingsFileError';
  readonly path: string;
  readonly code: string | undefined;

  constructor(message: string, path: string, code?: string) {
    super(message);
    this.path = path;
    this.code = code;
  }
}

export const SETTINGS_FILE_NAME = 'settings.json';

export function settingsPath(dataDir: string): string {
  return join(dataDir, SETTINGS_FILE_NAME);
}

export function openSettingsFile(dataDir: string): SettingsStore {
  const path = settingsPath(dataDir);
  return guardSettings(path, () => {
    checkSettingsFile(path);
    return new Conf<Record<string, unknown>>({
      cwd: dataDir,
      configName: 'settings',
      projectName: 'scrobbletray',
    });
  });
}

/**
 * A settings store whose every failure is a SettingsFileError. `open` makes the underlying
 * store (conf, or electron-store in the shell); both read the whole file on each get and
 * write it atomically (a temporary file, then a rename) on each set, so a failed save leaves
 * the file as it was.
 */
export function guardSettings(path: string, open: () => SettingsStore): SettingsStore {
  const guarded =
    <A extends unknown[], R>(action: 'read' | 'save', fn: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return fn(...args);
      } catch (error) {
        throw settingsFileError(error, path, action);
      }
    };
  const store = guarded('read', open)();
  return {
    get: guarded('read', (key: string) => store.get(key)),
    set: guarded('save', (key: string, value: unknown) => store.set(key, value)),
    delete: guarded('save', (key: string) => store.delete(key)),
  };
}

/**
 * Refuse a settings file that is not a JSON object before conf sees it: conf would throw a
 * bare "Unexpected end of JSON input" for an empty or cut-off file, and would quietly
 * overwrite one holding `null` or a list on the next save.
 */
export function checkSettingsFile(path: string): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // first run
    throw error;
  }
  if (text.trim() === '') throw new BrokenSettings('is empty');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // The parser's own message can quote the file; ours says what is wrong without it.
    const cutOff =
      error instanceof SyntaxError && /end of (JSON )?input|Unterminated/i.test(error.message);
    throw new BrokenSettings(cutOff ? 'was cut off (it ends mid-way)' : 'is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BrokenSettings('does not hold a JSON object (settings are { "name": value, … })');
  }
}

class BrokenSettings extends Error {}

/** What went wrong with settings.json, in words that say what to do. */
export function settingsFileError(
  error: unknown,
  path: string,
  action: 'read' | 'save',
): SettingsFileError {
  if (error instanceof SettingsFileError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const moveAside =
    `Nothing was changed. Repair the file by hand, or rename it (for example to ` +
    `${SETTINGS_FILE_NAME}.broken) to start with default settings: the API key, the ` +
    `signed-in accounts, added servers and preferences it held would then need setting up ` +
    `again (secrets stay in the keychain).`;
  if (error instanceof BrokenSettings || error instanceof SyntaxError) {
    const what = error instanceof BrokenSettings ? error.message : 'is not valid JSON';
    return new SettingsFileError(`The settings file ${path} ${what}. ${moveAside}`, path);
  }
  const verb = action === 'read' ? 'read' : 'save settings to';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new SettingsFileError(
        `Could not save settings to ${path}: the disk is full (${code}). Free some space on ` +
          `that disk and try again; the file still holds the settings it had.`,
        path,
        code,
      );
    case 'EACCES':
    case 'EPERM':
      return new SettingsFileError(
        `Could not ${verb} ${path}: permission denied (${code}). Make the file and its folder ` +
          `readable and writable by your user, or point SCROBBLETRAY_DATA_DIR at a folder you own.`,
        path,
        code,
      );
    case 'EROFS':
      return new SettingsFileError(
        `Could not save settings to ${path}: the disk is read-only (EROFS). Point ` +
          `SCROBBLETRAY_DATA_DIR at a writable folder.`,
        path,
        code,
      );
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return new SettingsFileError(`Could not ${verb} ${path}: ${detail}`, path, code);
    }
  }
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
