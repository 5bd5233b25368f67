// The Electron entry (main.ts) wired to a real core (SQLite file and settings.json in a temp
// dir), with Electron itself replaced by a recording stand-in: its runtime cannot run on this
// machine (the download needs internet access). electron-store is replaced by conf, the
// library it extends, so settings.json is written in the real format. What this shows: the
// glue creates a locked-down window on our page, binds IPC, builds the tray menu from the
// core and acts on its clicks, survives the last window closing, and quits cleanly.
import { readCallReply } from '../../src/shared/call-reply.js';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CoreEvent } from '../../src/shared/core-events.js';
import { connectionPids } from '../support/mpris/bus-names.js';
import { makeTone, startMpv, type Mpv } from '../support/mpris/mpv.js';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  class Emitter {
    readonly listeners = new Map<string, Listener[]>();
    on(event: string, fn: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
      return this;
    }
    once(event: string, fn: Listener) {
      return this.on(event, fn);
    }
    emit(event: string, ...args: unknown[]) {
      for (const fn of this.listeners.get(event) ?? []) fn(...args);
    }
  }

  const state = {
    userData: '',
    exitCodes: [] as number[],
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, Listener>(),
    ipcHandlers: new Map<string, Listener>(),
    trays: [] as FakeTray[],
    windows: [] as FakeWindow[],
    opened: [] as string[],
    errors: [] as string[],
    appMenu: 'default' as unknown,
    /** The login item as macOS and Windows keep it (Linux uses an autostart file). */
    openAtLogin: false,
  };

  let nextId = 1;
  class FakeContents extends Emitter {
    readonly id = nextId++;
    url = '';
    destroyed = false;
    readonly sent: [string, unknown][] = [];
    windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
    getURL() {
      return this.url;
    }
    isDestroyed() {
      return this.destroyed;
    }
    setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
      this.windowOpenHandler = fn;
    }
  }

  class FakeWindow extends Emitter {
    readonly webContents = new FakeContents();
    destroyed = false;
    shown = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      state.windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    static getAllWindows() {
      return state.windows.filter((w) => !w.destroyed);
    }
    async loadURL(url: string) {
      this.webContents.url = url;
      this.emit('ready-to-show');
    }
    isDestroyed() {
      return this.destroyed;
    }
    isMinimized() {
      return false;
    }
    show() {
      this.shown = true;
    }
    focus() {}
    restore() {}
    getNormalBounds() {
      const { x, y, width, height } = this.options as Record<string, number>;
      return { x, y, width, height };
    }
    /** What clicking the close button does: 'close' (may save), then gone. */
    close() {
      this.emit('close', { preventDefault() {} });
      this.destroy();
    }
    destroy() {
      if (this.destroyed) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.webContents.emit('destroyed');
      this.emit('closed');
      // Like Electron: with no 'window-all-closed' listener, closing the last window quits.
      if (FakeWindow.getAllWindows().length > 0) return;
      if (app.listeners.has('window-all-closed')) app.emit('window-all-closed');
      else app.quit();
    }
  }

  class FakeTray extends Emitter {
    image: unknown;
    tooltip = '';
    menu: { template: Record<string, unknown>[] } | null = null;
    destroyed = false;
    constructor(image: unknown) {
      super();
      this.image = image;
      state.trays.push(this);
    }
    setImage(image: unknown) {
      this.image = image;
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu(menu: { template: Record<string, unknown>[] }) {
      this.menu = menu;
    }
    destroy() {
      this.destroyed = true;
    }
  }

  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => (name === 'userData' ? state.userData : '/nonexistent'),
    getAppPath: () => process.cwd(),
    exit: (code: number) => void state.exitCodes.push(code),
    quit: () => {
      const event = {
        defaultPrevented: false,
        preventDefault: () => (event.defaultPrevented = true),
      };
      app.emit('before-quit', event);
      if (!event.defaultPrevented) state.exitCodes.push(0);
    },
    setLoginItemSettings: (s: { openAtLogin: boolean }) => void (state.openAtLogin = s.openAtLogin),
    getLoginItemSettings: () => ({ openAtLogin: state.openAtLogin, wasOpenedAtLogin: false }),
  });

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    Tray: FakeTray,
    Menu: {
      buildFromTemplate: (template: Record<string, unknown>[]) => ({ template }),
      setApplicationMenu: (menu: unknown) => void (state.appMenu = menu),
    },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    Notification: class extends Emitter {
      static isSupported() {
        return true;
      }
      show() {}
    },
    protocol: { registerSchemesAsPrivileged: (s: unknown[]) => void state.schemes.push(...s) },
    session: {
      defaultSession: {
        protocol: {
          handle: (scheme: string, fn: Listener) => state.protocolHandlers.set(scheme, fn),
        },
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
      },
    },
    ipcMain: {
      handle: (channel: string, fn: Listener) => void state.ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => void state.ipcHandlers.delete(channel),
    },
    screen: {
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
    },
    shell: { openExternal: async (url: string) => void state.opened.push(url) },
    dialog: { showErrorBox: (_t: string, message: string) => void state.errors.push(message) },
    net: { fetch: () => Promise.reject(new Error('not used')) },
  };
  return { state, electron, FakeWindow };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  return {
    // electron-store is conf with `name` for the file name and Electron's paths by default.
    default: class extends Conf<Record<string, unknown>> {
      constructor(opts: { name: string; cwd: string }) {
        super({ configName: opts.name, cwd: opts.cwd, projectName: 'scrobbletray' });
      }
    },
  };
});

