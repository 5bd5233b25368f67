// What is on a private bus, asked the way any D-Bus client would (dbus-send), and a plain
// name holder for players that cannot run here (a browser's MPRIS name).

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sessionBus } from '@jellybrick/dbus-next';

const run = promisify(execFile);

async function busCall(address: string, method: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(
    'dbus-send',
    [
      `--bus=${address}`,
      '--print-reply',
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      `org.freedesktop.DBus.${method}`,
      ...args,
    ],
    { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: address } },
  );
  return stdout;
}

/** The process ids of every connection on the bus (the bus daemon and dbus-send aside). */
export async function connectionPids(address: string): Promise<number[]> {
  const names = [...(await busCall(address, 'ListNames')).matchAll(/string "(:[\d.]+)"/g)].map(
    (m) => m[1]!,
  );
  const pids: number[] = [];
  for (const name of names) {
    try {
      const reply = await busCall(address, 'GetConnectionUnixProcessID', `string:${name}`);
      const pid = /uint32 (\d+)/.exec(reply)?.[1];
      if (pid) pids.push(Number(pid));
    } catch {
      // Gone between the two calls (dbus-send's own connection is, by then).
    }
  }
  return pids;
}

/** Holds a well-known name on the bus (nothing behind it) until released. */
export async function holdName(address: string, name: string): Promise<{ release: () => void }> {
  const bus = sessionBus({ busAddress: address });
  await bus.requestName(name, 0);
  return { release: () => bus.disconnect() };
}
