import { describe, expect, it } from 'vitest';
import { cliArguments } from '../../../src/main/native/cli-invocation.js';

describe('cliArguments: is this start of the app a CLI call?', () => {
  it('takes a first word as a CLI command (packaged: argv is [app, ...args])', () => {
    expect(cliArguments(['/opt/Scrobbletray/scrobbletray', 'whoami', '--json'], true)).toEqual([
      'whoami',
      '--json',
    ]);
  });

  it('skips the app directory in development (argv is [electron, ".", ...args])', () => {
    expect(cliArguments(['/x/electron', '.', 'queue', '--limit', '3'], false)).toEqual([
      'queue',
      '--limit',
      '3',
    ]);
    expect(cliArguments(['/x/electron', '.'], false)).toBeNull();
  });

  it('starts the tray app for no arguments or for its own flags', () => {
    expect(cliArguments(['/opt/Scrobbletray/scrobbletray'], true)).toBeNull();
    expect(cliArguments(['/opt/Scrobbletray/scrobbletray', '--hidden'], true)).toBeNull();
    expect(cliArguments(['/opt/Scrobbletray/scrobbletray', '--no-sandbox'], true)).toBeNull();
  });

  it('treats --help and --version as the CLI', () => {
    expect(cliArguments(['/opt/Scrobbletray/scrobbletray', '--help'], true)).toEqual(['--help']);
    expect(cliArguments(['/opt/Scrobbletray/scrobbletray', '--version'], true)).toEqual([
      '--version',
    ]);
  });
});