const { state } = fake;
let dataDir: string;
const savedEnv = { ...process.env };
const savedArgv = process.argv;
// main.ts quits on SIGINT/SIGTERM; those handlers must not outlive this file in the worker.
const signalListeners = () => [...process.listeners('SIGINT'), ...process.listeners('SIGTERM')];
let listenersBefore: ReturnType<typeof signalListeners> = [];
// A real mpv plays on the session bus the app watches: the private one scripts/with-keyring.sh
// starts for the keychain, so the outer desktop's players never show up here.
let player: Mpv | undefined;
const busAddress = () => process.env.DBUS_SESSION_BUS_ADDRESS ?? '';
/** Connections this process holds on the bus (the keychain's client holds some too). */
const ourConnections = async () =>
  (await connectionPids(busAddress())).filter((pid) => pid === process.pid).length;
let connectionsBefore = 0;
/** A call's result, whether the IPC reply comes bare or as { ok, result }. */
async function result(method: string, input: unknown = {}): Promise<unknown> {
  const reply = await call(method, input);
  if (reply && typeof reply === 'object' && 'ok' in reply && 'result' in reply) {
    return (reply as { result: unknown }).result;
  }
  return reply;
}

const tray = () => state.trays[0]!;
const menuLabels = () => (tray().menu?.template ?? []).map((i) => i.label ?? '—');
const menuItem = (label: string) => tray().menu?.template.find((i) => i.label === label);
const mainWindow = () => fake.FakeWindow.getAllWindows()[0]!;
const settingsFile = () =>
  JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
/** Whether the OS would start the app at login: the autostart file on Linux. */
const loginItemOn = () =>
  process.platform === 'linux'
    ? existsSync(join(dataDir, 'config', 'autostart', 'scrobbletray.desktop'))
    : state.openAtLogin;

/** A call as the window makes it: the reply unwrapped, a refusal thrown with its message. */
async function call(method: string, input: unknown = {}): Promise<unknown> {
  const handler = state.ipcHandlers.get('scrobbletray:call')!;
  const contents = mainWindow().webContents;
  const event = { sender: { id: contents.id }, senderFrame: { url: contents.url } };
  const reply = readCallReply(await handler(event, method, input));
  if (reply === null) throw new Error(`not a call reply from ${method}`);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.result;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'scrobbletray-main-'));
  state.userData = join(dataDir, 'userData');
  process.env.SCROBBLETRAY_DATA_DIR = dataDir;
  // Start at login writes ~/.config/autostart on Linux: keep it inside the temp dir.
  process.env.XDG_CONFIG_HOME = join(dataDir, 'config');
  delete process.env.SCROBBLETRAY_LASTFM_API_KEY;
  delete process.env.SCROBBLETRAY_LASTFM_API_SECRET;
  process.argv = [process.argv[0]!, 'main.js'];
  listenersBefore = signalListeners();
  await import('../../src/main/electron/main.js');
  await vi.waitFor(() => expect(state.trays).toHaveLength(1));
});

