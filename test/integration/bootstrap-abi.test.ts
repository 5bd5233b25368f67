// better-sqlite3 built for another runtime's ABI: a real addon compiled here for ABI 150
// (Electron 45's), loaded by this Node (ABI 115 on Node 20), makes Node throw its real
// NODE_MODULE_VERSION error; the CLI must turn it into one line with the fix, not a stack.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteLoadProblem } from '../../src/main/native/sqlite-check.js';
import { buildAddonForAbi } from '../support/abi-addon.js';
import { tempDir } from '../support/temp-dir.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OTHER_ABI = process.versions.modules === '150' ? 115 : 150;
let dir: ReturnType<typeof tempDir>;
let addon: string;

beforeAll(() => {
  dir = tempDir('scrobbletray-abi-');
  addon = buildAddonForAbi(dir.path, OTHER_ABI);
});
afterAll(() => dir.cleanup());

describe('better-sqlite3 built for another ABI', () => {
  it('is found before anything opens the database, as one line naming both ABIs', () => {
    const line = sqliteLoadProblem({ SCROBBLETRAY_SQLITE_BINDING: addon })!;
    expect(line).toBe(
      `better-sqlite3 (${addon}) was built for ABI ${OTHER_ABI}, but this is Node ` +
        `${process.versions.node} (ABI ${process.versions.modules}): run \`npm rebuild ` +
        'better-sqlite3` (or `npm ci`) with this Node.',
    );
  });

  it('loads fine with the build in node_modules', () => {
    expect(sqliteLoadProblem({})).toBeNull();
  });

  it('stops the scrobbletray command with that one line and exit 1', () => {
    // bin/scrobbletray.js runs the built code: `npm test` builds before the tests run.
    expect(existsSync(`${ROOT}dist/main/native/sqlite-check.js`), 'run `npm run build`').toBe(true);
    const data = tempDir('scrobbletray-abi-data-');
    try {
      const run = spawnSync(process.execPath, ['bin/scrobbletray.js', 'queue'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: {
          ...process.env,
          SCROBBLETRAY_SQLITE_BINDING: addon,
          SCROBBLETRAY_DATA_DIR: data.path,
        },
      });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toEqual([
        expect.stringMatching(/^scrobbletray: better-sqlite3 \(.+\) was built for ABI \d+, but/),
      ]);
    } finally {
      data.cleanup();
    }
  });
});
