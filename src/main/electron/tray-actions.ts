import type { TrayAction } from './tray-menu.js';
import type { WindowKind } from './windows.js';

// What each tray menu item (and a notification's click) does. Plain mapping, so a test can
// click every item without Electron.

export interface TrayActionTargets {
  showWindow(name: WindowKind, route?: string): void;
  routes: { queue: string; account: string };
  queue: { sendNow(): Promise<unknown>; pause(): void; resume(): void };
  /** Flip start at login (through the preferences, so the window's checkbox follows). */
  toggleStartAtLogin(): void;
  quit(): void;
  onError(what: string, error: unknown): void;
}

export function runTrayAction(action: TrayAction, to: TrayActionTargets): void {
  switch (action) {
    case 'open-queue':
      return to.showWindow('main', to.routes.queue);
    case 'open-manual':
      return to.showWindow('manual');
    case 'open-account':
      return to.showWindow('main', to.routes.account);
    case 'send-now':
      to.queue.sendNow().catch((error: unknown) => to.onError('send failed', error));
      return;
    case 'pause':
      return to.queue.pause();
    case 'resume':
      return to.queue.resume();
    case 'toggle-start-at-login':
      return to.toggleStartAtLogin();
    case 'quit':
      return to.quit();
  }
}
