import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { browserCommand, openInBrowser } from '../../../src/main/cli/open-browser.js';
import { tempDir } from '../../support/temp-dir.js';

// How the CLI opens the sign-in page on each platform. The URL must reach the opener as one
// argument, never through a shell: on Windows `cmd /c start` cut sign-in URLs at the first
// `&` and ran the rest as a command.

const SIGN_IN =
  'https://www.last.fm/api/auth/?api_key=K&cb=http%3A%2F%2F127.0.0.1%3A5000%2Fcallback%3Fstate%3Dx';

describe('browserCommand', () => {
  it('hands the URL over as one argument, with no shell, on each platform', () => {
    expect(browserCommand(SIGN_IN, 'win32')).toEqual({
      command: 'rundll32',
      args: ['url.dll,FileProtocolHandler', SIGN_IN],
    });
    expect(browserCommand(SIGN_IN, 'darwin')).toEqual({ command: 'open', args: [SIGN_IN] });
    expect(browserCommand(SIGN_IN, 'linux')).toEqual({ command: 'xdg-open', args: [SIGN_IN] });
    for (const platform of ['win32', 'darwin', 'linux', 'freebsd'] as const) {
      const opener = browserCommand(SIGN_IN, platform);
      expect(opener?.command, platform).not.toMatch(/^(cmd|sh|bash|powershell|pwsh)$/i);
      expect(opener?.args.at(-1), platform).toBe(SIGN_IN);
    }
  });

  it('opens nothing but plain http(s) URLs', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-settings:',
      '-a Calculator',
      'https://example.org/a b',
      'https://example.org/"&calc',
      'https://example.org/\nx',
      'not a url',
    ]) {
      expect(browserCommand(url, 'win32'), url).toBeNull();
      expect(browserCommand(url, 'linux'), url).toBeNull();
    }
  });
});

describe('openInBrowser (a real process)', () => {
  const dir = tempDir('scrobbletray-opener-');
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });
  afterAll(() => dir.cleanup());

  it('starts the opener with the whole URL, & and all, as one argument', async () => {
    // A stand-in xdg-open on PATH that writes its arguments one per line: the real one would
    // open a browser, which this machine cannot show.
    const log = join(dir.path, 'argv.txt');
    const opener = join(dir.path, 'xdg-open');
    writeFileSync(opener, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > '${log}'\n`);
    chmodSync(opener, 0o755);
    process.env.PATH = `${dir.path}:${savedPath ?? ''}`;
    const url = `${SIGN_IN}&x=1;touch%20pwned`;
    expect(await openInBrowser(url, 'linux')).toBe(true);
    for (let i = 0; i < 100 && !existsSync(log); i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(log, 'utf8')).toBe(`${url}\n`);
  });

  it('says so when no opener can be started, and never starts one for a bad URL', async () => {
    const empty = join(dir.path, 'empty');
    mkdirSync(empty);
    process.env.PATH = empty;
    expect(await openInBrowser('https://example.org/', 'freebsd')).toBe(false);
    expect(await openInBrowser('file:///etc/passwd', 'linux')).toBe(false);
  });
});
