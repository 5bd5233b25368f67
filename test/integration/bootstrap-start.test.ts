// `npm start`'s path to the tray app, with the real bootstrap in a throwaway copy of the
// project. Electron's runtime, its installer and the prebuilt better-sqlite3 download cannot
// run here (no internet), so they are stand-ins: an "electron" executable that records what
// it was handed, an installer that fails and then succeeds, and a prebuild-install that
// "downloads" a real addon compiled here for Electron's ABI (150). The bootstrap runs as the
// unprivileged user "nobody" (Electron does not run as root) with a DISPLAY set.
import { createServer, type Server } from 'node:net';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAddonForAbi } from '../support/abi-addon.js';
import { BootstrapSandbox, NOBODY } from '../support/bootstrap-sandbox.js';

let box: BootstrapSandbox;
let servers: Server[] = [];

/** Electron's stand-in: records argv, cwd and the SQLite binding it got, and its ABI. */
const FAKE_ELECTRON = (record: string) => `#!${process.execPath}
const fs = require('node:fs');
const binding = process.env.SCROBBLETRAY_SQLITE_BINDING ?? null;
const abi = binding && fs.existsSync(binding)
  ? (/node_register_module_v(\\d+)/.exec(fs.readFileSync(binding).toString('latin1')) ?? [])[1] ?? null
  : null;
fs.appendFileSync(${JSON.stringify(record)}, JSON.stringify({
  args: process.argv.slice(2), cwd: process.cwd(), binding, bindingExists: !!binding && fs.existsSync(binding), abi,
}) + '\\n');
`;

function electronRecord(): { args: string[]; cwd: string; binding: string; abi: string }[] {
  const file = join(box.dir, 'electron-runs.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

/** node_modules/electron as npm leaves it with ELECTRON_SKIP_BINARY_DOWNLOAD: no runtime. */
function electronPackage(nodeRange = '>= 20.0.0'): string {
  const dir = join(box.root, 'node_modules', 'electron');
  box.file(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'electron', version: '45.4.1', engines: { node: nodeRange } }),
  );
  box.file(join(dir, 'abi_version'), '150');
  return dir;
}

/** The runtime as its installer leaves it: dist/electron and path.txt. */
function installRuntime(dir: string): void {
  box.file(join(dir, 'dist', 'electron'), FAKE_ELECTRON(join(box.dir, 'electron-runs.log')), true);
  box.file(join(dir, 'path.txt'), 'electron');
}

