// The Electron entry (package.json "main"). Thin glue: it builds the core, the tray, the
// windows and the IPC binding, and maps menu actions to core calls. What the tray shows, what
// a navigation may do, where a window opens and when to notify are decided by the pure
// modules next to it, which are unit-tested in plain Node.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  session,
  Tray,
  type MenuItemConstructorOptions,
} from 'electron';
import Store from 'electron-store';
import { Core } from '../core.js';
import { resolveDataDir } from '../data-dir.js';
import { setPreferences } from '../settings/preferences.js';
import {
  checkSettingsFile,
  guardSettings,
  settingsPath,
  type SettingsStore,
} from '../settings/store.js';
import { readPreferences } from '../../shared/preferences.js';
import { denyPermissions, registerAppScheme, serveRenderer } from './app-protocol.js';
import { isAppPageUrl } from './app-url.js';
import { ExternalUrlAllowlist } from './external-urls.js';
import { bindIpc } from './ipc.js';
import { applyStartAtLogin, isStartAtLogin, wasStartedAtLogin } from './login-item.js';
import { createNotifier, type Notice } from './notifications.js';
import { createQuit } from './quit-lifecycle.js';
import { runTrayAction } from './tray-actions.js';
import { TrayController } from './tray-controller.js';
import { trayIconPath } from './tray-icons.js';
import { buildTrayMenu, type MenuItemSpec, type TrayAction } from './tray-menu.js';
import type { TrayStateKind } from './tray-state.js';
import { AppWindows, hardenWebContents, ROUTES } from './windows.js';

// dist/main/electron/main.js -> the app root, in development and inside the asar alike.
const APP_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));
const RENDERER_DIR = join(APP_ROOT, 'dist', 'renderer');
const ASSETS_DIR = join(APP_ROOT, 'assets');

const externalUrls = new ExternalUrlAllowlist();
let onSecondInstance = (): void => undefined;

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another Scrobbletray runs: it focuses its window (second-instance below); we leave.
  app.exit(0);
} else {
  app.on('second-instance', () => onSecondInstance());
  // Closing the last window keeps the app in the tray; only Quit ends it.
  app.on('window-all-closed', () => undefined);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, externalUrls));
  app.whenReady().then(start).catch(fatal);
}

