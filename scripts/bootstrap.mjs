#!/usr/bin/env node
// One-command setup for `npm start`, `npm test` and `npm run bench` on a fresh clone.
// Plain Node with no dependencies, because it runs before any are installed. It:
//   1. checks Node (20.19+ for everything; Electron's installer asks for more, see start),
//   2. installs the Debian packages the command needs (apt-get as root, else prints the line),
//   3. installs npm dependencies with `npm ci` when the lock file or the Node ABI changed,
//   4. runs the command.
// The steps live in scripts/lib/ (small modules, tested in test/integration/bootstrap-*).
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BINDING_ENV, ensureElectronSqliteBinding } from './lib/electron-native.mjs';
import {
  electronPackage,
  ensureElectronRuntime,
  OPT_OUT_ENV,
  trayBlocker,
} from './lib/electron-runtime.mjs';
import { log, Stop } from './lib/log.mjs';
import { atLeast, MIN_NODE } from './lib/node-version.mjs';
import { ensureNpmDependencies } from './lib/npm-deps.mjs';
import { mustRun, run, runStep } from './lib/run.mjs';
import { DEBIAN_PACKAGES, ensureDebianPackages } from './lib/system-packages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const command = process.argv[2];
const rest = process.argv.slice(3);

function checkNode() {
  if (!atLeast(process.versions.node, MIN_NODE)) {
    throw new Stop(
      `Node ${process.versions.node} is too old: install Node ${MIN_NODE.replace(/\.0$/, '')} or newer (22.12+ to also run the tray app).`,
    );
  }
}

async function build() {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  // `npm run build`, not tsc alone: it also bundles the CLI (dist/main/cli.bundle.cjs, which
  // bin/scrobbletray.js runs) and builds the window (Vite) into dist/renderer, which Electron
  // and headless mode both serve.
  const { status } = await runStep(
    'building (tsc, the CLI bundle and vite)',
    'npm',
    ['run', '--silent', 'build'],
    {
      cwd: root,
    },
  );
  if (status !== 0) throw new Stop(`\`npm run build\` failed (exit ${status}).`, status);
}

/**
 * What the tray app needs, in order: a machine that can show it, Electron's runtime, and
 * better-sqlite3 built for Electron. Resolves { binary, env } or { reason } (one line).
 */
async function trayApp() {
  const blocker = trayBlocker(process.env);
  if (blocker) return { reason: blocker };
  const electron = electronPackage(root);
  if (!electron) return { reason: 'the electron package is not installed' };
  const runtime = await ensureElectronRuntime(electron, process.env);
  if (!runtime.binary) {
    return {
      reason: `${runtime.reason}; tried again on every npm start (${OPT_OUT_ENV}=1 stops that)`,
    };
  }
  const sqlite = await ensureElectronSqliteBinding(root, electron, process.env);
  if (!sqlite.path) return { reason: sqlite.reason };
  return { binary: runtime.binary, env: { ...process.env, [BINDING_ENV]: sqlite.path } };
}

async function start() {
  await build();
  const tray = await trayApp();
  if (tray.binary) {
    log('starting the tray app (Electron)');
    foreground(tray.binary, ['.', ...rest], tray.env);
    return;
  }
  log(`no tray app: ${tray.reason}. Running headless: open the address below in your browser.`);
  foreground(process.execPath, ['bin/scrobbletray.js', ...(rest.length ? rest : ['serve'])]);
}

/**
 * Runs the app until it exits. Ctrl+C reaches it straight from the terminal, so this process
 * only waits; a SIGTERM sent to this process alone is passed on, so the app still stops
 * cleanly.
 */
function foreground(cmd, args, env = process.env) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('error', (error) => {
    log(`cannot run ${cmd}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function readVitestCounts(file) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    return {
      passed: report.numPassedTests ?? 0,
      failed: report.numFailedTests ?? 0,
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    };
  } catch {
    return null;
  }
}

function test() {
  const steps = [
    ['lint', ['npm', ['run', '--silent', 'lint']]],
    ['typecheck', ['npm', ['run', '--silent', 'typecheck']]],
    ['build', ['npm', ['run', '--silent', 'build']]],
  ];
  for (const [name, [cmd, args]] of steps) {
    log(`${name}…`);
    mustRun(cmd, args, { cwd: root });
  }
  const reportFile = join(root, 'test-results', 'vitest.json');
  rmSync(reportFile, { force: true });
  log('unit and integration tests (real keychain on a private D-Bus)…');
  const status = run(
    'sh',
    [
      'scripts/with-keyring.sh',
      'npx',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reportFile}`,
      ...rest,
    ],
    { cwd: root },
  );
  const counts = readVitestCounts(reportFile);
  if (counts) {
    // The plain closing line CI and people read: "N passed, N failed, N skipped".
    console.log(
      `tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
    );
  }
  process.exit(status === 0 && counts && counts.failed === 0 ? 0 : status || 1);
}

async function bench() {
  await build();
  process.exit(run('npx', ['tsx', 'bench/run.ts', ...rest], { cwd: root }));
}

const commands = { start, test, bench };

async function main() {
  if (!commands[command]) {
    throw new Stop(
      `usage: node scripts/bootstrap.mjs ${Object.keys(commands).join('|')} [args...]`,
      2,
    );
  }
  checkNode();
  ensureDebianPackages(DEBIAN_PACKAGES[command]);
  await ensureNpmDependencies(root);
  await commands[command]();
}

main().catch((error) => {
  if (!(error instanceof Stop)) throw error;
  log(error.message);
  process.exit(error.exitCode);
});
