import { spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/**
 * The user for runs that must not be root: Debian's "nobody" when the tests run as root (as
 * CI does), else the test's own (already unprivileged) user.
 */
export const NOBODY: number | undefined = process.getuid?.() === 0 ? 65534 : undefined;
/** Whether this process can run the bootstrap as root (the apt-get path). */
export const IS_ROOT = process.getuid?.() === 0;

export interface BootstrapRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A throwaway copy of what scripts/bootstrap.mjs needs (scripts/, package.json,
 * package-lock.json) plus a folder of stand-in tools put first on PATH. Stand-ins record
 * each call as one JSON line in `calls.log` so tests can read what the bootstrap ran.
 */
export class BootstrapSandbox {
  readonly dir = mkdtempSync(join(tmpdir(), 'scrobbletray-bootstrap-'));
  readonly root = join(this.dir, 'clone');
  readonly tools = join(this.dir, 'tools');
  readonly callLog = join(this.dir, 'calls.log');

  constructor() {
    mkdirSync(this.root);
    mkdirSync(this.tools);
    cpSync(join(ROOT, 'scripts'), join(this.root, 'scripts'), { recursive: true });
    for (const file of ['package.json', 'package-lock.json']) {
      cpSync(join(ROOT, file), join(this.root, file));
    }
  }

  /** Writes an executable file (a stand-in tool, or a file in the copy) and returns its path. */
  file(path: string, text: string, executable = false): string {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    if (executable) chmodSync(path, 0o755);
    return path;
  }

  /**
   * A stand-in tool on PATH, written in Node: `body` runs with `args` (argv after the tool
   * name) and `record(extra)` appends {tool, args, cwd, ...extra} to calls.log.
   */
  tool(name: string, body: string): void {
    this.file(
      join(this.tools, name),
      `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
const record = (extra = {}) => fs.appendFileSync(${JSON.stringify(this.callLog)},
  JSON.stringify({ tool: ${JSON.stringify(name)}, args, cwd: process.cwd(), ...extra }) + '\\n');
${body}
`,
      true,
    );
  }

  calls(tool?: string): { tool: string; args: string[]; cwd: string; [k: string]: unknown }[] {
    if (!existsSync(this.callLog)) return [];
    return readFileSync(this.callLog, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .filter((call) => !tool || call.tool === tool);
  }

  /** Hands the whole sandbox to `uid`, so a run as that user can read and write it. */
  chownTo(uid: number): void {
    const walk = (path: string) => {
      chownSync(path, uid, uid);
      if (statSync(path).isDirectory())
        for (const name of readdirSync(path)) walk(join(path, name));
    };
    walk(this.dir);
  }

  /** Runs `node scripts/bootstrap.mjs <args>` in the copy, stand-ins first on PATH. */
  run(args: string[], env: NodeJS.ProcessEnv = {}, uid?: number): Promise<BootstrapRun> {
    if (uid !== undefined) this.chownTo(uid);
    // Only what a shell would have; nothing from the npm that runs these tests (npm_config_*,
    // npm_execpath), which would point the bootstrap at the real tools.
    const base: NodeJS.ProcessEnv = {
      PATH: `${this.tools}:/usr/local/bin:/usr/bin:/bin`,
      HOME: this.dir,
      LANG: 'C.UTF-8',
    };
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [join(this.root, 'scripts', 'bootstrap.mjs'), ...args],
        {
          cwd: this.root,
          env: { ...base, ...env },
          ...(uid !== undefined ? { uid, gid: uid } : {}),
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.stderr.on('data', (c) => (stderr += c));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
