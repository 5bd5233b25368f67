// Linux: MPRIS players on the session bus, found as they appear and leave (NameOwnerChanged),
// followed through PropertiesChanged and Seeked, with Position polled (players never signal
// it) only while a player is playing, so an idle desktop costs nothing.

import { stablePlayerName } from '../player-policy.js';
import type { FeedSink, PlayerFeed } from '../player-feed.js';
import type { PlayerInput } from '../types.js';
import { statusFrom, trackFromMetadata } from './metadata.js';
import { MPRIS_PREFIX, PLAYER_IFACE, type PlayerBus, type Unsubscribe } from './player-bus.js';

/** The MPRIS root interface: the player's `Identity` and such. */
const ROOT_IFACE = 'org.mpris.MediaPlayer2';

export interface MprisFeedOptions {
  /** The bus to watch; the feed owns it and closes it on stop. */
  bus: PlayerBus;
  /** How often to read Position of a playing player (default 2 s). */
  pollMs?: number;
  now?: () => number;
}

interface Player {
  owner: string;
  /** Every well-known name this owner holds: VLC registers `vlc` and `vlc.instance<pid>`. */
  names: Set<string>;
  watched: boolean;
  playing: boolean;
  /** Position reads have failed or stayed at 0 while playing (Spotify): stop asking. */
  positionless: boolean;
  zeroReads: number;
}

export class MprisFeed implements PlayerFeed {
  private readonly bus: PlayerBus;
  private readonly pollMs: number;
  private readonly now: () => number;
  private readonly players = new Map<string, Player>();
  private sink: FeedSink | null = null;
  private unsubscribe: Unsubscribe[] = [];
  private pollTimer: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(options: MprisFeedOptions) {
    this.bus = options.bus;
    this.pollMs = options.pollMs ?? 2000;
    this.now = options.now ?? Date.now;
  }

  async start(sink: FeedSink): Promise<void> {
    this.sink = sink;
    const bus = this.bus;
    this.unsubscribe = [
      bus.onNameOwnerChanged((name, oldOwner, newOwner) => {
        if (!name.startsWith(MPRIS_PREFIX)) return;
        if (oldOwner) this.removeName(name, oldOwner);
        if (newOwner) this.addName(name, newOwner);
      }),
      bus.onPropertiesChanged((sender, iface, changed, invalidated) => {
        const player = this.players.get(sender);
        if (!player?.watched || iface !== PLAYER_IFACE) return;
        this.applyProperties(player, changed);
        if (invalidated.some((p) => p === 'Metadata' || p === 'PlaybackStatus')) {
          void this.refresh(player);
        }
      }),
      bus.onSeeked((sender, positionUs) => {
        const player = this.players.get(sender);
        if (player?.watched) {
          this.emit(player, { type: 'seeked', at: this.now(), positionMs: positionUs / 1000 });
        }
      }),
      bus.onClosed((error) => {
        sink.problem(
          `The connection to the session bus closed${error ? ` (${error.message})` : ''}; players are no longer watched.`,
        );
        for (const owner of [...this.players.keys()]) this.dropOwner(owner);
      }),
    ];
    const names = (await bus.listNames()).filter((n) => n.startsWith(MPRIS_PREFIX));
    await Promise.all(
      names.map(async (name) => {
        const owner = await bus.nameOwner(name);
        if (owner) this.addName(name, owner);
      }),
    );
    this.pollTimer = setInterval(() => void this.poll(), this.pollMs);
    this.pollTimer.unref();
  }

  async stop(): Promise<void> {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.players.clear();
    this.sink = null;
    this.bus.close();
  }

  /** Registers synchronously (no await before the map write), so two names of one owner
   * announced back to back become one player. */
  private addName(name: string, owner: string): void {
    const known = this.players.get(owner);
    if (known) {
      known.names.add(name);
      return;
    }
    const stable = stablePlayerName(name);
    const player: Player = {
      owner,
      names: new Set([name]),
      watched: false,
      playing: false,
      positionless: false,
      zeroReads: 0,
    };
    this.players.set(owner, player);
    player.watched = this.sink?.appeared({ id: owner, name: stable }) ?? false;
    if (player.watched) void this.refresh(player);
    void this.readIdentity(player);
  }

