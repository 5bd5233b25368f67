#!/usr/bin/env node
// Entry point of the `scrobbletray` command; the code lives in dist/ (npm run build).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'scrobbletray: not built yet. Run `npm run build` (or `npm start`) first.\n',
  );
  process.exit(1);
}
const { main } = await import(entry.href);
await main();
