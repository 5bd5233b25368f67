import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * The part of `conf` / `electron-store` the core uses. The Electron shell passes an
 * electron-store; the CLI and headless mode pass `openSettingsFile`, which reads and writes
 * the same settings.json in the same format, so all three fronts share one file. Secrets
 * never go here (they live in the keychain).
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
    return jsonSettingsFile(path);
  });
}

/**
 * settings.json as conf (and so electron-store) keeps it: one JSON object, keys with dots
 * are paths into nested objects ("windowBounds.main"), written tab-indented, atomically (a
 * temporary file in the same folder, then a rename), read afresh on every get so the shell
 * and the CLI see each other's changes. Our own ~40 lines instead of conf, whose schema
 * validator (ajv) alone made every CLI command start a tenth of a second slower.
 */
function jsonSettingsFile(path: string): SettingsStore {
  const read = (): Record<string, unknown> => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    checkSettingsText(text);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const write = (store: Record<string, unknown>) => {
    mkdirSync(dirname(path), { recursive: true });
    const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify(store, undefined, '\t'));
      renameSync(temp, path);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  };
  return {
    get: (key) => {
      let node: unknown = read();
      for (const part of keyPath(key)) {
        if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) {
          return undefined;
        }
        node = (node as Record<string, unknown>)[part];
      }
      return node;
    },
    set: (key, value) => {
      if (value === undefined) throw new TypeError('Use delete() to clear a setting.');
      const store = read();
      const parts = keyPath(key);
      let node = store;
      for (const part of parts.slice(0, -1)) {
        const next = node[part];
        node[part] = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {};
        node = node[part] as Record<string, unknown>;
      }
      node[parts.at(-1) ?? key] = value;
      write(store);
    },
    delete: (key) => {
      const store = read();
      const parts = keyPath(key);
      let node: unknown = store;
      for (const part of parts.slice(0, -1)) {
        if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return;
        node = (node as Record<string, unknown>)[part];
      }
      const last = parts.at(-1) ?? key;
      if (typeof node !== 'object' || node === null || !Object.hasOwn(node, last)) return;
      Reflect.deleteProperty(node, last);
      write(store);
    },
  };
}

/** "a.b\\.c" -> ["a", "b.c"], as conf's dot-prop reads keys; prototype names refused. */
function keyPath(key: string): string[] {
  const parts = key.split(/(?<!\\)\./).map((p) => p.replaceAll('\\.', '.'));
  if (parts.some((p) => p === '__proto__' || p === 'prototype' || p === 'constructor')) {
    throw new TypeError(`"${key}" is not a settings key.`);
  }
  return parts;
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
 * Refuse a settings file that is not a JSON object, with words that say so: conf (under
 * electron-store) would throw a bare "Unexpected end of JSON input" for an empty or cut-off
 * file, and would quietly overwrite one holding `null` or a list on the next save.
 */
export function checkSettingsFile(path: string): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // first run
    throw error;
  }
  checkSettingsText(text);
}

function checkSettingsText(text: string): void {
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
