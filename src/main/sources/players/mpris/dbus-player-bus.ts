// PlayerBus on @jellybrick/dbus-next (pure JS, so it loads in Node and any Electron). We use
// its low-level messages, not its proxy objects: proxies introspect every player first, which
// costs a round trip per player and fails on players with broken introspection XML.

import { EventEmitter } from 'node:events';
import { Message, MessageType, Variant, sessionBus } from '@jellybrick/dbus-next';
import type { MessageLike } from '@jellybrick/dbus-next';
import {
  MPRIS_PATH,
  MPRIS_PREFIX,
  PLAYER_IFACE,
  type PlayerBus,
  type Unsubscribe,
} from './player-bus.js';

const DBUS = {
  destination: 'org.freedesktop.DBus',
  path: '/org/freedesktop/DBus',
  interface: 'org.freedesktop.DBus',
};
const PROPS = 'org.freedesktop.DBus.Properties';

const MATCH_RULES = [
  `type='signal',sender='org.freedesktop.DBus',interface='org.freedesktop.DBus',member='NameOwnerChanged',arg0namespace='${MPRIS_PREFIX.slice(0, -1)}'`,
  `type='signal',interface='${PROPS}',member='PropertiesChanged',path='${MPRIS_PATH}'`,
  `type='signal',interface='${PLAYER_IFACE}',member='Seeked',path='${MPRIS_PATH}'`,
];

export interface DbusPlayerBusOptions {
  /** A bus address (`unix:path=...`); default: DBUS_SESSION_BUS_ADDRESS. */
  busAddress?: string;
}

/** Connects to the session bus and subscribes to the three MPRIS signals. */
export async function openDbusPlayerBus(options: DbusPlayerBusOptions = {}): Promise<PlayerBus> {
  const address = options.busAddress ?? process.env.DBUS_SESSION_BUS_ADDRESS;
  if (!address) {
    throw new Error(
      'No D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set, so media players cannot be watched. Run inside a desktop session (or dbus-run-session).',
    );
  }
  const bus = sessionBus({ busAddress: address });
  const events = new EventEmitter();
  let closed = false;
  const closeWith = (error: Error | null) => {
    if (closed) return;
    closed = true;
    events.emit('closed', error);
  };
  // The library forwards socket errors as 'error' but leaves it out of its event types.
  (bus as unknown as EventEmitter).on('error', (error: Error) => closeWith(error));
  bus.on('message', (msg: Message) => {
    if (msg.type !== MessageType.SIGNAL) return;
    if (msg.interface === DBUS.interface && msg.member === 'NameOwnerChanged') {
      const [name, oldOwner, newOwner] = msg.body as [string, string, string];
      events.emit('owner', name, oldOwner, newOwner);
    } else if (
      msg.interface === PROPS &&
      msg.member === 'PropertiesChanged' &&
      msg.path === MPRIS_PATH
    ) {
      const [iface, changed, invalidated] = msg.body as [string, Record<string, unknown>, string[]];
      events.emit('props', msg.sender, iface, plainRecord(changed), invalidated ?? []);
    } else if (msg.interface === PLAYER_IFACE && msg.member === 'Seeked') {
      events.emit('seeked', msg.sender, toNumber(msg.body[0]));
    }
  });

  const call = async (fields: MessageLike): Promise<unknown[]> => {
    const reply = await bus.call(new Message(fields));
    return reply?.body ?? [];
  };
  try {
    for (const rule of MATCH_RULES) {
      await call({ ...DBUS, member: 'AddMatch', signature: 's', body: [rule] });
    }
  } catch (error) {
    bus.disconnect();
    throw new Error(
      `Could not subscribe to media player signals on the session bus: ${describe(error)}`,
      { cause: error },
    );
  }

  const listen = <A extends unknown[]>(
    event: string,
    listener: (...args: A) => void,
  ): Unsubscribe => {
    const untyped = listener as (...args: unknown[]) => void;
    events.on(event, untyped);
    return () => events.off(event, untyped);
  };

  return {
    async listNames() {
      const [names] = await call({ ...DBUS, member: 'ListNames' });
      return (names as string[]) ?? [];
    },
    async nameOwner(name) {
      try {
        const [owner] = await call({
          ...DBUS,
          member: 'GetNameOwner',
          signature: 's',
          body: [name],
        });
        return typeof owner === 'string' ? owner : null;
      } catch {
        return null; // NameHasNoOwner: it left between listing and asking
      }
    },
    onNameOwnerChanged: (listener) => listen('owner', listener),
    async getAll(busName, iface) {
      const [props] = await call({
        destination: busName,
        path: MPRIS_PATH,
        interface: PROPS,
        member: 'GetAll',
        signature: 's',
        body: [iface],
      });
      return plainRecord((props ?? {}) as Record<string, unknown>);
    },
    async get(busName, iface, property) {
      const [value] = await call({
        destination: busName,
        path: MPRIS_PATH,
        interface: PROPS,
        member: 'Get',
        signature: 'ss',
        body: [iface, property],
      });
      return plain(value);
    },
    onPropertiesChanged: (listener) => listen('props', listener),
    onSeeked: (listener) => listen('seeked', listener),
    onClosed: (listener) => listen('closed', listener),
    close() {
      closed = true;
      events.removeAllListeners();
      bus.disconnect();
    },
  };
}

/** Variant -> its value, recursively; bigint -> number (µs positions fit easily). */
function plain(value: unknown): unknown {
  if (value instanceof Variant) return plain(value.value);
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    return plainRecord(value as Record<string, unknown>);
  }
  return value;
}

function plainRecord(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) out[key] = plain(value);
  return out;
}

function toNumber(value: unknown): number {
  const n = plain(value);
  return typeof n === 'number' ? n : Number(n);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
