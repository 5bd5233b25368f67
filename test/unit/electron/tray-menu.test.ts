import { describe, expect, it } from 'vitest';
import {
  buildTrayMenu,
  timeAgo,
  type MenuItemSpec,
  type TrayMenuModel,
} from '../../../src/main/electron/tray-menu.js';
import { account, NOW, signedOut } from './fixtures.js';

function model(patch: Partial<TrayMenuModel> = {}): TrayMenuModel {
  return {
    now: NOW,
    nowPlaying: null,
    lastScrobble: null,
    status: 'nothing waiting',
    sendable: 0,
    paused: false,
    accounts: [account(), signedOut('librefm', 'Libre.fm')],
    startAtLogin: false,
    escapeMnemonics: false,
    ...patch,
  };
}

const labels = (items: MenuItemSpec[]) =>
  items.map((i) => (i.type === 'separator' ? '—' : i.label));
const byAction = (items: MenuItemSpec[], action: string) => items.find((i) => i.action === action);
const byLabel = (items: MenuItemSpec[], label: string) => items.find((i) => i.label === label);

describe('tray menu', () => {
  it('has every item in order', () => {
    const items = buildTrayMenu(model({ sendable: 3, status: '3 waiting' }));
    expect(labels(items)).toEqual([
      'No scrobbles yet',
      '3 waiting',
      '—',
      'Open queue…',
      'Scrobble manually…',
      'Send now (3 due)',
      'Pause scrobbling',
      '—',
      'Signed in as rj',
      'Start at login',
      '—',
      'Quit',
    ]);
  });

  it('information lines are disabled and do nothing', () => {
    const [play, status] = buildTrayMenu(model());
    expect(play).toEqual({
      type: 'normal',
      label: 'No scrobbles yet',
      enabled: false,
      action: null,
    });
    expect(status).toMatchObject({ enabled: false, action: null });
  });

  it('shows what is playing and, below it, the last scrobble, both as disabled lines', () => {
    const items = buildTrayMenu(
      model({
        nowPlaying: { artist: 'Grouper', track: 'Heavy Water' },
        lastScrobble: { artist: 'Low', track: 'Words', timestamp: NOW / 1000 - 300 },
        status: '1 waiting',
      }),
    );
    expect(labels(items).slice(0, 4)).toEqual([
      'Now playing: Grouper — Heavy Water',
      'Last scrobbled: Low — Words (5 min ago)',
      '1 waiting',
      '—',
    ]);
    expect(items.slice(0, 2).every((i) => !i.enabled && i.action === null)).toBe(true);
  });

  it('shows the last scrobble with how long ago it was played', () => {
    const items = buildTrayMenu(
      model({ lastScrobble: { artist: 'Low', track: 'Words', timestamp: NOW / 1000 - 300 } }),
    );
    expect(items[0]?.label).toBe('Last scrobbled: Low — Words (5 min ago)');
  });

  it('shows now playing alone before anything was scrobbled', () => {
    const items = buildTrayMenu(model({ nowPlaying: { artist: 'Grouper', track: 'Heavy Water' } }));
    expect(labels(items).slice(0, 2)).toEqual([
      'Now playing: Grouper — Heavy Water',
      'nothing waiting',
    ]);
  });

  it('the everyday actions are enabled and carry their action ids', () => {
    const items = buildTrayMenu(model());
    expect(byLabel(items, 'Open queue…')).toMatchObject({ enabled: true, action: 'open-queue' });
    expect(byLabel(items, 'Scrobble manually…')).toMatchObject({
      enabled: true,
      action: 'open-manual',
    });
    expect(byLabel(items, 'Quit')).toMatchObject({ enabled: true, action: 'quit' });
  });

  describe('Send now', () => {
    it('is disabled with nothing to send', () => {
      expect(byAction(buildTrayMenu(model()), 'send-now')).toMatchObject({
        label: 'Send now (0 due)',
        enabled: false,
      });
    });

    it('is enabled with the count', () => {
      expect(byAction(buildTrayMenu(model({ sendable: 12 })), 'send-now')).toMatchObject({
        label: 'Send now (12 due)',
        enabled: true,
      });
    });

    it('is disabled while paused: a paused queue sends nothing', () => {
      expect(
        byAction(buildTrayMenu(model({ sendable: 2, paused: true })), 'send-now'),
      ).toMatchObject({ enabled: false });
    });
  });

  it('offers Pause when running and Resume when paused', () => {
    const running = buildTrayMenu(model());
    expect(byAction(running, 'pause')?.label).toBe('Pause scrobbling');
    expect(byAction(running, 'resume')).toBeUndefined();
    const paused = buildTrayMenu(model({ paused: true }));
    expect(byAction(paused, 'resume')).toMatchObject({ label: 'Resume scrobbling', enabled: true });
    expect(byAction(paused, 'pause')).toBeUndefined();
  });

  describe('account line', () => {
    const accountLabels = (m: TrayMenuModel) =>
      buildTrayMenu(m)
        .filter((i) => i.action === 'open-account')
        .map((i) => i.label);

    it('says who is signed in', () => {
      expect(accountLabels(model())).toEqual(['Signed in as rj']);
    });

    it('offers Sign in… when nobody is', () => {
      const items = buildTrayMenu(model({ accounts: [signedOut(), signedOut('librefm')] }));
      expect(byAction(items, 'open-account')).toMatchObject({ label: 'Sign in…', enabled: true });
    });

    it('offers Sign in again… when the session was revoked', () => {
      expect(accountLabels(model({ accounts: [account({ needsSignIn: true })] }))).toEqual([
        'Sign in again…',
      ]);
    });

    it('names the service on each line when several are signed in', () => {
      const accounts = [
        account(),
        account({ service: 'librefm', name: 'Libre.fm', user: 'faif', needsSignIn: true }),
      ];
      expect(accountLabels(model({ accounts }))).toEqual([
        'Signed in as rj on Last.fm',
        'Sign in again to Libre.fm…',
      ]);
    });
  });

  it('Start at login is a checkbox that reflects the setting', () => {
    expect(byAction(buildTrayMenu(model()), 'toggle-start-at-login')).toEqual({
      type: 'checkbox',
      label: 'Start at login',
      enabled: true,
      checked: false,
      action: 'toggle-start-at-login',
    });
    expect(
      byAction(buildTrayMenu(model({ startAtLogin: true })), 'toggle-start-at-login')?.checked,
    ).toBe(true);
  });

  it('doubles & in track and user names where menus read it as a mnemonic', () => {
    const m = model({
      nowPlaying: { artist: 'Simon & Garfunkel', track: 'America' },
      accounts: [account({ user: 'rock&roll' })],
    });
    const escaped = buildTrayMenu({ ...m, escapeMnemonics: true });
    expect(escaped[0]?.label).toBe('Now playing: Simon && Garfunkel — America');
    expect(byAction(escaped, 'open-account')?.label).toBe('Signed in as rock&&roll');
    expect(buildTrayMenu(m)[0]?.label).toBe('Now playing: Simon & Garfunkel — America');
  });
});

describe('time ago', () => {
  it.each([
    [0, 'just now'],
    [59_000, 'just now'],
    [60_000, '1 min ago'],
    [59 * 60_000, '59 min ago'],
    [60 * 60_000, '1 h ago'],
    [23 * 3_600_000, '23 h ago'],
    [24 * 3_600_000, '1 day ago'],
    [3 * 86_400_000, '3 days ago'],
    [-5000, 'just now'],
  ])('%i ms -> %s', (ms, text) => {
    expect(timeAgo(ms)).toBe(text);
  });
});
