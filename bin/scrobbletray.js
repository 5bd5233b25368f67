#!/usr/bin/env node
// Entry point of the `scrobbletray` command; the code lives in dist/ (npm run build). It runs
// on plain Node from a clone, and on Electron's own Node in the installed app
// (ELECTRON_RUN_AS_NODE, see docs/ELECTRON.md).
import { existsSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// Help and the version print text only (src/main/cli/run-cli.ts).
const words = process.argv.slice(2).filter((a) => a !== '--json' && a !== '--utc');
const textOnly =
  words.length === 0 ||
  ['help', '--help', '-h', '--version', '-V'].includes(words[0]) ||
  words.includes('--help') ||
  words.includes('-h');

// A command runs from the CLI as one CommonJS file (scripts/bundle-cli.mjs): a player hook
// starts it once per track, and one file starts much faster than the ~200 ES modules it is
// built from. Help and the version need only the command table, which tsc's dist/main/cli.js
// loads alone (the bundle would parse every command's code first).
const bundle = new URL('../dist/main/cli.bundle.cjs', import.meta.url);
const table = new URL('../dist/main/cli.js', import.meta.url);
if (!existsSync(bundle) || !existsSync(table)) {
  process.stderr.write(
    'scrobbletray: not built yet. Run `npm run build` (or `npm start`) first.\n',
  );
  process.exit(1);
}
if (textOnly) {
  const { main } = await import(table.href);
  await main();
} else {
  // better-sqlite3 built for another runtime (Node vs Electron) would otherwise fail later
  // with a stack trace; this says so in one line, with the fix.
  const { sqliteLoadProblem } = await import(
    new URL('../dist/main/native/sqlite-check.js', import.meta.url).href
  );
  const problem = sqliteLoadProblem();
  if (problem) {
    process.stderr.write(`scrobbletray: ${problem}\n`);
    process.exit(1);
  }
  // Node 22.1+ (Electron's Node) keeps compiled code between runs; Node 20 has no such cache.
  try {
    module.enableCompileCache?.();
  } catch {
    // A cache directory that cannot be written only costs speed.
  }
  const { main } = createRequire(import.meta.url)(fileURLToPath(bundle));
  await main();
}