afterAll(async () => {
  await player?.stop();
  for (const fn of signalListeners()) {
    if (listenersBefore.includes(fn)) continue;
    process.removeListener('SIGINT', fn);
    process.removeListener('SIGTERM', fn);
  }
  process.env = savedEnv;
  process.argv = savedArgv;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Electron entry, wired to a real core', () => {
  it('registers our scheme, serves the renderer and binds one IPC channel', () => {
    expect(state.schemes).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }) as unknown,
      }),
    ]);
    expect([...state.protocolHandlers.keys()]).toEqual(['app']);
    expect([...state.ipcHandlers.keys()]).toEqual(['scrobbletray:call']);
    expect(state.errors).toEqual([]);
  });

  it('opens the main window, locked down, on our page', () => {
    const win = mainWindow();
    expect(win.webContents.url).toBe('app://scrobbletray/index.html#/queue');
    expect(win.shown).toBe(true);
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(
      /electron[/\\]preload\.cjs$/,
    );
    expect(win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    expect(state.opened).toEqual([]);
  });

  it('answers the window through the contract', async () => {
    const stats = (await call('queue.stats')) as { counts: { queued: number } };
    expect(stats.counts.queued).toBe(0);
    await expect(call('queue.get', { id: 0 })).rejects.toThrow(/Invalid input for queue\.get/);
  });

  it('builds the tray menu from the core', async () => {
    await vi.waitFor(() => expect(tray().menu).not.toBeNull());
    expect(menuLabels()).toEqual([
      'No scrobbles yet',
      'nothing waiting, not signed in',
      '—',
      'Open queue…',
      'Scrobble manually…',
      'Send now (0 due)',
      'Pause scrobbling',
      '—',
      'Sign in…',
      'Start at login',
      '—',
      'Quit',
    ]);
    expect(tray().image).toEqual({
      path: expect.stringMatching(/tray-attention\.png$/) as unknown,
    });
  });

  it('rebuilds it on core events: a queued scrobble shows up in the count', async () => {
    const events: CoreEvent[] = [];
    const contents = mainWindow().webContents;
    await call('queue.enqueue', {
      items: [{ artist: 'Low', track: 'Words', timestamp: Math.floor(Date.now() / 1000) - 600 }],
      source: 'manual',
    });
    await vi.waitFor(() => expect(menuItem('Send now (1 due)')).toBeDefined());
    expect(tray().tooltip).toBe('Scrobbletray — 1 waiting, not signed in');
    // The window heard about it too.
    for (const [channel, payload] of contents.sent) {
      if (channel === 'scrobbletray:event') events.push(payload as CoreEvent);
    }
    expect(events).toContainEqual({ type: 'queue-changed', target: 'lastfm' });
  });

  it('acts on menu clicks: pause, then resume', async () => {
    (menuItem('Pause scrobbling')!.click as () => void)();
    await vi.waitFor(() => expect(menuItem('Resume scrobbling')).toBeDefined());
    expect(menuItem('Send now (1 due)')!.enabled).toBe(false);
    expect(await call('queue.targetState', { target: 'lastfm' })).toMatchObject({
      userPaused: true,
    });
    (menuItem('Resume scrobbling')!.click as () => void)();
    await vi.waitFor(() => expect(menuItem('Pause scrobbling')).toBeDefined());
  });

  it('a preferences change from the window applies start at login; the tray follows', async () => {
    const contents = mainWindow().webContents;
    const sentBefore = contents.sent.length;
    expect(await call('preferences.get')).toMatchObject({
      startAtLogin: false,
      canStartAtLogin: true,
    });
    expect(loginItemOn()).toBe(false);
    await call('preferences.set', { startAtLogin: true });
    expect(loginItemOn()).toBe(true);
    expect(settingsFile().startAtLogin).toBe(true);
    await vi.waitFor(() => expect(menuItem('Start at login')?.checked).toBe(true));
    expect(contents.sent.slice(sentBefore)).toContainEqual([
      'scrobbletray:event',
      { type: 'preferences-changed' },
    ]);
  });

  it("the tray's Start at login checkbox changes the same preference", async () => {
    (menuItem('Start at login')!.click as () => void)();
    expect(loginItemOn()).toBe(false);
    expect(settingsFile().startAtLogin).toBe(false);
    expect(await call('preferences.get')).toMatchObject({ startAtLogin: false });
    await vi.waitFor(() => expect(menuItem('Start at login')?.checked).toBe(false));
  });

  it('opens the manual window from the menu', () => {
    (menuItem('Scrobble manually…')!.click as () => void)();
    const manual = fake.FakeWindow.getAllWindows().find((w) =>
      w.webContents.url.endsWith('#/manual'),
    );
    expect(manual?.webContents.url).toBe('app://scrobbletray/index.html#/manual');
  });

  it('stays in the tray when every window is closed, remembering where they were', () => {
    for (const win of fake.FakeWindow.getAllWindows()) win.close();
    expect(fake.FakeWindow.getAllWindows()).toEqual([]);
    expect(state.exitCodes).toEqual([]);
    expect(tray().destroyed).toBe(false);
    const settings = settingsFile() as { windowBounds: Record<string, { width: number }> };
    expect(settings.windowBounds.main?.width).toBe(960);
    expect(settings.windowBounds.manual?.width).toBe(520);
  });

  it('a second launch brings the main window back', () => {
    fake.electron.app.emit('second-instance');
    expect(mainWindow().webContents.url).toBe('app://scrobbletray/index.html#/queue');
  });

  it('Sign in… takes the main window to the account view', () => {
    const windowsBefore = fake.FakeWindow.getAllWindows().length;
    (menuItem('Sign in…')!.click as () => void)();
    expect(mainWindow().webContents.url).toBe('app://scrobbletray/index.html#/account');
    expect(fake.FakeWindow.getAllWindows()).toHaveLength(windowsBefore);
  });

  it('watches players: the tray says what plays now; the preference switches it live', async () => {
    const tone = await makeTone(dataDir, 'tray.ogg', {
      artist: 'Tray Artist',
      title: 'Tray Song',
      seconds: 60,
    });
    const watching = await ourConnections();
    player = await startMpv(busAddress(), [tone]);
    await vi.waitFor(() => expect(menuLabels()[0]).toBe('Now playing: Tray Artist — Tray Song'), {
      timeout: 15_000,
      interval: 100,
    });
    expect(await result('players.list')).toEqual([
      expect.objectContaining({ name: 'mpv', on: true, present: true }),
    ]);
    expect(await result('playing.current')).toMatchObject({
      player: 'mpv',
      track: { artist: 'Tray Artist', track: 'Tray Song' },
      neededMs: 30_000,
    });
    await call('preferences.set', { watchPlayers: false });
    await vi.waitFor(() => expect(menuLabels()[0]).toBe('No scrobbles yet'), {
      timeout: 10_000,
    });
    // The watcher's connection closed; the keychain's client (if any) is still there.
    connectionsBefore = await ourConnections();
    expect(connectionsBefore).toBe(watching - 1);
    await call('preferences.set', { watchPlayers: true });
    await vi.waitFor(() => expect(menuLabels()[0]).toBe('Now playing: Tray Artist — Tray Song'), {
      timeout: 15_000,
      interval: 100,
    });
    expect(await ourConnections()).toBe(watching);
  }, 40_000);

  it('quits from the menu: closes the core, then exits 0', async () => {
    (menuItem('Quit')!.click as () => void)();
    await vi.waitFor(() => expect(state.exitCodes).toEqual([0]));
    expect(tray().destroyed).toBe(true);
    expect(state.ipcHandlers.size).toBe(0);
    // The scrobble queued above is still there for the next start.
    const { ScrobbleStore } = await import('../../src/main/queue/storage/store.js');
    const store = ScrobbleStore.open(join(dataDir, 'scrobbles.sqlite'));
    expect(store.stats().counts.queued).toBe(1);
    store.close();
    // The player watcher went with the core: its bus connection is closed.
    await vi.waitFor(async () => expect(await ourConnections()).toBe(connectionsBefore));
  });
});
