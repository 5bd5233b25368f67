// The user's preferences as every front reaches them: through dispatch() and the shared
// contract, stored in the core's settings. A core on the fake Last.fm with a real SQLite
// file; the keychain is the in-memory double (queue-harness.ts says why).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/api/dispatch.js';
import { Core } from '../../src/main/core.js';
import { MemorySecretStore } from '../../src/main/secrets/memory-store.js';
import { openSettingsFile } from '../../src/main/settings/store.js';
import { ContractInputError } from '../../src/shared/contract.js';
import type { CoreEvent } from '../../src/shared/core-events.js';
import { queueHarness, type QueueHarness } from '../support/queue-harness.js';
import { tempDir } from '../support/temp-dir.js';

let h: QueueHarness | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const fn of cleanups.splice(0)) await fn();
});

const changes = (events: readonly CoreEvent[]) =>
  events.filter((e) => e.type === 'preferences-changed');

describe('preferences through the contract', () => {
  it('starts from the defaults; headless mode cannot start at login', async () => {
    h = await queueHarness();
    expect(await dispatch(h.core, 'preferences.get', {})).toEqual({
      notifications: true,
      startAtLogin: false,
      watchPlayers: true,
      players: {},
      canStartAtLogin: false,
    });
  });

  it('stores a change, answers with the new preferences and tells every front', async () => {
    h = await queueHarness();
    const before = changes(h.events).length;
    expect(await dispatch(h.core, 'preferences.set', { notifications: false })).toEqual({
      notifications: false,
      startAtLogin: false,
      watchPlayers: true,
      players: {},
    });
    expect(h.core.settings.get('notifications')).toBe(false);
    expect(await dispatch(h.core, 'preferences.get', {})).toMatchObject({ notifications: false });
    expect(changes(h.events)).toHaveLength(before + 1);
  });

  it('refuses bad input without storing or telling anyone', async () => {
    h = await queueHarness();
    const before = changes(h.events).length;
    for (const input of [{ notifications: 'off' }, { notification: false }, { theme: 'dark' }]) {
      await expect(dispatch(h.core, 'preferences.set', input)).rejects.toBeInstanceOf(
        ContractInputError,
      );
    }
    await expect(dispatch(h.core, 'preferences.get', { extra: 1 })).rejects.toThrow(
      /Invalid input for preferences\.get/,
    );
    // Headless mode has no login item to create.
    await expect(dispatch(h.core, 'preferences.set', { startAtLogin: true })).rejects.toThrow(
      /only be changed in the desktop app/,
    );
    expect(h.core.settings.get('notifications')).toBeUndefined();
    expect(h.core.settings.get('startAtLogin')).toBeUndefined();
    expect(changes(h.events)).toHaveLength(before);
  });

  it('shrugs off garbage a hand edit left in the file', async () => {
    h = await queueHarness();
    h.core.settings.set('notifications', 'sometimes');
    expect(await dispatch(h.core, 'preferences.get', {})).toMatchObject({ notifications: true });
  });

  it('writes settings.json in the format every front reads, and keeps it over a restart', async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const open = () =>
      new Core({
        dataDir: dir.path,
        env: {},
        settings: openSettingsFile(dir.path),
        secrets: new MemorySecretStore(),
        capabilities: { startAtLogin: true },
      });
    let core = open();
    cleanups.push(() => core.close());
    expect(await dispatch(core, 'preferences.get', {})).toMatchObject({ canStartAtLogin: true });
    await dispatch(core, 'preferences.set', { notifications: false, startAtLogin: true });
    const file = JSON.parse(readFileSync(join(dir.path, 'settings.json'), 'utf8')) as unknown;
    expect(file).toMatchObject({ notifications: false, startAtLogin: true });
    await core.close();
    core = open();
    expect(await dispatch(core, 'preferences.get', {})).toEqual({
      notifications: false,
      startAtLogin: true,
      watchPlayers: true,
      players: {},
      canStartAtLogin: true,
    });
  });
});
