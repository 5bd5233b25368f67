// Which better-sqlite3 addon to load. node_modules holds the build for plain Node (CLI,
// headless, tests); `npm start` builds a second one for Electron's ABI and names it in this
// variable (scripts/lib/electron-native.mjs), because one file cannot serve both ABIs.

export const SQLITE_BINDING_ENV = 'SCROBBLETRAY_SQLITE_BINDING';

/** The addon path to hand better-sqlite3 (`nativeBinding`), or undefined for its own. */
export function sqliteNativeBinding(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[SQLITE_BINDING_ENV] || undefined;
}
