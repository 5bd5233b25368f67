import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where settings, the database and logs live. SCROBBLETRAY_DATA_DIR wins; the Electron shell
 * passes its userData folder; the CLI and headless mode use the platform's data folder
 * ($XDG_DATA_HOME/scrobbletray on Linux).
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  electronUserData?: string,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.SCROBBLETRAY_DATA_DIR) return env.SCROBBLETRAY_DATA_DIR;
  if (electronUserData) return electronUserData;
  if (platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'scrobbletray');
  if (platform === 'win32') {
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'scrobbletray');
  }
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'scrobbletray');
}