function start(): void {
  const dataDir = resolveDataDir(process.env, app.getPath('userData'));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const settings = electronSettings(dataDir);
  let core: Core;
  try {
    core = new Core({ dataDir, env: process.env, settings, capabilities: { startAtLogin: true } });
  } catch (error) {
    fatal(error);
    return;
  }

  // Windows and Linux would show Electron's default File/Edit/View menu (reload, dev tools)
  // on each window; the app needs none. macOS keeps it for the standard Edit shortcuts.
  if (process.platform !== 'darwin') Menu.setApplicationMenu(null);
  const ses = session.defaultSession;
  denyPermissions(ses);
  serveRenderer(ses, RENDERER_DIR);

  const ipc = bindIpc({
    ipcMain,
    core,
    isAppUrl: isAppPageUrl,
    externalUrls,
    onInternalError: (method, error) => console.error(`scrobbletray: ${method} failed:`, error),
  });
  const windows = new AppWindows({
    preload: PRELOAD,
    settings,
    onCreated: (contents) => ipc.addWindow(contents),
    onClosed: (contents) => ipc.removeWindow(contents),
    devTools: !app.isPackaged,
  });
  onSecondInstance = () => windows.show('main');
  app.on('activate', () => windows.show('main'));

  const icons = new Map<TrayStateKind, Electron.NativeImage>();
  const icon = (kind: TrayStateKind) => {
    let image = icons.get(kind);
    if (!image) {
      image = nativeImage.createFromPath(trayIconPath(ASSETS_DIR, kind));
      icons.set(kind, image);
    }
    return image;
  };
  const tray = new Tray(icon('idle'));
  tray.setToolTip('Scrobbletray');
  tray.on('click', () => windows.show('main'));
  const trayController = new TrayController({
    core,
    show: (snapshot) => {
      tray.setImage(icon(snapshot.status.kind));
      tray.setToolTip(snapshot.status.tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenu(snapshot.menu).map(menuItem)));
    },
    startAtLogin: () => isStartAtLogin(app),
    escapeMnemonics: process.platform !== 'darwin',
    onError: (error) => console.error('scrobbletray: tray update failed:', error),
  });

  // Kept until closed: a notification that is garbage-collected loses its click handler.
  const shown = new Set<Notification>();
  const notify = createNotifier({
    enabled: () => preferences().notifications && Notification.isSupported(),
    serviceName: (id) => trayController.serviceName(id),
    show: (notice: Notice) => {
      const n = new Notification({ title: notice.title, body: notice.body });
      shown.add(n);
      n.on('click', () => run(notice.action));
      n.on('close', () => shown.delete(n));
      n.show();
    },
  });
  core.events.on((event) => {
    notify(event);
    // Changed in the window or from the tray's checkbox: make the login item match.
    if (event.type === 'preferences-changed') syncStartAtLogin();
    trayController.handle(event);
  });

  function preferences() {
    return readPreferences((key) => settings.get(key));
  }

  function syncStartAtLogin(): void {
    try {
      applyStartAtLogin(app, preferences().startAtLogin);
    } catch (error) {
      console.error('scrobbletray: could not change start at login:', error);
    }
  }

  const quit = createQuit({
    teardown: [
      ['saving window places', () => windows.saveAll()],
      ['stopping the tray', () => trayController.stop()],
      ['unbinding IPC', () => ipc.dispose()],
      ['closing windows', () => windows.destroyAll()],
      ['removing the tray', () => tray.destroy()],
    ],
    closeCore: () => core.close(),
    exit: (code) => app.exit(code),
    onError: (what, error) => console.error(`scrobbletray: ${what} failed:`, error),
  });

  function run(action: TrayAction): void {
    runTrayAction(action, {
      showWindow: (kind, route) => windows.show(kind, route),
      routes: ROUTES,
      queue: core.queue,
      toggleStartAtLogin: () => {
        // The checkbox shows the OS's login item; the change goes through the preferences,
        // whose event applies it and redraws the tray (and the window's checkbox).
        const next = !safely(() => isStartAtLogin(app), false);
        try {
          setPreferences(core, { startAtLogin: next });
        } catch (error) {
          console.error('scrobbletray: could not save start at login:', error);
        }
      },
      quit: () => void quit(),
      onError: (what, error) => console.error(`scrobbletray: ${what}:`, error),
    });
  }

  function menuItem(spec: MenuItemSpec): MenuItemConstructorOptions {
    if (spec.type === 'separator') return { type: 'separator' };
    const { action } = spec;
    return {
      type: spec.type,
      label: spec.label,
      enabled: spec.enabled,
      ...(spec.type === 'checkbox' ? { checked: spec.checked ?? false } : {}),
      ...(action ? { click: () => run(action) } : {}),
    };
  }

  // Quit from the OS (logout, Cmd+Q, a signal) takes the same path as Quit in the menu.
  app.on('before-quit', (event) => {
    event.preventDefault();
    void quit();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void quit());

  // Keep the login item pointing at this binary (an AppImage may have moved).
  if (preferences().startAtLogin) safely(() => applyStartAtLogin(app, true), undefined);
  core.queue.startAutoSend();
  // Desktop players, while the preference is on (default); Quit stops them with the core.
  // Without a session bus this is one line in the log and the app runs on.
  core.players
    .startWatching()
    .catch((error: unknown) => console.error('scrobbletray: watching players failed:', error));
  trayController.refresh();
  if (!wasStartedAtLogin(app, process.argv)) windows.show('main');
}

/**
 * electron-store over settings.json in the data folder: the file the CLI's conf store uses,
 * with the same checks and messages (a broken file or a full disk is named, never reset).
 */
function electronSettings(dataDir: string): SettingsStore {
  const path = settingsPath(dataDir);
  return guardSettings(path, () => {
    checkSettingsFile(path);
    const store = new Store<Record<string, unknown>>({ name: 'settings', cwd: dataDir });
    return {
      get: (key) => store.get(key),
      set: (key, value) => store.set(key, value),
      delete: (key) => store.delete(key),
    };
  });
}

function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (error) {
    console.error('scrobbletray:', error);
    return fallback;
  }
}

function fatal(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error('scrobbletray: cannot start:', error);
  dialog.showErrorBox('Scrobbletray cannot start', message);
  app.exit(1);
}
