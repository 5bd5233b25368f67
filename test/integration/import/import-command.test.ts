import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCommand } from '../../../src/main/cli/import-command.js';
import type { CliIo } from '../../../src/main/cli/io.js';
import type { FilePreview } from '../../../src/main/sources/import/read-import.js';
import { tempDir } from '../../support/temp-dir.js';

// The command object run in-process over a real data dir (SQLite in a temp dir). Nobody is
// signed in, so new scrobbles go to Last.fm (they wait for sign-in); nothing is sent.

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url));

let dir: { path: string; cleanup: () => void };
let io: CliIo;
beforeEach(() => {
  dir = tempDir('scrobbletray-import-cli-');
  io = {
    stdout: () => undefined,
    stderr: () => undefined,
    readStdin: async () => null,
    env: { SCROBBLETRAY_DATA_DIR: dir.path },
  };
});
afterEach(() => dir.cleanup());

describe('scrobbletray import', () => {
  it('--dry-run reports what Last.fm would get and why the rest is left out', async () => {
    const result = await importCommand.run([fixture('rockbox-utc.scrobbler.log'), '--dry-run'], {
      io,
      json: false,
    });
    const preview = result.data as FilePreview;
    expect(preview.format).toBe('scrobbler-log');
    expect(preview.services.map((s) => [s.id, s.maxAgeDays])).toEqual([['lastfm', 14]]);
    expect(result.human).toContain('Would queue Last.fm:');
    expect(result.human).toContain('skipped on the device: 1');
    expect(result.human).toContain('line 12 malformed: the duration "abc"');
  });

  it('asks for the UTC offset of a device-local log, and takes it', async () => {
    const path = fixture('rockbox-local.scrobbler.log');
    const without = await importCommand.run([path, '--dry-run'], { io, json: false });
    expect(without.human).toMatch(/--utc-offset \+01:00; nothing is imported without it/);
    const withOffset = await importCommand.run([path, '--dry-run', '--utc-offset', '+01:00'], {
      io,
      json: false,
    });
    expect((withOffset.data as FilePreview).needsUtcOffset).toBe(false);
    await expect(
      importCommand.run([path, '--utc-offset', 'Berlin'], { io, json: false }),
    ).rejects.toThrow(/like \+02:00/);
  });

  it('explains a file it cannot read and a service nobody signed in to', async () => {
    await expect(
      importCommand.run([fixture('missing.json'), '--dry-run'], { io, json: false }),
    ).rejects.toThrow(/no such file/);
    await expect(
      importCommand.run([fixture('listenbrainz-export.json'), '--service', 'librefm'], {
        io,
        json: false,
      }),
    ).rejects.toThrow(/Not signed in to librefm/);
    await expect(
      importCommand.run([fixture('listenbrainz-export.json'), '--format', 'csv'], {
        io,
        json: false,
      }),
    ).rejects.toThrow(/--format must be one of scrobbler-log, spotify, listenbrainz/);
  });
});
