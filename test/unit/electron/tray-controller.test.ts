import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runTrayAction, type TrayActionTargets } from '../../../src/main/electron/tray-actions.js';
import { TrayController } from '../../../src/main/electron/tray-controller.js';
import type { TrayCoreView, TraySnapshot } from '../../../src/main/electron/tray-facts.js';
import { createQuit } from '../../../src/main/electron/quit-lifecycle.js';
import type { TrayAction } from '../../../src/main/electron/tray-menu.js';
import type { AccountSummary } from '../../../src/shared/core-events.js';
import { account, NOW, report, stats, target } from './fixtures.js';

// The tray's life, the menu's actions and Quit, split out of main.ts so they run without
// Electron: no stand-in for Electron at all, only a plain core view (the facts the tray
// reads) and a recorder of what would be drawn. vitest's fake clock drives the 250 ms
// redraw pacing; nothing here asserts how long anything takes.

function coreView() {
  const view = {
    waiting: 0,
    paused: false,
    accounts: [account()] as AccountSummary[],
    keychainLocked: false,
    core: null as unknown as TrayCoreView,
  };
  view.core = {
    queue: {
      stats: () => stats({ queued: view.waiting }),
      targetState: () => target({ userPaused: view.paused }),
      list: () => ({ items: [], total: 0, nextCursor: null }) as never,
      targets: () => ['lastfm'],
    },
    accounts: {
      list: async () => {
        if (view.keychainLocked) throw new Error('keychain locked');
        return view.accounts;
      },
    },
    nowPlaying: { current: () => null },
  };
  return view;
}

let drawn: TraySnapshot[];
let errors: unknown[];
let loginItem: () => boolean;
function controller(view = coreView()) {
  const tray = new TrayController({
    core: view.core,
    show: (snapshot) => drawn.push(snapshot),
    startAtLogin: () => loginItem(),
    escapeMnemonics: true,
    onError: (error) => errors.push(error),
    now: () => NOW,
  });
  return { tray, view };
}
const last = () => drawn.at(-1);
const settle = () => vi.advanceTimersByTimeAsync(300);

beforeEach(() => {
  vi.useFakeTimers();
  drawn = [];
  errors = [];
  loginItem = () => false;
});
afterEach(() => vi.useRealTimers());

describe('TrayController', () => {
  it('shows sending while a flush runs, then what is waiting', async () => {
    const { tray, view } = controller();
    view.waiting = 3;
    tray.handle({ type: 'flush-started', target: 'lastfm', due: 3 });
    await settle();
    expect(last()?.status.kind).toBe('sending');
    expect(last()?.status.tooltip).toBe('Scrobbletray — 3 waiting, sending…');
    expect(last()?.menu.status).toBe('3 waiting, sending…');
    view.waiting = 0;
    tray.handle({ type: 'flush-finished', report: report({ sent: 3, accepted: 3 }) });
    await settle();
    expect(last()?.status.kind).toBe('idle');
    expect(last()?.status.summary).toBe('nothing waiting');
    tray.stop();
  });

  it('draws once for a burst of events, and again on the minute tick', async () => {
    const { tray } = controller();
    for (let i = 0; i < 50; i++) tray.handle({ type: 'queue-changed', target: 'lastfm' });
    await settle();
    expect(drawn).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(drawn).toHaveLength(2);
    tray.stop();
  });

  it('keeps the last accounts when the keychain cannot answer', async () => {
    const { tray, view } = controller();
    view.accounts = [account({ service: 'librefm', name: 'Libre.fm', user: 'faif' })];
    tray.refresh();
    await settle();
    expect(tray.serviceName('librefm')).toBe('Libre.fm');
    view.keychainLocked = true;
    tray.refresh();
    await settle();
    expect(last()?.menu.accounts.map((a) => a.user)).toEqual(['faif']);
    expect(tray.serviceName('librefm')).toBe('Libre.fm');
    expect(tray.serviceName('unknown')).toBe('unknown');
    tray.stop();
  });

  it('shows the OS login item; one that cannot be read shows unchecked and is reported', async () => {
    loginItem = () => true;
    const { tray } = controller();
    tray.refresh();
    await settle();
    expect(last()?.menu.startAtLogin).toBe(true);
    loginItem = () => {
      throw new Error('no login items here');
    };
    tray.refresh();
    await settle();
    expect(last()?.menu.startAtLogin).toBe(false);
    expect(errors).toEqual([new Error('no login items here')]);
    tray.stop();
  });

  it('draws nothing after stop, not even the minute tick', async () => {
    const { tray } = controller();
    tray.refresh();
    tray.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    tray.handle({ type: 'flush-started', target: 'lastfm', due: 1 });
    await settle();
    expect(drawn).toEqual([]);
  });
});

describe('runTrayAction', () => {
  it('maps every menu item to its window, queue call or quit', async () => {
    const calls: string[] = [];
    const to: TrayActionTargets = {
      showWindow: (kind, route) => calls.push(`show ${kind}${route ? ` ${route}` : ''}`),
      routes: { queue: '#/queue', account: '#/account' },
      queue: {
        sendNow: async () => calls.push('send'),
        pause: () => calls.push('pause'),
        resume: () => calls.push('resume'),
      },
      toggleStartAtLogin: () => calls.push('toggle login'),
      quit: () => calls.push('quit'),
      onError: (what) => calls.push(`error ${what}`),
    };
    const actions: TrayAction[] = [
      'open-queue',
      'open-manual',
      'open-account',
      'send-now',
      'pause',
      'resume',
      'toggle-start-at-login',
      'quit',
    ];
    for (const action of actions) runTrayAction(action, to);
    expect(calls).toEqual([
      'show main #/queue',
      'show manual',
      'show main #/account',
      'send',
      'pause',
      'resume',
      'toggle login',
      'quit',
    ]);
    to.queue.sendNow = async () => Promise.reject(new Error('offline'));
    runTrayAction('send-now', to);
    await vi.runAllTimersAsync();
    expect(calls.at(-1)).toBe('error send failed');
  });
});

describe('createQuit', () => {
  it('tears down in order, closes the core, exits 0, once however often asked', async () => {
    const steps: string[] = [];
    const quit = createQuit({
      teardown: [
        ['saving', () => steps.push('save')],
        [
          'unbinding',
          () => {
            throw new Error('already gone');
          },
        ],
        ['destroying', () => steps.push('destroy')],
      ],
      closeCore: async () => void steps.push('close core'),
      exit: (code) => steps.push(`exit ${code}`),
      onError: (what) => steps.push(`failed: ${what}`),
    });
    await Promise.all([quit(), quit(), quit()]);
    expect(steps).toEqual(['save', 'failed: unbinding', 'destroy', 'close core', 'exit 0']);
  });

  it('exits even when the core fails to close, and says so', async () => {
    const steps: string[] = [];
    await createQuit({
      teardown: [],
      closeCore: async () => Promise.reject(new Error('disk gone')),
      exit: (code) => steps.push(`exit ${code}`),
      onError: (what) => steps.push(`failed: ${what}`),
    })();
    expect(steps).toEqual(['failed: closing the core', 'exit 0']);
  });
});
