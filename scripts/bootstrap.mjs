#!/usr/bin/env node
// One-command setup for `npm start`, `npm test` and `npm run bench` on a fresh clone.
// Plain Node with no dependencies, because it runs before any are installed. It:
//   1. installs the Debian packages the command needs (apt-get as root, else prints the line),
//   2. installs npm dependencies when node_modules is missing or older than package-lock.json,
//   3. runs the command.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const command = process.argv[2];
const rest = process.argv.slice(3);

// keytar builds against libsecret; the tests need a real Secret Service (gnome-keyring on a
// private D-Bus), its CLI to check items independently, and Debian's Chromium for Playwright.
const DEBIAN_PACKAGES = {
  start: ['libsecret-1-dev'],
  bench: ['libsecret-1-dev', 'chromium'],
  test: ['libsecret-1-dev', 'gnome-keyring', 'dbus-x11', 'libsecret-tools', 'chromium'],
};

function log(line) {
  process.stderr.write(`[scrobbletray] ${line}\n`);
}

function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function mustRun(cmd, args, opts) {
  const status = run(cmd, args, opts);
  if (status !== 0) {
    log(`\`${[cmd, ...args].join(' ')}\` failed (exit ${status}).`);
    process.exit(status);
  }
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    log(
      `Node ${process.versions.node} is too old: install Node 20.19 or newer (22 LTS recommended).`,
    );
    process.exit(1);
  }
}

function missingDebianPackages(packages) {
  return packages.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function ensureDebianPackages(packages) {
  if (process.platform !== 'linux') return;
  if (spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status !== 0) {
    log(
      `not a Debian-based system: make sure these (or your distribution's equivalents) are installed: ${packages.join(' ')}`,
    );
    return;
  }
  const missing = missingDebianPackages(packages);
  if (missing.length === 0) return;
  const args = ['install', '-y', '--no-install-recommends', ...missing];
  const line = `apt-get ${args.join(' ')}`;
  if (process.getuid?.() !== 0) {
    log(
      `missing system packages. Run this, then try again:\n  sudo apt-get update && sudo ${line}`,
    );
    process.exit(1);
  }
  log(`installing system packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  mustRun('apt-get', ['update', '-qq'], { env });
  mustRun('apt-get', [...args, '-qq'], { env });
}

function lockHash() {
  const lock = join(root, 'package-lock.json');
  const source = existsSync(lock) ? lock : join(root, 'package.json');
  return createHash('sha256').update(readFileSync(source)).digest('hex');
}

const STAMP = join(root, 'node_modules', '.scrobbletray-installed');

function ensureNpmDependencies() {
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === lockHash()) return;
  log(
    existsSync(join(root, 'node_modules'))
      ? 'dependencies changed: reinstalling'
      : 'installing dependencies',
  );
  // Electron's and Playwright's postinstall downloads cannot succeed without general internet
  // access; they are fetched separately (Electron, by `npm start`) or taken from the system
  // (Chromium), so the install itself never depends on them.
  const env = {
    ...process.env,
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  };
  // `npm install`, not `npm ci`: npm 11's ci refuses lock files that omit other platforms'
  // optional packages (rollup's), while install honours the lock as it is.
  mustRun('npm', ['install', '--no-audit', '--no-fund'], { env });
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, `${lockHash()}\n`);
}

/** Path of the Electron binary when the runtime is installed, else null. */
function electronBinary() {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

/** Try once to fetch the Electron runtime; returns the reason it is unavailable, or null. */
function ensureElectronRuntime() {
  if (electronBinary()) return null;
  const marker = join(root, 'node_modules', '.scrobbletray-electron-unavailable');
  if (existsSync(marker)) return readFileSync(marker, 'utf8').trim();
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return 'the electron package is not installed';
  const r = spawnSync(process.execPath, [installer], {
    cwd: join(root, 'node_modules', 'electron'),
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (electronBinary()) return null;
  const why = (r.stderr || r.stdout || '')
    .split('\n')
    .find((l) => /error|fail/i.test(l))
    ?.trim();
  const reason = `its download failed${why ? ` (${why.slice(0, 160)})` : ''}`;
  writeFileSync(marker, `${reason}\n`);
  return reason;
}

function build() {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  // `npm run build`, not tsc alone: it also builds the window (Vite) into dist/renderer,
  // which Electron and headless mode both serve.
  mustRun('npm', ['run', '--silent', 'build']);
}

function start() {
  build();
  const unavailable = ensureElectronRuntime();
  const electron = electronBinary();
  if (electron && !unavailable) {
    process.exit(run(electron, ['.', ...rest]));
  }
  log(
    `no Electron runtime (${unavailable}): running headless; open the URL below in your browser.`,
  );
  headless();
}

/**
 * `scrobbletray serve` (or the command given after `npm start --`), until it exits. Ctrl+C
 * reaches it straight from the terminal, so this process only waits; a SIGTERM sent to this
 * process alone is passed on, so the server still stops cleanly.
 */
function headless() {
  const child = spawn(
    process.execPath,
    ['bin/scrobbletray.js', ...(rest.length ? rest : ['serve'])],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
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
    mustRun(cmd, args);
  }
  const reportFile = join(root, 'test-results', 'vitest.json');
  rmSync(reportFile, { force: true });
  log('unit and integration tests (real keychain on a private D-Bus)…');
  const status = run('sh', [
    'scripts/with-keyring.sh',
    'npx',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
    ...rest,
  ]);
  const counts = readVitestCounts(reportFile);
  if (counts) {
    // The plain closing line CI and people read: "N passed, N failed, N skipped".
    console.log(
      `tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
    );
  }
  process.exit(status === 0 && counts && counts.failed === 0 ? 0 : status || 1);
}

function bench() {
  build();
  process.exit(run('npx', ['tsx', 'bench/run.ts', ...rest]));
}

const commands = { start, test, bench };
if (!commands[command]) {
  log(`usage: node scripts/bootstrap.mjs ${Object.keys(commands).join('|')} [args...]`);
  process.exit(2);
}
checkNode();
ensureDebianPackages(DEBIAN_PACKAGES[command]);
ensureNpmDependencies();
commands[command]();