  /** Offers every present player again after the user's choices changed. */
  rescan(): void {
    for (const player of [...this.players.values()]) {
      const busName = [...player.names][0];
      if (!busName || !this.sink) continue;
      const was = player.watched;
      player.watched = this.sink.appeared({ id: player.owner, name: stablePlayerName(busName) });
      if (player.watched && !was) void this.refresh(player);
      if (!player.watched) player.playing = false;
    }
  }

  /** The player's own name (`Identity` on the root interface), for the players list. */
  private async readIdentity(player: Player): Promise<void> {
    const busName = [...player.names][0];
    if (!busName) return;
    try {
      const identity = await this.bus.get(busName, ROOT_IFACE, 'Identity');
      if (typeof identity === 'string' && identity.trim() && this.players.get(player.owner)) {
        this.sink?.identified?.(player.owner, identity.trim().slice(0, 200));
      }
    } catch {
      // Optional in practice: a player without it is listed by its bus name.
    }
  }

  private removeName(name: string, owner: string): void {
    const player = this.players.get(owner);
    if (!player) return;
    player.names.delete(name);
    if (player.names.size === 0) this.dropOwner(owner);
  }

  private dropOwner(owner: string): void {
    const player = this.players.get(owner);
    if (!player) return;
    this.players.delete(owner);
    // Unwatched players are reported too, so the players list knows they left.
    this.sink?.vanished(owner, this.now());
  }

  /** Reads every Player property: on appearance, and when a player invalidates them. */
  private async refresh(player: Player): Promise<void> {
    const busName = [...player.names][0];
    if (!busName) return;
    let props: Record<string, unknown>;
    try {
      props = await this.bus.getAll(busName, PLAYER_IFACE);
    } catch {
      return; // it left while we asked; NameOwnerChanged will say so
    }
    if (this.players.get(player.owner) !== player) return;
    const at = this.now();
    if (typeof props.Position === 'number') {
      // Position before status, so play time starts counting from the right place.
      this.applyProperties(player, { Metadata: props.Metadata, Rate: props.Rate });
      this.emit(player, { type: 'position', at, positionMs: props.Position / 1000 });
      this.applyProperties(player, { PlaybackStatus: props.PlaybackStatus });
    } else {
      this.applyProperties(player, props);
    }
  }

  private applyProperties(player: Player, changed: Record<string, unknown>): void {
    const at = this.now();
    const metadata = changed.Metadata;
    if (metadata && typeof metadata === 'object') {
      // A new item: give Position another chance (a stream that sat at 0 may now move).
      player.positionless = false;
      player.zeroReads = 0;
      this.emit(player, {
        type: 'track',
        at,
        track: trackFromMetadata(metadata as Record<string, unknown>),
      });
    }
    if (typeof changed.Rate === 'number')
      this.emit(player, { type: 'rate', at, rate: changed.Rate });
    const status = statusFrom(changed.PlaybackStatus);
    if (status) {
      player.playing = status === 'playing';
      this.emit(player, { type: 'status', at, status });
    }
  }

  private async poll(): Promise<void> {
    if (this.polling) return; // a slow player must not pile up reads
    this.polling = true;
    try {
      const playing = [...this.players.values()].filter(
        (p) => p.watched && p.playing && !p.positionless,
      );
      await Promise.all(playing.map((p) => this.readPosition(p)));
    } finally {
      this.polling = false;
    }
  }

  private async readPosition(player: Player): Promise<void> {
    const busName = [...player.names][0];
    if (!busName) return;
    let positionUs: unknown;
    try {
      positionUs = await this.bus.get(busName, PLAYER_IFACE, 'Position');
    } catch {
      player.positionless = true;
      return;
    }
    if (typeof positionUs !== 'number' || this.players.get(player.owner) !== player) return;
    // Two reads of exactly 0 a poll apart while playing: the player leaves Position unset.
    player.zeroReads = positionUs === 0 ? player.zeroReads + 1 : 0;
    if (player.zeroReads >= 2) {
      player.positionless = true;
      return;
    }
    this.emit(player, { type: 'position', at: this.now(), positionMs: positionUs / 1000 });
  }

  private emit(player: Player, input: PlayerInput): void {
    this.sink?.input(player.owner, input);
  }
}
