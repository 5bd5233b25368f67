import { BrowserWindow, screen, shell, type WebContents } from 'electron';
import type { SettingsStore } from '../settings/store.js';
import { appPageUrl } from './app-url.js';
import type { ExternalUrlAllowlist } from './external-urls.js';
import { decideNavigation, decideWindowOpen } from './navigation-policy.js';
import { parseBounds, placeWindow, type WindowSize } from './window-bounds.js';

// Glue: the two windows, locked down, and the rules every web contents in the app obeys.
// Decisions (where a window goes, what a navigation may do) are made by the pure modules.

export type WindowKind = 'main' | 'manual';

/** Renderer routes (hash) the tray opens. */
export const ROUTES = { queue: '#/queue', manual: '#/manual', account: '#/account' } as const;

interface WindowSpec {
  title: string;
  route: string;
  size: WindowSize;
}

const SPECS: Readonly<Record<WindowKind, WindowSpec>> = {
  main: {
    title: 'Scrobbletray',
    route: ROUTES.queue,
    size: { width: 960, height: 680, minWidth: 640, minHeight: 420 },
  },
  manual: {
    title: 'Scrobble manually — Scrobbletray',
    route: ROUTES.manual,
    size: { width: 520, height: 640, minWidth: 420, minHeight: 480 },
  },
};

const boundsKey = (kind: WindowKind) => `windowBounds.${kind}`;

export interface AppWindowsOptions {
  /** Absolute path of the compiled preload (preload.cjs). */
  preload: string;
  settings: SettingsStore;
  /** A window's contents exist: let it call the core (ipc.addWindow). */
  onCreated: (contents: WebContents) => void;
  onClosed: (contents: WebContents) => void;
  devTools: boolean;
}

export class AppWindows {
  readonly #opts: AppWindowsOptions;
  readonly #open = new Map<WindowKind, BrowserWindow>();

  constructor(opts: AppWindowsOptions) {
    this.#opts = opts;
  }

  /** Show (creating if needed) a window, optionally at another route. */
  show(kind: WindowKind, route?: string): void {
    const existing = this.#open.get(kind);
    if (existing && !existing.isDestroyed()) {
      // Loading the URL it already shows would reload the page and lose what the user was doing.
      const url = route === undefined ? null : appPageUrl(route);
      if (url !== null && existing.webContents.getURL() !== url) void existing.loadURL(url);
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return;
    }
    this.#create(kind, route ?? SPECS[kind].route);
  }

  /** Remember every open window's place (before quitting: destroy() emits no 'close'). */
  saveAll(): void {
    for (const [kind, win] of this.#open) this.#save(kind, win);
  }

  destroyAll(): void {
    for (const win of this.#open.values()) if (!win.isDestroyed()) win.destroy();
    this.#open.clear();
  }

  #create(kind: WindowKind, route: string): void {
    const spec = SPECS[kind];
    const workAreas = [
      screen.getPrimaryDisplay().workArea,
      ...screen.getAllDisplays().map((d) => d.workArea),
    ];
    const bounds = placeWindow(
      parseBounds(this.#opts.settings.get(boundsKey(kind))),
      workAreas,
      spec.size,
    );
    const win = new BrowserWindow({
      ...bounds,
      minWidth: spec.size.minWidth,
      minHeight: spec.size.minHeight,
      title: spec.title,
      show: false,
      autoHideMenuBar: true,
      webPreferences: {
        preload: this.#opts.preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        spellcheck: false,
        devTools: this.#opts.devTools,
      },
    });
    const contents = win.webContents;
    this.#open.set(kind, win);
    this.#opts.onCreated(contents);
    win.once('ready-to-show', () => win.show());
    win.on('close', () => this.#save(kind, win));
    win.on('closed', () => {
      if (this.#open.get(kind) === win) this.#open.delete(kind);
    });
    contents.once('destroyed', () => this.#opts.onClosed(contents));
    void win.loadURL(appPageUrl(route));
  }

  #save(kind: WindowKind, win: BrowserWindow): void {
    if (win.isDestroyed()) return;
    // Normal bounds: a maximised window comes back at its restored size, not full screen.
    this.#opts.settings.set(boundsKey(kind), win.getNormalBounds());
  }
}

/**
 * The rules for every web contents the app ever creates (wired to app 'web-contents-created'):
 * no new windows, no navigation away, no <webview>; web pages the app produced open in the
 * user's browser instead.
 */
export function hardenWebContents(contents: WebContents, allowlist: ExternalUrlAllowlist): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url, allowlist) === 'open-external') void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (event.isSameDocument) return;
    const decision = decideNavigation(contents.getURL(), event.url, allowlist);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') void shell.openExternal(event.url);
  });
  // Frames are refused by the CSP; should one exist anyway it may not go anywhere.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !event.isSameDocument) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!event.isSameDocument) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