/** A real TCP listener on 127.0.0.1 standing for the download host; resolves its port. */
async function listening(): Promise<number> {
  const server = createServer((socket) => socket.end());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const start = (env: NodeJS.ProcessEnv = {}) =>
  box.run(['start'], { DISPLAY: ':0', ...env }, NOBODY);

beforeEach(() => {
  box = new BootstrapSandbox();
  box.tool(
    'dpkg-query',
    `if (args[0] === '--version') process.exit(0);
for (const name of args.slice(2)) process.stdout.write(name + ' install ok installed\\n');`,
  );
  box.tool('npm', 'record();');
  box.file(
    join(box.root, 'node_modules', 'better-sqlite3', 'package.json'),
    JSON.stringify({ name: 'better-sqlite3', version: '12.6.2' }),
  );
  box.file(join(box.root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'x.node'), 'plain');
  // prebuild-install's stand-in "downloads" the addon compiled for ABI 150.
  const addon = buildAddonForAbi(box.dir, 150);
  box.file(
    join(box.root, 'node_modules', 'prebuild-install', 'bin.js'),
    `const fs = require('node:fs');
fs.appendFileSync(${JSON.stringify(box.callLog)}, JSON.stringify({ tool: 'prebuild-install',
  args: process.argv.slice(2), cwd: process.cwd(), nodedir: process.env.npm_config_nodedir ?? null }) + '\\n');
if (fs.existsSync(${JSON.stringify(join(box.dir, 'prebuild-fails'))})) process.exit(1);
fs.mkdirSync('build/Release', { recursive: true });
fs.copyFileSync(${JSON.stringify(addon)}, 'build/Release/better_sqlite3.node');`,
  );
  // Headless mode's stand-in: `node bin/scrobbletray.js serve` records its arguments.
  box.file(
    join(box.root, 'bin', 'scrobbletray.js'),
    `import { appendFileSync } from 'node:fs';
appendFileSync(${JSON.stringify(box.callLog)}, JSON.stringify({ tool: 'headless', args: process.argv.slice(2), cwd: process.cwd() }) + '\\n');`,
  );
});

afterEach(async () => {
  box.cleanup();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  servers = [];
});

describe('npm start where Electron runs', () => {
  it('builds better-sqlite3 for Electron once, hands its path to Electron, and keeps node_modules as it was', async () => {
    installRuntime(electronPackage());
    const run = await start({ npm_config_nodedir: '/usr' });
    expect(run.stderr).toContain('starting the tray app (Electron)');
    expect(run.code).toBe(0);
    const [launch] = electronRecord();
    expect(launch!.args).toEqual(['.']);
    expect(launch!.cwd).toBe(box.root);
    expect(launch!.binding).toBe(
      join(
        box.root,
        `.cache/electron-native/electron-45.4.1-${process.platform}-${process.arch}/better-sqlite3-12.6.2/better_sqlite3.node`,
      ),
    );
    expect(launch!.abi).toBe('150');
    // Asked for Electron's build, without npm's global nodedir (which would mean plain Node).
    const [prebuild] = box.calls('prebuild-install');
    expect(prebuild!.args).toEqual(
      expect.arrayContaining(['--runtime', 'electron', '--target', '45.4.1']),
    );
    expect(prebuild!.nodedir).toBeNull();
    expect(
      readFileSync(join(box.root, 'node_modules/better-sqlite3/build/Release/x.node'), 'utf8'),
    ).toBe('plain');
    // The build ran first; a second start reuses the Electron build.
    expect(box.calls('npm').map((c) => c.args)).toContainEqual(['run', '--silent', 'build']);
    await start();
    expect(box.calls('prebuild-install')).toHaveLength(1);
    expect(electronRecord()).toHaveLength(2);
  });

  it('rebuilds a cached binding that is for the wrong ABI', async () => {
    installRuntime(electronPackage());
    const cached = join(
      box.root,
      `.cache/electron-native/electron-45.4.1-${process.platform}-${process.arch}/better-sqlite3-12.6.2/better_sqlite3.node`,
    );
    box.file(cached, '');
    cpSync(buildAddonForAbi(box.dir, 115), cached);
    await start();
    expect(box.calls('prebuild-install')).toHaveLength(1);
    expect(electronRecord()[0]!.abi).toBe('150');
  });

  it('passes the arguments after `npm start --` to the app', async () => {
    installRuntime(electronPackage());
    await start().then(() => undefined);
    const run = await box.run(['start', '--hidden'], { DISPLAY: ':0' }, NOBODY);
    expect(run.code).toBe(0);
    expect(electronRecord().at(-1)!.args).toEqual(['.', '--hidden']);
  });

  it('runs headless, saying why in one line, when better-sqlite3 cannot be built for Electron', async () => {
    installRuntime(electronPackage());
    box.file(join(box.dir, 'prebuild-fails'), '');
    const run = await start();
    expect(electronRecord()).toEqual([]);
    const line = run.stderr.split('\n').find((l) => l.includes('no tray app:'))!;
    expect(line).toContain('cannot get better-sqlite3 for Electron 45.4.1 (ABI 150)');
    expect(line).toContain('Running headless');
    expect(box.calls('headless').map((c) => c.args)).toEqual([['serve']]);
  });
});

describe('npm start when Electron is not there yet', () => {
  function flakyInstaller(dir: string): void {
    // Fails the first time (as offline), installs the runtime the second.
    box.file(
      join(dir, 'install.js'),
      `const fs = require('node:fs');
const count = ${JSON.stringify(join(box.dir, 'installer-runs'))};
const n = fs.existsSync(count) ? Number(fs.readFileSync(count, 'utf8')) + 1 : 1;
fs.writeFileSync(count, String(n));
if (n === 1) { console.error('RequestError: getaddrinfo EAI_AGAIN github.com'); process.exit(1); }
fs.mkdirSync('dist', { recursive: true });
fs.writeFileSync('dist/electron', ${JSON.stringify(FAKE_ELECTRON(join(box.dir, 'electron-runs.log')))}, { mode: 0o755 });
fs.writeFileSync('path.txt', 'electron');`,
    );
  }
  const installerRuns = () =>
    existsSync(join(box.dir, 'installer-runs'))
      ? Number(readFileSync(join(box.dir, 'installer-runs'), 'utf8'))
      : 0;

  it('tries a failed download again on the next start, and then starts the tray app', async () => {
    flakyInstaller(electronPackage());
    const mirror = `http://127.0.0.1:${await listening()}/`;
    const first = await start({ ELECTRON_MIRROR: mirror });
    const line = first.stderr.split('\n').find((l) => l.includes('no tray app:'))!;
    expect(line).toContain(
      "Electron's runtime could not be fetched (RequestError: getaddrinfo EAI_AGAIN",
    );
    expect(line).toContain('SCROBBLETRAY_NO_ELECTRON=1');
    expect(box.calls('headless')).toHaveLength(1);

    const second = await start({ ELECTRON_MIRROR: mirror });
    expect(second.stderr).toContain('starting the tray app (Electron)');
    expect(installerRuns()).toBe(2);
    expect(electronRecord()[0]!.abi).toBe('150');
  });

  it('does not run the installer when the download host cannot be reached (fast offline starts)', async () => {
    flakyInstaller(electronPackage());
    const run = await start({ ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/` });
    expect(installerRuns()).toBe(0);
    expect(run.stderr).toMatch(
      /no tray app: Electron's runtime could not be fetched \(cannot reach 127\.0\.0\.1:\d+: ECONNREFUSED\)/,
    );
    expect(box.calls('headless')).toHaveLength(1);
  });

  it('never tries with SCROBBLETRAY_NO_ELECTRON=1, even with the runtime installed', async () => {
    const dir = electronPackage();
    flakyInstaller(dir);
    const run = await start({
      SCROBBLETRAY_NO_ELECTRON: '1',
      ELECTRON_MIRROR: `http://127.0.0.1:${await listening()}/`,
    });
    expect(run.stderr).toContain('no tray app: SCROBBLETRAY_NO_ELECTRON is set. Running headless');
    expect(installerRuns()).toBe(0);
    installRuntime(dir);
    await start({ SCROBBLETRAY_NO_ELECTRON: '1' });
    expect(electronRecord()).toEqual([]);
  });

  it("says in one line when this Node is too old for Electron's installer", async () => {
    flakyInstaller(electronPackage('>= 99.1.0'));
    const run = await start({ ELECTRON_MIRROR: `http://127.0.0.1:${await listening()}/` });
    const lines = run.stderr.split('\n').filter((l) => l.includes('no tray app:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      `fetching Electron 45.4.1's runtime needs Node 99.1.0+, and this is Node ${process.versions.node}`,
    );
    expect(installerRuns()).toBe(0);
  });

  it('runs headless without a display, before fetching anything', async () => {
    flakyInstaller(electronPackage());
    const run = await box.run(['start'], {}, NOBODY);
    expect(run.stderr).toContain('no tray app: no display');
    expect(installerRuns()).toBe(0);
  });
});
