// The real app in a real Electron, driven by Playwright's _electron. It runs only where an
// Electron runtime is installed (node_modules/electron/dist), a display exists, and the native
// modules are built for Electron's ABI; anywhere else it is skipped and says why. On the
// project's build machines Electron's download needs internet access, so it is skipped there;
// the pure models behind the tray, menu, IPC and windows are tested in test/unit/electron.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ElectronApplication, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function electronBinary(): string | null {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(join(ROOT, 'node_modules', 'electron', 'dist')) || !existsSync(pathFile)) {
    return null;
  }
  const binary = join(
    ROOT,
    'node_modules',
    'electron',
    'dist',
    readFileSync(pathFile, 'utf8').trim(),
  );
  return existsSync(binary) ? binary : null;
}

/** Why the smoke test cannot run on this machine, or null when it can. */
function skipReason(binary: string | null): string | null {
  if (!binary) {
    return 'no Electron runtime on this machine (its download needs internet access)';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display (run under xvfb-run on a headless Linux machine)';
  }
  // better-sqlite3 must be built for Electron's ABI (electron-builder install-app-deps).
  const probe = spawnSync(binary, ['-e', "require('better-sqlite3')(':memory:').close()"], {
    cwd: ROOT,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
  });
  if (probe.status !== 0) {
    return 'better-sqlite3 is not built for Electron (run `npx electron-builder install-app-deps`)';
  }
  return null;
}

const binary = electronBinary();
const reason = skipReason(binary);
if (reason) console.log(`electron smoke test skipped: ${reason}`);

describe(`Electron app smoke test${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    if (reason || !binary) return;
    const built =
      existsSync(join(ROOT, 'dist', 'main', 'electron', 'main.js')) &&
      existsSync(join(ROOT, 'dist', 'main', 'electron', 'preload.cjs')) &&
      existsSync(join(ROOT, 'dist', 'renderer', 'index.html'));
    if (!built) {
      const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
      expect(build.status).toBe(0);
    }
    dataDir = mkdtempSync(join(tmpdir(), 'scrobbletray-electron-'));
    const { _electron } = await import('@playwright/test');
    app = await _electron.launch({
      executablePath: binary,
      // As root (containers) Chromium refuses to start without --no-sandbox; that turns off
      // the OS-level sandbox of this test run only, not the app's sandbox: true setting.
      args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      cwd: ROOT,
      env: { ...process.env, SCROBBLETRAY_DATA_DIR: dataDir },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 240_000);

  afterAll(async () => {
    if (reason) return;
    await app?.close().catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(reason !== null)('opens the main window on our own app:// page', () => {
    expect(page.url()).toBe('app://scrobbletray/index.html#/queue');
  });

  it.skipIf(reason !== null)('gives the page the bridge and no Node', async () => {
    // Page functions run in the window; the root tsconfig has no DOM types, hence globalThis.
    const seen = await page.evaluate(() => {
      const w = globalThis as unknown as Record<string, unknown>;
      return {
        bridge: Object.keys((w.scrobbletray ?? {}) as object).sort(),
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
      };
    });
    expect(seen).toEqual({
      bridge: ['call', 'onEvent'],
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
    });
  });

  it.skipIf(reason !== null)(
    'calls the core through the contract, refusing bad input',
    async () => {
      const result = await page.evaluate(async () => {
        const { scrobbletray: bridge } = globalThis as unknown as {
          scrobbletray: { call: (m: string, i: unknown) => Promise<unknown> };
        };
        const stats = (await bridge.call('queue.stats', {})) as { counts: Record<string, number> };
        const refused = await bridge.call('queue.get', { id: -1 }).then(
          () => 'accepted',
          (e: unknown) => (e instanceof Error ? e.message : String(e)),
        );
        return { queued: stats.counts.queued, refused };
      });
      expect(result.queued).toBe(0);
      expect(result.refused).toContain('Invalid input for queue.get');
      expect(result.refused).not.toMatch(/\n\s+at /);
    },
  );

  it.skipIf(reason !== null)('enforces the CSP and denies window.open', async () => {
    const result = await page.evaluate(() => {
      let evalBlocked = false;
      try {
        eval('1');
      } catch {
        evalBlocked = true;
      }
      const w = globalThis as unknown as { open(url: string): unknown };
      return { evalBlocked, denied: w.open('https://example.com/') === null };
    });
    expect(result).toEqual({ evalBlocked: true, denied: true });
    const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    expect(windows).toBe(1);
  });

  it.skipIf(reason !== null)(
    'keeps running in the tray when the window closes, and remembers where it was',
    async () => {
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
      await expect
        .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length))
        .toBe(0);
      expect(app.process().exitCode).toBeNull();
      const settings = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as {
        windowBounds?: { main?: { width?: number } };
      };
      expect(settings.windowBounds?.main?.width).toBeGreaterThan(0);
    },
  );

  it.skipIf(reason !== null)('quits cleanly, leaving the queue database closed', async () => {
    const exited = new Promise<number | null>((resolve) => app.process().once('exit', resolve));
    await app.evaluate(({ app: electronApp }) => electronApp.quit());
    expect(await exited).toBe(0);
    expect(existsSync(join(dataDir, 'scrobbles.sqlite'))).toBe(true);
    // A clean close checkpoints the WAL away.
    expect(existsSync(join(dataDir, 'scrobbles.sqlite-wal'))).toBe(false);
  });
});
