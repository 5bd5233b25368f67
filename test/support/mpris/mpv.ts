// A real MPRIS player for tests: Debian's mpv with the mpv-mpris plugin, headless, on a
// private bus; tagged audio made with sox; driven with playerctl like a user would.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stopChild } from './private-bus.js';

const run = promisify(execFile);

export const MPRIS_PLUGIN = '/usr/lib/mpv-mpris/mpris.so';

export interface ToneSpec {
  artist?: string;
  title: string;
  album?: string;
  seconds: number;
}

/** A tagged Ogg Vorbis file of a quiet sine tone (sox). */
export async function makeTone(dir: string, file: string, spec: ToneSpec): Promise<string> {
  const path = join(dir, file);
  const tags = [
    ...(spec.artist ? ['--add-comment', `ARTIST=${spec.artist}`] : []),
    '--add-comment',
    `TITLE=${spec.title}`,
    ...(spec.album ? ['--add-comment', `ALBUM=${spec.album}`] : []),
  ];
  await run('sox', [
    '-n',
    '-r',
    '44100',
    '-c',
    '2',
    ...tags,
    path,
    'synth',
    String(spec.seconds),
    'sine',
    '440',
    'vol',
    '0.1',
  ]);
  return path;
}

export interface Mpv {
  process: ChildProcess;
  /** The MPRIS name playerctl knows it by (`mpv`, or `mpv.instance<pid>` for a second one). */
  playerName: string;
  /** playerctl -p <player> <args...> on the private bus. */
  ctl(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** Starts mpv on `busAddress` and waits until it owns its MPRIS name. */
export async function startMpv(
  busAddress: string,
  files: string[],
  options: { args?: string[]; secondInstance?: boolean } = {},
): Promise<Mpv> {
  const extraArgs = options.args ?? [];
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress };
  const child = spawn(
    'mpv',
    [
      '--no-config',
      `--script=${MPRIS_PLUGIN}`,
      '--ao=null',
      '--vo=null',
      '--no-terminal',
      '--idle',
      ...extraArgs,
      ...files,
    ],
    { env, stdio: 'ignore' },
  );
  const ctlRaw = async (args: string[]) => (await run('playerctl', args, { env })).stdout.trim();
  const deadline = Date.now() + 10_000;
  let playerName = '';
  while (!playerName) {
    if (child.exitCode !== null) throw new Error(`mpv exited with ${child.exitCode}`);
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error('mpv did not appear on the bus within 10 s');
    }
    const names = (await ctlRaw(['-l']).catch(() => '')).split('\n');
    // A second mpv on the bus finds `mpv` taken and registers `mpv.instance<pid>`.
    const wanted = options.secondInstance ? `mpv.instance${child.pid}` : 'mpv';
    playerName = names.includes(wanted) ? wanted : '';
    if (!playerName) await new Promise((r) => setTimeout(r, 100));
  }
  return {
    process: child,
    playerName,
    ctl: (...args) => ctlRaw(['-p', playerName, ...args]),
    stop: () => stopChild(child),
  };
}
