// npm dependencies, installed with `npm ci`: exactly what package-lock.json says, and the
// lock file is never rewritten. Done again when the lock file or the Node ABI changes (a new
// Node needs better-sqlite3 rebuilt for it).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Stop } from './log.mjs';
import { runStep } from './run.mjs';

function wantedStamp(root) {
  const lock = readFileSync(join(root, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex');
  return `${hash} node-abi-${process.versions.modules} ${process.platform}-${process.arch}`;
}

/** The file that records what node_modules was installed from. */
export function installStamp(root) {
  return join(root, 'node_modules', '.scrobbletray-installed');
}

export async function ensureNpmDependencies(root, env = process.env) {
  if (!existsSync(join(root, 'package-lock.json'))) {
    throw new Stop('package-lock.json is missing: restore it (git checkout package-lock.json).');
  }
  const stamp = installStamp(root);
  const want = wantedStamp(root);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === want) return;
  // Electron's and Playwright's postinstall downloads need general internet access; Electron
  // is fetched by `npm start` when it can be, Chromium comes from Debian, so the install
  // itself never depends on them.
  const installEnv = {
    ...env,
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  };
  const label = existsSync(join(root, 'node_modules'))
    ? 'dependencies changed: reinstalling them (npm ci; builds native modules, about 2 min)'
    : 'installing dependencies (npm ci; builds native modules, about 2 min)';
  const { status } = await runStep(label, 'npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    env: installEnv,
  });
  if (status !== 0) {
    throw new Stop(`\`npm ci\` failed (exit ${status}); its output above says why.`, status);
  }
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, `${want}\n`);
}
