#!/usr/bin/env node
// Entry point of the `scrobbletray` command; the code lives in dist/ (npm run build). It runs
// on plain Node from a clone, and on Electron's own Node in the installed app
// (ELECTRON_RUN_AS_NODE, see docs/ELECTRON.md).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'scrobbletray: not built yet. Run `npm run build` (or `npm start`) first.\n',
  );
  process.exit(1);
}
// better-sqlite3 built for another runtime (Node vs Electron) would otherwise fail later
// with a stack trace; this says so in one line, with the fix. Help and the version print
// text only (src/main/cli/run-cli.ts), so they skip it: loading SQLite cost them ~20 ms.
const words = process.argv.slice(2).filter((a) => a !== '--json' && a !== '--utc');
const textOnly =
  words.length === 0 ||
  ['help', '--help', '-h', '--version', '-V'].includes(words[0]) ||
  words.includes('--help') ||
  words.includes('-h');
if (!textOnly) {
  const { sqliteLoadProblem } = await import(
    new URL('../dist/main/native/sqlite-check.js', import.meta.url).href
  );
  const problem = sqliteLoadProblem();
  if (problem) {
    process.stderr.write(`scrobbletray: ${problem}\n`);
    process.exit(1);
  }
}
const { main } = await import(entry.href);
await main();
