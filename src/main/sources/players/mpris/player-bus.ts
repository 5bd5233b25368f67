// Our view of the session bus: just what watching MPRIS players needs. The watcher and the
// tests talk to this interface only; dbus-player-bus.ts is the one file that knows the D-Bus
// library, so it can be swapped (another fork, a native binding) without touching the rest.
// Values come back as plain JavaScript: variants unwrapped, 64-bit integers as numbers.

export type Unsubscribe = () => void;

export interface PlayerBus {
  /** Every name on the bus now (well-known and unique). */
  listNames(): Promise<string[]>;
  /** The unique name (`:1.42`) that owns `name`, or null when nobody does. */
  nameOwner(name: string): Promise<string | null>;
  /** A name got, changed or lost its owner; an empty string means "none". */
  onNameOwnerChanged(
    listener: (name: string, oldOwner: string, newOwner: string) => void,
  ): Unsubscribe;
  /** All properties of `iface` on `/org/mpris/MediaPlayer2` of `busName`. */
  getAll(busName: string, iface: string): Promise<Record<string, unknown>>;
  /** One property (used to poll `Position`, which players never signal). */
  get(busName: string, iface: string, property: string): Promise<unknown>;
  /** org.freedesktop.DBus.Properties.PropertiesChanged on the MPRIS object, from `sender`. */
  onPropertiesChanged(
    listener: (
      sender: string,
      iface: string,
      changed: Record<string, unknown>,
      invalidated: string[],
    ) => void,
  ): Unsubscribe;
  /** org.mpris.MediaPlayer2.Player.Seeked (position in microseconds), from `sender`. */
  onSeeked(listener: (sender: string, positionUs: number) => void): Unsubscribe;
  /** The connection broke (the bus went away): the watcher reports it and stops. */
  onClosed(listener: (error: Error | null) => void): Unsubscribe;
  close(): void;
}

export const MPRIS_PATH = '/org/mpris/MediaPlayer2';
export const MPRIS_PREFIX = 'org.mpris.MediaPlayer2.';
export const PLAYER_IFACE = 'org.mpris.MediaPlayer2.Player';
