import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { afterAll, describe, expect, it } from 'vitest';
import { openSettingsFile } from '../../src/main/settings/store.js';
import { tempDir } from '../support/temp-dir.js';

// The CLI's settings store and the Electron shell's electron-store share one settings.json.
// electron-store cannot be imported outside Electron; it is conf underneath (same author,
// same file code), so conf stands in for it here: each side must read what the other wrote.

const dirs: Array<{ path: string; cleanup(): void }> = [];
afterAll(() => dirs.forEach((d) => d.cleanup()));
function folder() {
  const d = tempDir('scrobbletray-settings-format-');
  dirs.push(d);
  return d.path;
}
const confAt = (dir: string) =>
  new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', projectName: 'x' });

describe('settings.json, shared with electron-store', () => {
  it('reads what electron-store (conf) wrote, dotted keys as nested objects', () => {
    const dir = folder();
    const conf = confAt(dir);
    conf.set('lastfm.apiKey', 'key-1');
    conf.set('windowBounds.main', { x: 1, y: 2, width: 800, height: 600 });
    conf.set('notifications', false);
    const ours = openSettingsFile(dir);
    expect(ours.get('lastfm.apiKey')).toBe('key-1');
    expect(ours.get('lastfm')).toEqual({ apiKey: 'key-1' });
    expect(ours.get('windowBounds.main')).toEqual({ x: 1, y: 2, width: 800, height: 600 });
    expect(ours.get('notifications')).toBe(false);
    expect(ours.get('missing.key')).toBeUndefined();
  });

  it('writes what electron-store (conf) reads, byte for byte the same layout', () => {
    const ourDir = folder();
    const confDir = folder();
    const ours = openSettingsFile(ourDir);
    const conf = confAt(confDir);
    for (const store of [ours, conf]) {
      store.set('lastfm.apiKey', 'key-1');
      store.set('accounts.lastfm', ['alice']);
      store.set('startAtLogin', true);
      store.set('lastfm.apiKey', 'key-2');
      store.delete('startAtLogin');
      store.delete('never.set');
    }
    const file = (dir: string) => readFileSync(join(dir, 'settings.json'), 'utf8');
    expect(file(ourDir)).toBe(file(confDir));
    expect(confAt(ourDir).get('accounts.lastfm')).toEqual(['alice']);
    // Atomic writes leave no temporary file behind.
    expect(readdirSync(ourDir)).toEqual(['settings.json']);
  });

  it('writes nothing until something is set, and refuses prototype keys', () => {
    const dir = folder();
    const ours = openSettingsFile(dir);
    expect(ours.get('anything')).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
    expect(() => ours.set('__proto__.polluted', true)).toThrow(/not a settings key/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
