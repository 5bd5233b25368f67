// A D-Bus session bus of the test's own: a `dbus-daemon` per test file, whose address goes to
// both mpv and our watcher, so tests never see (or disturb) the players of the outer session.

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface PrivateBus {
  address: string;
  stop(): Promise<void>;
}

export async function startPrivateBus(): Promise<PrivateBus> {
  const child = spawn('dbus-daemon', ['--session', '--print-address', '--nofork'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(
      () => reject(new Error('dbus-daemon printed no address in 5 s')),
      5000,
    );
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(
        new Error(`cannot start dbus-daemon (${error.message}); install Debian's dbus-daemon`),
      );
    });
  });
  return { address, stop: () => stopChild(child) };
}

/** SIGTERM, then SIGKILL after 3 s; resolves once the process is gone. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
