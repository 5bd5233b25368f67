// Loads better-sqlite3 once, before the app or the CLI starts, so a build for the wrong
// runtime is one plain line at startup rather than a stack trace from deep in the store.
import Database from 'better-sqlite3';
import { describeSqliteLoadError, type RuntimeFacts } from './load-problem.js';
import { sqliteNativeBinding } from './sqlite-binding.js';

/** This process's runtime. An installed app runs from inside app.asar. */
export function currentRuntime(): RuntimeFacts {
  return {
    electron: process.versions.electron,
    node: process.versions.node,
    abi: process.versions.modules,
    packaged: import.meta.url.includes('app.asar'),
  };
}

/**
 * Null when better-sqlite3 loads (an in-memory database opens and closes), else one line
 * that says why not and what to do. Other failures are left to the real open to report.
 */
export function sqliteLoadProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  try {
    new Database(':memory:', { nativeBinding: sqliteNativeBinding(env) }).close();
    return null;
  } catch (error) {
    return describeSqliteLoadError(error, currentRuntime());
  }
}
