import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/run-cli.js';
import { CliFailure, UsageError, type CliIo } from '../../../src/main/cli/io.js';
import type { CliCommand } from '../../../src/main/cli/commands.js';

function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readStdin: async () => null,
    env: {},
  };
  return io;
}

const echo: CliCommand = {
  name: 'echo',
  usage: 'scrobbletray echo WORD',
  summary: 'Say a word back.',
  async run(args) {
    if (args.length !== 1) throw new UsageError('echo takes exactly one word');
    if (args[0] === 'fail') throw new CliFailure('the server is down; try later');
    return { data: { word: args[0] }, human: `you said ${args[0]}` };
  },
};

describe('runCli', () => {
  it('prints human output by default and JSON with --json', async () => {
    const io = captureIo();
    expect(await runCli(['echo', 'hi'], io, [echo])).toBe(0);
    expect(io.out).toBe('you said hi\n');
    const jsonIo = captureIo();
    expect(await runCli(['echo', 'hi', '--json'], jsonIo, [echo])).toBe(0);
    expect(JSON.parse(jsonIo.out)).toEqual({ word: 'hi' });
  });

  it('exits 2 with the usage line on bad usage and on an unknown command', async () => {
    const io = captureIo();
    expect(await runCli(['echo'], io, [echo])).toBe(2);
    expect(io.err).toMatch(/exactly one word\nusage: scrobbletray echo WORD/);
    expect(await runCli(['nope'], captureIo(), [echo])).toBe(2);
  });

  it('exits 1 with the explanation on a failure, as JSON too', async () => {
    const io = captureIo();
    expect(await runCli(['echo', 'fail', '--json'], io, [echo])).toBe(1);
    expect(JSON.parse(io.out)).toEqual({
      error: { message: 'the server is down; try later', exitCode: 1 },
    });
    expect(io.err).toMatch(/the server is down/);
  });

  it('lists commands in --help', async () => {
    const io = captureIo();
    expect(await runCli(['--help'], io, [echo])).toBe(0);
    expect(io.out).toMatch(/echo\s+Say a word back\./);
  });
});
