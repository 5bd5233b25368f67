// Electron's runtime for `npm start`: where it is, whether this machine can run the tray app,
// and fetching it when missing. A failed fetch is simply tried again on the next start; a
// quick reachability check first keeps offline starts fast.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { atLeast, lowestNode } from './node-version.mjs';
import { reasonFrom, runStep } from './run.mjs';

/** How long the reachability check may take before the host counts as unreachable. */
export const REACH_TIMEOUT_MS = 5_000;
/** A whole download (about 100 MB) may take this long before it is given up. */
export const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

/** What node_modules/electron holds: version, ABI, the Node its installer needs. */
export function electronPackage(root) {
  const dir = join(root, 'node_modules', 'electron');
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return null;
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  const abiFile = join(dir, 'abi_version');
  return {
    dir,
    version: pkg.version,
    abi: existsSync(abiFile) ? readFileSync(abiFile, 'utf8').trim() : null,
    installerNeedsNode: lowestNode(pkg.engines?.node) ?? '22.12.0',
  };
}

/** Path of the Electron executable when its runtime is installed, else null. */
export function electronBinary(electron) {
  const pathFile = join(electron.dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(electron.dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

/** Set to anything but "" or "0": `npm start` runs headless and never fetches Electron. */
export const OPT_OUT_ENV = 'SCROBBLETRAY_NO_ELECTRON';

/**
 * Why the tray app cannot run on this machine whatever is installed, or null. Checked before
 * fetching anything, so a machine without a display does not download 100 MB for nothing.
 */
export function trayBlocker(env = process.env, platform = process.platform) {
  const optOut = env[OPT_OUT_ENV];
  if (optOut && optOut !== '0') return `${OPT_OUT_ENV} is set`;
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return 'no display ($DISPLAY and $WAYLAND_DISPLAY are unset)';
  }
  if (platform === 'linux' && process.getuid?.() === 0) {
    return "Electron does not run as root (Chromium's sandbox); run npm start as your own user";
  }
  return null;
}

/** Where @electron/get downloads from: the host and port to check first. */
export function downloadEndpoint(env = process.env) {
  // A proxy, when one is configured, is what must be reachable.
  const proxy = env.GLOBAL_AGENT_HTTPS_PROXY || env.HTTPS_PROXY || env.https_proxy;
  const base =
    proxy ||
    env.ELECTRON_MIRROR ||
    env.npm_config_electron_mirror ||
    env.electron_config_mirror ||
    'https://github.com/electron/electron/releases/download/';
  const url = new URL(base);
  const port = Number(url.port) || (url.protocol === 'http:' ? 80 : 443);
  return { host: url.hostname, port };
}

/** Resolves null when a TCP connection to host:port opens in time, else why not. */
export function unreachable({ host, port }, timeoutMs = REACH_TIMEOUT_MS) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (why) => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(timeoutMs, () =>
      done(`no answer from ${host}:${port} in ${timeoutMs / 1000} s`),
    );
    socket.once('connect', () => done(null));
    socket.once('error', (error) =>
      done(`cannot reach ${host}:${port}: ${error.code ?? error.message}`),
    );
  });
}

/** Whether @electron/get already has this version's zip in its cache (then no network). */
function inDownloadCache(electron, env) {
  const cacheRoot =
    env.electron_config_cache ||
    (process.platform === 'darwin'
      ? join(homedir(), 'Library', 'Caches', 'electron')
      : process.platform === 'win32'
        ? join(env.LOCALAPPDATA ?? homedir(), 'electron', 'Cache')
        : join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'electron'));
  const zip = `electron-v${electron.version}-${process.platform}-${process.arch}.zip`;
  try {
    return readdirSync(cacheRoot).some((dir) => existsSync(join(cacheRoot, dir, zip)));
  } catch {
    return false;
  }
}

/**
 * Fetches Electron's runtime unless it is installed. Resolves { binary } or { reason } (one
 * line). Nothing is remembered between starts: the next `npm start` tries again.
 */
export async function ensureElectronRuntime(electron, env = process.env) {
  const installed = electronBinary(electron);
  if (installed) return { binary: installed };
  if (!atLeast(process.versions.node, electron.installerNeedsNode)) {
    return {
      reason: `fetching Electron ${electron.version}'s runtime needs Node ${electron.installerNeedsNode}+, and this is Node ${process.versions.node}`,
    };
  }
  const installer = join(electron.dir, 'install.js');
  if (!existsSync(installer)) return { reason: 'node_modules/electron has no installer' };
  if (!inDownloadCache(electron, env)) {
    const why = await unreachable(downloadEndpoint(env));
    if (why) return { reason: `Electron's runtime could not be fetched (${why})` };
  }
  const result = await runStep(
    `fetching Electron ${electron.version}'s runtime (about 100 MB)`,
    process.execPath,
    [installer],
    {
      cwd: electron.dir,
      env: { ...env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
      capture: true,
      timeoutMs: DOWNLOAD_TIMEOUT_MS,
    },
  );
  const binary = electronBinary(electron);
  if (binary) return { binary };
  const why = result.timedOut
    ? `no result in ${DOWNLOAD_TIMEOUT_MS / 60_000} min`
    : reasonFrom(result.output, `exit ${result.status}`);
  return { reason: `Electron's runtime could not be fetched (${why})` };
}
