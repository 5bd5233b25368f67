// The bootstrap's first steps on a machine that has never seen the project: the Debian
// packages (apt-get as root; the exact sudo line otherwise) and `npm ci`. apt-get, dpkg-query
// and npm are stand-ins on PATH that record their argv (installing real packages or
// dependencies is what the lead's fresh-machine check does, not a test); the bootstrap itself
// is the real script, run as a real process, as root and as the unprivileged user "nobody".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEBIAN_PACKAGES } from '../../scripts/lib/system-packages.mjs';
import { BootstrapSandbox, IS_ROOT, NOBODY } from '../support/bootstrap-sandbox.js';

let box: BootstrapSandbox;

beforeEach(() => {
  box = new BootstrapSandbox();
  // dpkg knows only the packages listed in installed.txt (none, unless a test writes some).
  box.file(`${box.dir}/installed.txt`, '');
  box.tool(
    'dpkg-query',
    `if (args[0] === '--version') process.exit(0);
record();
const installed = fs.readFileSync(${JSON.stringify(`${box.dir}/installed.txt`)}, 'utf8').split('\\n');
let unknown = false;
for (const name of args.slice(2)) {
  if (installed.includes(name)) process.stdout.write(name + ' install ok installed\\n');
  else unknown = true;
}
process.exit(unknown ? 1 : 0);`,
  );
  box.tool('apt-get', `record({ frontend: process.env.DEBIAN_FRONTEND ?? null });`);
  // npm: \`ci\` fails with exit 3, so the run stops right after the install step.
  box.tool('npm', `record(); process.exit(args[0] === 'ci' ? 3 : 0);`);
});

afterEach(() => box.cleanup());

describe('bootstrap: system packages and npm dependencies', () => {
  // Runs apt-get only as root; a developer running the tests as themselves skips these two.
  it.skipIf(!IS_ROOT)(
    'as root: apt-get update, then apt-get install -y --no-install-recommends <missing>, then npm ci',
    async () => {
      const run = await box.run(['test']);
      const apt = box.calls('apt-get').map((c) => c.args);
      expect(apt).toEqual([
        ['update'],
        ['install', '-y', '--no-install-recommends', ...DEBIAN_PACKAGES.test],
      ]);
      expect(box.calls('apt-get').every((c) => c.frontend === 'noninteractive')).toBe(true);
      // Then npm ci (never npm install: the lock file is not rewritten), whose failure stops it.
      expect(box.calls('npm').map((c) => c.args)).toEqual([['ci', '--no-audit', '--no-fund']]);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('`npm ci` failed (exit 3)');
    },
  );

  it.skipIf(!IS_ROOT)(
    'asks only for what is missing, and nothing when all is installed',
    async () => {
      const [first, ...others] = DEBIAN_PACKAGES.test;
      box.file(`${box.dir}/installed.txt`, others.join('\n'));
      await box.run(['test']);
      expect(box.calls('apt-get').at(-1)!.args).toEqual([
        'install',
        '-y',
        '--no-install-recommends',
        first,
      ]);

      box.file(`${box.dir}/installed.txt`, DEBIAN_PACKAGES.test.join('\n'));
      const before = box.calls('apt-get').length;
      await box.run(['test']);
      expect(box.calls('apt-get')).toHaveLength(before);
    },
  );

  it('lists the MPRIS player peers for the tests, and what `npm start` needs to build', () => {
    expect(DEBIAN_PACKAGES.test).toEqual(
      expect.arrayContaining(['mpv', 'mpv-mpris', 'playerctl', 'sox', 'chromium', 'gnome-keyring']),
    );
    expect(DEBIAN_PACKAGES.test).not.toContain('xvfb');
    expect(DEBIAN_PACKAGES.start).toEqual(
      expect.arrayContaining(['g++', 'make', 'python3', 'libsecret-1-dev']),
    );
  });

  it('not root: prints the exact sudo line, installs nothing and exits 1', async () => {
    const run = await box.run(['start'], {}, NOBODY);
    expect(run.code).toBe(1);
    const pkgs = DEBIAN_PACKAGES.start.join(' ');
    expect(run.stderr).toContain(
      `  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${pkgs}\n`,
    );
    expect(box.calls('apt-get')).toEqual([]);
    expect(box.calls('npm')).toEqual([]);
  });

  it('runs npm ci again only when the lock file changes', async () => {
    box.file(`${box.dir}/installed.txt`, DEBIAN_PACKAGES.start.join('\n'));
    // npm ci succeeds now; the build then fails (exit 4), which ends each run early.
    box.tool('npm', `record(); process.exit(args[0] === 'ci' ? 0 : 4);`);
    expect((await box.run(['start'])).code).toBe(4);
    expect((await box.run(['start'])).code).toBe(4);
    expect(box.calls('npm').filter((c) => c.args[0] === 'ci')).toHaveLength(1);

    box.file(`${box.root}/package-lock.json`, '{"lockfileVersion": 3, "changed": true}\n');
    const run = await box.run(['start']);
    expect(run.stderr).toContain('dependencies changed: reinstalling them');
    expect(box.calls('npm').filter((c) => c.args[0] === 'ci')).toHaveLength(2);
  });

  it('compares Node versions the way the checks need (20.19 for all, 22.12 to fetch Electron)', async () => {
    const { MIN_NODE, atLeast } = await import('../../scripts/lib/node-version.mjs');
    expect(atLeast('20.18.3', MIN_NODE)).toBe(false);
    expect(atLeast('20.19.0', MIN_NODE)).toBe(true);
    expect(atLeast('22.12.0', '22.12.0')).toBe(true);
    expect(atLeast('22.11.9', '22.12.0')).toBe(false);
  });
});
