// better-sqlite3 for Electron. node_modules keeps the copy built for plain Node (the CLI,
// headless mode and the tests need it); a second copy built for Electron's ABI lives in
// .cache/electron-native/ and `npm start` hands its path to the app in
// SCROBBLETRAY_SQLITE_BINDING (src/main/native/sqlite-binding.ts). keytar is N-API: one
// build loads in both.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { reasonFrom, runStep } from './run.mjs';

export const BINDING_ENV = 'SCROBBLETRAY_SQLITE_BINDING';

const HEADERS_URL = 'https://electronjs.org/headers';

/**
 * The NODE_MODULE_VERSION (ABI) a compiled addon was built for, read from the file without
 * loading it: an addon built against Node's or Electron's headers exports
 * node_register_module_v<ABI>. Null when the file has no such symbol (N-API, or not an addon).
 */
export function nativeModuleAbi(file) {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return match ? match[1] : null;
}

/** Electron's ABI: from node_modules/electron/abi_version, else node-abi's table. */
export function electronAbi(root, electron) {
  if (electron.abi) return electron.abi;
  try {
    const require = createRequire(join(root, 'package.json'));
    return require('node-abi').getAbi(electron.version, 'electron');
  } catch {
    return null;
  }
}

/** Where the Electron build of better-sqlite3 is kept for this Electron and this version. */
export function electronBindingPath(root, electron) {
  const sqlite = join(root, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(sqlite, 'package.json'), 'utf8'));
  return join(
    root,
    '.cache',
    'electron-native',
    `electron-${electron.version}-${process.platform}-${process.arch}`,
    `better-sqlite3-${version}`,
    'better_sqlite3.node',
  );
}

function nodeGypScript(root, env) {
  const local = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (existsSync(local)) return local;
  // npm's own copy, found next to the npm running `npm start`.
  if (env.npm_execpath) {
    const bundled = join(
      dirname(env.npm_execpath),
      '..',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    );
    if (existsSync(bundled)) return bundled;
  }
  return null;
}

/**
 * The environment for building for Electron: npm passes its config down as npm_config_*
 * variables, and some of them (a global `nodedir`, `target`, `runtime`, `disturl`) would
 * make node-gyp or prebuild-install build for plain Node instead.
 */
function buildEnv(env) {
  const npmBuildConfig =
    /^npm_config_(nodedir|target|runtime|arch|disturl|dist_url|build_from_source)$/i;
  return Object.fromEntries(Object.entries(env).filter(([key]) => !npmBuildConfig.test(key)));
}

/**
 * Makes sure the Electron build of better-sqlite3 exists and is for Electron's ABI. First a
 * prebuilt download (prebuild-install, seconds), else a source build against Electron's
 * headers (node-gyp, about a minute). Resolves { path } or { reason } (one line).
 */
export async function ensureElectronSqliteBinding(root, electron, env = process.env) {
  const abi = electronAbi(root, electron);
  if (!abi) return { reason: `Electron ${electron.version}'s ABI is unknown (no abi_version)` };
  const target = electronBindingPath(root, electron);
  if (existsSync(target) && nativeModuleAbi(target) === abi) return { path: target };

  const source = join(root, 'node_modules', 'better-sqlite3');
  const work = join(dirname(target), 'build-work');
  rmSync(work, { recursive: true, force: true });
  // A copy without the plain-Node build, so the one in node_modules is never touched.
  cpSync(source, work, {
    recursive: true,
    filter: (path) => {
      const rel = relative(source, path);
      return rel !== 'build' && !rel.startsWith(`build${sep}`);
    },
  });
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  const opts = { cwd: work, env: buildEnv(env), capture: true };
  const what = `better-sqlite3 for Electron ${electron.version} (ABI ${abi})`;
  const reasons = [];

  const prebuild = join(root, 'node_modules', 'prebuild-install', 'bin.js');
  if (existsSync(prebuild)) {
    const args = ['--runtime', 'electron', '--target', electron.version];
    args.push('--arch', process.arch, '--platform', process.platform);
    const r = await runStep(`fetching a prebuilt ${what}`, process.execPath, [prebuild, ...args], {
      ...opts,
      timeoutMs: 2 * 60_000,
    });
    if (!existsSync(built)) reasons.push(`prebuilt: ${reasonFrom(r.output, `exit ${r.status}`)}`);
  }

  const gyp = existsSync(built) ? null : nodeGypScript(root, env);
  if (gyp) {
    const args = ['rebuild', '--release', '--runtime=electron', `--target=${electron.version}`];
    args.push(`--arch=${process.arch}`, `--dist-url=${HEADERS_URL}`);
    // Electron's headers go to the project's ignored cache, next to the build.
    args.push(`--devdir=${join(root, '.cache', 'electron-native', 'headers')}`);
    const r = await runStep(
      `building ${what} from source (about a minute)`,
      process.execPath,
      [gyp, ...args],
      {
        ...opts,
        timeoutMs: 15 * 60_000,
      },
    );
    if (!existsSync(built))
      reasons.push(`source build: ${reasonFrom(r.output, `exit ${r.status}`)}`);
  } else if (!existsSync(built)) {
    reasons.push('no node-gyp to build it from source');
  }

  try {
    if (!existsSync(built)) return { reason: `cannot get ${what}: ${reasons.join('; ')}` };
    const builtAbi = nativeModuleAbi(built);
    if (builtAbi !== abi) {
      return { reason: `the build of ${what} came out for ABI ${builtAbi ?? 'unknown'}` };
    }
    mkdirSync(dirname(target), { recursive: true });
    renameSync(built, target);
    return { path: target };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
