import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FilePreview, ImportResult } from '../../../src/shared/import-types.js';
import { cli } from '../../support/cli.js';
import { writeSpotifyHistory } from '../../support/import-fixtures.js';
import { tempDir } from '../../support/temp-dir.js';

// `scrobbletray import` through the CLI's own runner (arguments, --json, exit codes, stdout
// and stderr) over a real data dir (SQLite in a temp dir). Nobody is signed in, so plays go to
// Last.fm and wait for sign-in; nothing is sent.

let dir: { path: string; cleanup: () => void };
let env: NodeJS.ProcessEnv;
let file: string;
beforeEach(async () => {
  dir = tempDir('scrobbletray-import-cli-');
  env = { SCROBBLETRAY_DATA_DIR: join(dir.path, 'data') };
  file = join(dir.path, 'Streaming_History_Audio_2026.json');
  // ~5.5 MB: big enough for progress lines; over 28 days, so about half is too old for Last.fm.
  await writeSpotifyHistory(file, {
    count: 8000,
    endSec: Math.floor(Date.now() / 1000) - 600,
    spanDays: 28,
  });
});
afterEach(() => dir.cleanup());

describe('scrobbletray import FILE', () => {
  it('--dry-run shows per service what goes where and what is left out, and queues nothing', async () => {
    const run = await cli(['import', file, '--dry-run'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Would queue Last\.fm: \d+ plays/);
    expect(run.stdout).toMatch(
      /not sent to Last\.fm, older than 14 days \(Last\.fm takes only the last 14 days\): \d+/,
    );
    expect(run.stdout).toMatch(/played less than 30 s .*: \d+/);
    const stats = await cli(['queue', 'stats', '--json'], env);
    expect(stats.stdout).not.toMatch(/"queued":\s*[1-9]/);
  });

  it('imports with progress on stderr and the result alone on stdout; a second import adds nothing', async () => {
    const preview = JSON.parse(
      (await cli(['import', file, '--dry-run', '--json'], env)).stdout,
    ) as FilePreview;
    const toLastfm = preview.services.find((s) => s.id === 'lastfm')?.plays ?? 0;
    expect(toLastfm).toBeGreaterThan(0);

    const first = await cli(['import', file, '--json'], env);
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout) as ImportResult;
    expect(result).toMatchObject({ queued: toLastfm, alreadyThere: 0 });
    expect(result.services).toEqual([
      {
        id: 'lastfm',
        name: 'Last.fm',
        queued: toLastfm,
        alreadyThere: 0,
        refused: expect.any(Number),
      },
    ]);
    expect(first.stderr).toMatch(/Importing: 100% \(\d+ rows, \d+ plays queued\)/);

    const second = await cli(['import', file], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Queued 0 plays.');
    expect(second.stdout).toContain(
      `Already there: ${toLastfm} plays were imported before; nothing was added for them.`,
    );
  });

  it('refuses a service nobody signed in to, before reading the file', async () => {
    const run = await cli(['import', file, '--service', 'librefm'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Not signed in to librefm/);
  });
});
