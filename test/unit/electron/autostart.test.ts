import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  autostartFile,
  desktopEntry,
  HIDDEN_FLAG,
  loginCommand,
} from '../../../src/main/electron/autostart.js';

describe('start at login', () => {
  it('starts the packaged binary hidden in the tray', () => {
    expect(
      loginCommand({ execPath: '/opt/Scrobbletray/scrobbletray', isPackaged: true, appPath: '/x' }),
    ).toEqual(['/opt/Scrobbletray/scrobbletray', HIDDEN_FLAG]);
  });

  it('starts an AppImage by its image file, not its temporary mount', () => {
    expect(
      loginCommand({
        execPath: '/tmp/.mount_ScrobXYZ/scrobbletray',
        appImage: '/home/rj/Apps/Scrobbletray.AppImage',
        isPackaged: true,
        appPath: '/tmp/.mount_ScrobXYZ/resources/app.asar',
      }),
    ).toEqual(['/home/rj/Apps/Scrobbletray.AppImage', HIDDEN_FLAG]);
  });

  it('in development runs electron with the app folder', () => {
    expect(
      loginCommand({
        execPath: '/w/node_modules/electron/dist/electron',
        isPackaged: false,
        appPath: '/w',
      }),
    ).toEqual(['/w/node_modules/electron/dist/electron', '/w', HIDDEN_FLAG]);
  });

  it('writes the entry in the XDG autostart folder', () => {
    expect(autostartFile({}, '/home/rj')).toBe(
      join('/home/rj', '.config', 'autostart', 'scrobbletray.desktop'),
    );
    expect(autostartFile({ XDG_CONFIG_HOME: '/cfg' }, '/home/rj')).toBe(
      join('/cfg', 'autostart', 'scrobbletray.desktop'),
    );
  });

  it('makes a desktop entry that runs the command', () => {
    const entry = desktopEntry(['/opt/Scrobbletray/scrobbletray', '--hidden']);
    expect(entry.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Name=Scrobbletray',
      'Comment=Scrobble to Last.fm, Libre.fm and GNU FM',
      'Exec=/opt/Scrobbletray/scrobbletray --hidden',
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ]);
  });

  it('quotes and escapes paths as the Desktop Entry spec requires', () => {
    const exec = (args: string[]) =>
      desktopEntry(args)
        .split('\n')
        .find((l) => l.startsWith('Exec='));
    expect(exec(['/home/rj/My Apps/Scrobbletray.AppImage', '--hidden'])).toBe(
      'Exec="/home/rj/My Apps/Scrobbletray.AppImage" --hidden',
    );
    expect(exec(['/a/"$b`/c'])).toBe('Exec="/a/\\\\"\\\\$b\\\\`/c"');
    expect(exec(['/100%/app'])).toBe('Exec=/100%%/app');
  });
});
