import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/main/cli.js';
import { APP_VERSION } from '../../../src/main/version.js';
import { tempDir } from '../../support/temp-dir.js';

// The CLI's command table loads a command's module only when it runs (a player hook calls
// `scrobbletray` once per track, and help or --version must not wait for SQLite and the
// core). The table repeats each command's usage and summary so help needs no module.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('the lazy command table', () => {
  it('says what each command module says about itself', async () => {
    for (const entry of COMMANDS) {
      const loaded = await entry.load();
      expect({ name: entry.name, usage: entry.usage, summary: entry.summary }, entry.name).toEqual({
        name: loaded.name,
        usage: loaded.usage,
        summary: loaded.summary,
      });
    }
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });

  describe('help and --version with nothing but the table', () => {
    // A copy of the CLI entry and the four modules it imports statically, and none of the
    // commands or the core: if the entry ever imports more up front, these runs fail.
    const copy = tempDir('scrobbletray-cli-alone-');
    afterAll(() => copy.cleanup());
    for (const file of [
      'src/main/cli.ts',
      'src/main/cli/run-cli.ts',
      'src/main/cli/io.ts',
      'src/main/cli/commands.ts',
      'src/main/version.ts',
      'package.json',
    ]) {
      mkdirSync(dirname(join(copy.path, file)), { recursive: true });
      copyFileSync(join(ROOT, file), join(copy.path, file));
    }
    const run = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          `const { main } = await import(${JSON.stringify(join(copy.path, 'src/main/cli.ts'))});
           await main(${JSON.stringify(args)});`,
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );

    it('prints the version', () => {
      const result = run('--version');
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(`${APP_VERSION}\n`);
      expect(result.status).toBe(0);
    });

    it('lists every command, and one command’s usage', () => {
      const all = run('help');
      expect(all.status, all.stderr).toBe(0);
      for (const c of COMMANDS) expect(all.stdout).toContain(`  ${c.name}`);
      const one = run('help', 'scrobble');
      expect(one.stdout).toContain(
        'usage: scrobbletray scrobble (--artist A --track T | --url URL)',
      );
      // Every form --at takes is listed (issue [12]: help listed fewer than it took).
      expect(one.stdout).toContain('"20 minutes ago"');
      expect(one.stdout).toContain('without one for local time');
    });

    it('a command does need its module (the copy has none)', () => {
      const result = run('queue');
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/queue-commands/);
    });
  });
});
