// Turns "this native module is for another runtime" errors into one line that says what to
// do, instead of a stack trace. Pure: the runtime facts come in as arguments.

export interface RuntimeFacts {
  /** process.versions.electron, when this is Electron (also in ELECTRON_RUN_AS_NODE mode). */
  electron?: string | undefined;
  /** process.versions.node */
  node: string;
  /** process.versions.modules: the ABI this runtime loads. */
  abi: string;
  /** An installed app (inside app.asar), as opposed to a clone run by npm. */
  packaged: boolean;
}

// Node's (and Electron's) wording: "...was compiled against a different Node.js version
// using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 150."
const ABI_MISMATCH =
  /The module '([^']+)'\s+was compiled against a different Node\.js version using\s+NODE_MODULE_VERSION (\d+)\.\s+This version of Node\.js requires\s+NODE_MODULE_VERSION (\d+)/;
// The `bindings` package, when no build exists at all.
const NOT_BUILT = /Could not locate the bindings file/;

function runtimeName(facts: RuntimeFacts): string {
  return facts.electron ? `Electron ${facts.electron}` : `Node ${facts.node}`;
}

function fix(facts: RuntimeFacts): string {
  if (facts.packaged) return 'reinstall Scrobbletray (this installation is damaged)';
  if (facts.electron) {
    return 'start the app with `npm start`, which builds a copy of better-sqlite3 for Electron';
  }
  return 'run `npm rebuild better-sqlite3` (or `npm ci`) with this Node';
}

/**
 * One line saying why better-sqlite3 cannot load here and what to do, or null when `error`
 * is not a load problem of that kind (then the caller reports it as usual).
 */
export function describeSqliteLoadError(error: unknown, facts: RuntimeFacts): string | null {
  const message = error instanceof Error ? error.message : String(error);
  const mismatch = ABI_MISMATCH.exec(message);
  if (mismatch) {
    const [, file, builtFor, needs] = mismatch;
    return (
      `better-sqlite3 (${file}) was built for ABI ${builtFor}, but this is ` +
      `${runtimeName(facts)} (ABI ${needs}): ${fix(facts)}.`
    );
  }
  if (NOT_BUILT.test(message)) {
    return `better-sqlite3 is not built for ${runtimeName(facts)} (ABI ${facts.abi}): ${fix(facts)}.`;
  }
  return null;
}
