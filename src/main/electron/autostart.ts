import { join } from 'node:path';

// Start at login. macOS and Windows have app.setLoginItemSettings; Linux has no such API, and
// desktops start what the XDG autostart folder lists. The pure parts live here: the command to
// run, and the .desktop file that runs it.

/** Passed by the login item, so a start at login stays in the tray without a window. */
export const HIDDEN_FLAG = '--hidden';

export interface LaunchFacts {
  /** process.execPath: the app's binary when packaged, the electron binary in development. */
  execPath: string;
  /** $APPIMAGE: an AppImage runs from a temporary mount, so start the image file itself. */
  appImage?: string;
  isPackaged: boolean;
  /** app.getAppPath(): in development electron needs it to find the app. */
  appPath: string;
}

export function loginCommand(facts: LaunchFacts): string[] {
  if (facts.appImage) return [facts.appImage, HIDDEN_FLAG];
  if (facts.isPackaged) return [facts.execPath, HIDDEN_FLAG];
  return [facts.execPath, facts.appPath, HIDDEN_FLAG];
}

/** $XDG_CONFIG_HOME/autostart/scrobbletray.desktop */
export function autostartFile(env: NodeJS.ProcessEnv, home: string): string {
  const config = env.XDG_CONFIG_HOME || join(home, '.config');
  return join(config, 'autostart', 'scrobbletray.desktop');
}

export function desktopEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Scrobbletray',
    'Comment=Scrobble to Last.fm, Libre.fm and GNU FM',
    `Exec=${command.map(execArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * One argument of an Exec key (Desktop Entry Specification): quoted when it holds a reserved
 * character, with ", `, $ and \ escaped inside the quotes; then the key's own string escaping
 * doubles every backslash; % is the field-code marker, so a literal one is %%.
 */
function execArgument(arg: string): string {
  let out = arg;
  if (/[\s"'\\><~|&;$*?#()`]/.test(arg) || arg === '') {
    out = `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  }
  return out.replaceAll('\\', '\\\\').replaceAll('%', '%%');
}
