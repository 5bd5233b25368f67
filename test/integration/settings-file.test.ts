import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  openSettingsFile,
  SettingsFileError,
  settingsFileError,
} from '../../src/main/settings/store.js';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

// settings.json when it is broken or cannot be saved: every message names the file and the
// fix, and nothing is reset behind the user's back. Real files in temp folders; the full
// disk is a real 64 kB tmpfs (mounting needs root, which the project's machines have).

const dirs: Array<{ cleanup(): void }> = [];
afterAll(() => dirs.forEach((d) => d.cleanup()));

function dataDirWith(contents: string): { dir: string; file: string } {
  const d = tempDir('scrobbletray-settings-');
  dirs.push(d);
  const file = join(d.path, 'settings.json');
  writeFileSync(file, contents);
  return { dir: d.path, file };
}

function openError(dir: string): SettingsFileError {
  try {
    openSettingsFile(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsFileError);
    return error as SettingsFileError;
  }
  throw new Error('openSettingsFile accepted a broken file');
}

describe('a broken settings.json', () => {
  it.each([
    ['empty', '', /is empty/],
    ['only whitespace', '  \n', /is empty/],
    ['cut off mid-way', '{"lastfm.apiKey": "0123456789abcdef", "accou', /was cut off/],
    ['not JSON', '{apiKey: 1}', /is not valid JSON/],
    ['null', 'null', /does not hold a JSON object/],
    ['a list', '[1, 2]', /does not hold a JSON object/],
  ])('%s: names the file and the fix, and leaves it as it was', (_what, contents, problem) => {
    const { dir, file } = dataDirWith(contents);
    const error = openError(dir);
    expect(error.message).toMatch(problem);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/Repair the file by hand, or rename it/);
    expect(error.message).not.toMatch(/Unexpected (end|token)/);
    // The file's contents are not quoted back (it holds the API key and user names).
    expect(error.message).not.toContain('0123456789abcdef');
    expect(readFileSync(file, 'utf8')).toBe(contents);
  });

  it('stops a CLI command with that message and exit 1, not "Unexpected end of JSON input"', async () => {
    const { dir, file } = dataDirWith('{"lastfm.apiKey": "k", "prefer');
    const run = await cli(['queue'], { SCROBBLETRAY_DATA_DIR: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`The settings file ${file} was cut off`);
    expect(run.stderr).not.toContain('Unexpected end of JSON input');
    expect(readFileSync(file, 'utf8')).toBe('{"lastfm.apiKey": "k", "prefer');
  });

  it('a file that breaks while in use: the next read says so too', () => {
    const { dir, file } = dataDirWith('{"notifications": true}');
    const settings = openSettingsFile(dir);
    expect(settings.get('notifications')).toBe(true);
    writeFileSync(file, '{"notifications": tr');
    expect(() => settings.get('notifications')).toThrow(/was cut off/);
    expect(() => settings.set('notifications', false)).toThrow(SettingsFileError);
    expect(readFileSync(file, 'utf8')).toBe('{"notifications": tr');
  });
});

function mountTinyDisk(path: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', path], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a full disk', () => {
  const root = tempDir('scrobbletray-fulldisk-');
  dirs.push(root);
  const disk = join(root.path, 'disk');
  mkdirSync(disk);
  const mounted = mountTinyDisk(disk);
  afterAll(() => {
    if (!mounted) return;
    execFileSync('umount', [disk]);
    rmdirSync(disk);
  });

  it.skipIf(!mounted)('says the disk is full, names the file, and keeps what it held', () => {
    const settings = openSettingsFile(disk);
    settings.set('notifications', true);
    const file = join(disk, 'settings.json');
    const before = readFileSync(file, 'utf8');
    fillDisk(join(disk, 'filler'));

    let error: unknown;
    try {
      settings.set('windowBounds.main', { x: 1, y: 2, width: 800, height: 600 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsFileError);
    const message = (error as SettingsFileError).message;
    expect((error as SettingsFileError).code).toBe('ENOSPC');
    expect(message).toContain(file);
    expect(message).toMatch(/the disk is full \(ENOSPC\)\. Free some space/);
    expect(message).not.toMatch(/^ENOSPC:/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(settings.get('notifications')).toBe(true);
  });
});

/** Write until the file system refuses even one more byte. */
function fillDisk(path: string): void {
  const chunk = Buffer.alloc(4096, 1);
  for (const piece of [chunk, Buffer.alloc(1, 1)]) {
    for (;;) {
      try {
        writeFileSync(path, piece, { flag: 'a' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
        throw error;
      }
    }
  }
}

describe('settingsFileError (the words for other failures)', () => {
  // The errors fs raises, made by hand: a read-only disk or a file owned by another user
  // cannot be set up here without changing the machine's mounts for every test.
  const fsError = (code: string) => Object.assign(new Error(`${code}: x, open`), { code });
  it.each([
    ['EACCES', 'save', /permission denied \(EACCES\).*SCROBBLETRAY_DATA_DIR/],
    ['EPERM', 'read', /Could not read .*permission denied/],
    ['EROFS', 'save', /the disk is read-only \(EROFS\)/],
  ] as const)('%s on %s', (code, action, message) => {
    const error = settingsFileError(fsError(code), '/data/settings.json', action);
    expect(error.message).toContain('/data/settings.json');
    expect(error.message).toMatch(message);
    expect(error.code).toBe(code);
  });
});
