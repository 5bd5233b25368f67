// The Debian packages each command needs, in one place (docs/SETUP.md explains each), and
// the step that installs them: apt-get as root; otherwise the exact line to run, then stop.
import { spawnSync } from 'node:child_process';
import { log, Stop } from './log.mjs';
import { mustRun } from './run.mjs';

// Native modules (keytar, better-sqlite3) are built from source where their prebuilt
// downloads fail (as on the project's build machines): a compiler, make, Python for
// node-gyp, and libsecret's headers (found through pkg-config) for keytar.
const BUILD = ['g++', 'make', 'python3', 'pkg-config', 'libsecret-1-dev'];

export const DEBIAN_PACKAGES = {
  start: [...BUILD],
  // Benchmarks drive the window in Debian's Chromium.
  bench: [...BUILD, 'chromium'],
  test: [
    ...BUILD,
    // A real Secret Service on a private D-Bus (scripts/with-keyring.sh), and its CLI to
    // check keychain items independently.
    'gnome-keyring',
    'dbus-x11',
    'libsecret-tools',
    // e2e tests: the built window in Debian's Chromium (Playwright).
    'chromium',
    // A real MPRIS player for the player-detection tests (mpv headless with --ao=null),
    // playerctl to drive it, sox to make the audio it plays.
    'mpv',
    'mpv-mpris',
    'playerctl',
    'sox',
    // Independent peers: a Last.fm client and an OAuth 1.0a signer.
    'python3-pylast',
    'python3-oauthlib',
  ],
};

/** The apt-get command lines that install `packages`, as argument lists. */
export function aptCommands(packages) {
  return [
    ['apt-get', 'update'],
    ['apt-get', 'install', '-y', '--no-install-recommends', ...packages],
  ];
}

/** Which of `packages` dpkg does not report as installed. */
export function missingDebianPackages(packages, env = process.env) {
  // One dpkg-query for all: it prints the packages it knows and exits 1 if any is unknown.
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...packages], {
    encoding: 'utf8',
    env,
  });
  const installed = new Set(
    (result.stdout ?? '')
      .split('\n')
      .filter((line) => line.endsWith(' install ok installed'))
      .map((line) => line.split(' ')[0].split(':')[0]),
  );
  return packages.filter((name) => !installed.has(name));
}

/**
 * Makes sure `packages` are installed. As root it runs apt-get; otherwise it prints the one
 * line to run and stops with exit 1. Off Debian it names what to install and carries on.
 */
export function ensureDebianPackages(packages, opts = {}) {
  const {
    env = process.env,
    platform = process.platform,
    isRoot = process.getuid?.() === 0,
  } = opts;
  if (platform !== 'linux') return;
  if (spawnSync('dpkg-query', ['--version'], { stdio: 'ignore', env }).status !== 0) {
    log(
      `not a Debian-based system: make sure these (or your distribution's equivalents) are installed: ${packages.join(' ')}`,
    );
    return;
  }
  const missing = missingDebianPackages(packages, env);
  if (missing.length === 0) return;
  const [update, install] = aptCommands(missing);
  if (!isRoot) {
    throw new Stop(
      `missing system packages (${missing.join(' ')}). Run this, then try again:\n` +
        `  sudo ${update.join(' ')} && sudo ${install.join(' ')}`,
    );
  }
  log(`installing system packages: ${missing.join(' ')}`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const [cmd, ...args] of [update, install]) mustRun(cmd, args, { env: aptEnv });
}
