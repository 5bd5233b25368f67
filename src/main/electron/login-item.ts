import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import type { App } from 'electron';
import { autostartFile, desktopEntry, HIDDEN_FLAG, loginCommand } from './autostart.js';

// Glue: "start at login" the way each platform does it. The OS is the truth (the user can
// remove a login item in the system settings), so the checkbox reads it back.

export function applyStartAtLogin(app: App, enabled: boolean): void {
  if (process.platform === 'linux') {
    const file = autostartFile(process.env, homedir());
    if (!enabled) {
      rmSync(file, { force: true });
      return;
    }
    const command = loginCommand({
      execPath: process.execPath,
      appImage: process.env.APPIMAGE,
      isPackaged: app.isPackaged,
      appPath: app.getAppPath(),
    });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, desktopEntry(command), { mode: 0o644 });
    return;
  }
  app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
}

export function isStartAtLogin(app: App): boolean {
  if (process.platform === 'linux') return existsSync(autostartFile(process.env, homedir()));
  return app.getLoginItemSettings({ args: [HIDDEN_FLAG] }).openAtLogin;
}

/** Started by the login item: stay in the tray, open no window. */
export function wasStartedAtLogin(app: App, argv: readonly string[]): boolean {
  if (argv.includes(HIDDEN_FLAG)) return true;
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}
