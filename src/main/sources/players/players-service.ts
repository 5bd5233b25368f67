// Players as the fronts see them: whether the app watches players at all (the `watchPlayers`
// preference, applied live), which players it has seen (kept in settings.json, so the
// Preferences list survives a restart), each one's on/off choice (the `players` preference),
// and the play in progress with its way towards a scrobble. The tray app and `serve` call
// startWatching(); other commands never watch.

import { ContractInputError } from '../../../shared/contract.js';
import type { CoreEvent } from '../../../shared/core-events.js';
import type { CurrentPlay, PlayerSummary } from '../../../shared/players.js';
import type { Preferences } from '../../../shared/preferences.js';
import type { SettingsStore } from '../../settings/store.js';
import type { PlaySource } from '../source.js';
import type { PlayRules } from './play-rule.js';
import type { PlayerFeed } from './player-feed.js';
import { decidePlayer, isBrowser, isProxy } from './player-policy.js';
import type { PlayerSource } from './player-source.js';

/** settings.json key of the players seen: { [stableName]: { identity, lastSeenAt } }. */
export const PLAYERS_SEEN_KEY = 'playersSeen';
/** The list stays short: the players seen longest ago are forgotten first. */
const MAX_SEEN = 100;

interface SeenEntry {
  identity: string | null;
  lastSeenAt: number;
}

export interface PlayersHost {
  settings: SettingsStore;
  events: { emit(event: CoreEvent): void; on(listener: (event: CoreEvent) => void): () => void };
  preferences: { get(): Preferences; set(patch: Partial<Preferences>): Preferences };
  addSource(source: PlaySource): Promise<void>;
  removeSource(source: PlaySource): Promise<void>;
  log(line: string): void;
  env: NodeJS.ProcessEnv;
  now?: () => number;
}

export interface WatchingOptions {
  /** The platform feed; default: this OS's, on the session bus of the core's environment. */
  feed?: () => Promise<PlayerFeed>;
  /** Shorter thresholds (tests); default: Last.fm's rule. */
  rules?: Partial<PlayRules>;
}

export class PlayersService {
  readonly #host: PlayersHost;
  readonly #now: () => number;
  #options: WatchingOptions | null = null;
  #source: PlayerSource | null = null;
  /** Start and stop run one at a time, in the order asked. */
  #applying: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | null = null;
  #closed = false;
  /** Stable names of the players running now, with how many processes of each. */
  readonly #present = new Map<string, number>();
  #lastChoices = '';
  #lastWatch = false;

  constructor(host: PlayersHost) {
    this.#host = host;
    this.#now = host.now ?? Date.now;
  }

  /**
   * Watch players while the `watchPlayers` preference is on, from now until close; a change
   * of the preference starts or stops watching at once. A failure to start (no session bus)
   * is one line in the log, never an error: the rest of the app works without players.
   */
  startWatching(options: WatchingOptions = {}): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#options = options;
    this.#unsubscribe ??= this.#host.events.on((event) => {
      if (event.type === 'preferences-changed') this.#preferencesChanged();
    });
    const prefs = this.#host.preferences.get();
    this.#lastChoices = JSON.stringify(prefs.players);
    this.#lastWatch = prefs.watchPlayers;
    return this.#apply();
  }

  /** Whether a player source is running now. */
  get watching(): boolean {
    return this.#source !== null;
  }

  /** Stop watching and following the preference (the core calls this when it closes). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    await this.#apply();
  }

  /** Every player seen, present ones first, each with its on/off state. */
  list(): PlayerSummary[] {
    const seen = this.#readSeen();
    const choices = this.#host.preferences.get().players;
    const names = new Set([...Object.keys(seen), ...Object.keys(choices), ...this.#present.keys()]);
    const list = [...names]
      .filter((name) => !isProxy(name))
      .map((name) => this.#summary(name, seen[name], choices));
    return list.sort(
      (a, b) => Number(b.present) - Number(a.present) || a.name.localeCompare(b.name),
    );
  }

  /** Scrobble one player's plays or not; applies to a running player at once. */
  set(name: string, on: boolean): PlayerSummary {
    if (isProxy(name)) {
      throw new ContractInputError(
        `${name} mirrors other players and is never watched (that would count every play twice).`,
      );
    }
    const prefs = this.#host.preferences.get();
    const choices = { ...prefs.players, [name]: on };
    // The preferences event that follows applies it to the players present.
    const saved = this.#host.preferences.set({ players: choices });
    return this.#summary(name, this.#readSeen()[name], saved.players);
  }

  /** The play in progress on the player shown as playing, or null. */
  current(): CurrentPlay | null {
    const at = this.#now();
    const play = this.#source?.current(at);
    if (!play) return null;
    const due =
      play.counting && !play.scrobbled && play.neededMs !== null
        ? at + Math.max(0, play.neededMs - play.playedMs)
        : null;
    return {
      track: play.track,
      player: play.player,
      startedAt: play.startedAt,
      at,
      playedMs: Math.round(play.playedMs),
      neededMs: play.neededMs === null ? null : Math.round(play.neededMs),
      counting: play.counting,
      scrobbled: play.scrobbled,
      reason: play.reason,
      scrobbleAt: due === null ? null : Math.round(due),
      positionMs: Math.round(play.positionMs),
      lengthMs: play.lengthMs,
    };
  }

  #summary(
    name: string,
    entry: SeenEntry | undefined,
    choices: Readonly<Record<string, boolean>>,
  ): PlayerSummary {
    const decision = decidePlayer(name, choices);
    return {
      name,
      identity: entry?.identity ?? null,
      on: decision.watch,
      onByDefault: !isBrowser(name),
      chosen: Object.hasOwn(choices, name),
      ignored: isProxy(name),
      present: (this.#present.get(name) ?? 0) > 0,
      lastSeenAt: entry?.lastSeenAt ?? 0,
    };
  }

  #preferencesChanged(): void {
    const prefs = this.#host.preferences.get();
    const choices = JSON.stringify(prefs.players);
    if (choices !== this.#lastChoices) {
      this.#lastChoices = choices;
      this.#source?.reconsider();
      this.#emit({ type: 'players-changed' });
    }
    if (prefs.watchPlayers !== this.#lastWatch) {
      this.#lastWatch = prefs.watchPlayers;
      void this.#apply();
    }
  }

  /** Brings the running source in line with the preference (queued behind earlier calls). */
  #apply(): Promise<void> {
    const next = this.#applying.then(async () => {
      const want =
        !this.#closed && this.#options !== null && this.#host.preferences.get().watchPlayers;
      if (want && !this.#source) await this.#start();
      else if (!want && this.#source) await this.#stop();
    });
    this.#applying = next.catch(() => undefined);
    return next;
  }

  async #start(): Promise<void> {
    const options = this.#options ?? {};
    const env = this.#host.env;
    // Imported on start: the watcher's code is not loaded by a CLI command (docs/PERFORMANCE.md).
    const { PlayerSource } = await import('./player-source.js');
    const { platformFeed } = await import('./platform-feed.js');
    const source = new PlayerSource({
      feed: options.feed ?? (() => platformFeed({ busAddress: env.DBUS_SESSION_BUS_ADDRESS })),
      rules: options.rules,
      playerSettings: () => this.#host.preferences.get().players,
      onEvent: (event) => {
        if (event.event === 'player-seen') this.#seen(event.player);
        else if (event.event === 'player-gone') this.#gone(event.player);
      },
      onPlayChanged: () => this.#emit({ type: 'playing-changed' }),
      onIdentified: (player, identity) => this.#identified(player, identity),
    });
    try {
      await this.#host.addSource(source);
    } catch (error) {
      await this.#host.removeSource(source).catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      this.#host.log(`players: not watching media players: ${message}`);
      return;
    }
    this.#source = source;
    this.#host.log('players: watching media players');
  }

  async #stop(): Promise<void> {
    const source = this.#source;
    this.#source = null;
    if (!source) return;
    await this.#host.removeSource(source);
    this.#present.clear();
    this.#emit({ type: 'players-changed' });
    this.#emit({ type: 'playing-changed' });
    this.#host.log('players: stopped watching media players');
  }

  #seen(name: string): void {
    if (isProxy(name)) return;
    this.#present.set(name, (this.#present.get(name) ?? 0) + 1);
    const seen = this.#readSeen();
    seen[name] = { identity: seen[name]?.identity ?? null, lastSeenAt: this.#now() };
    this.#writeSeen(seen);
    this.#emit({ type: 'players-changed' });
  }

  #gone(name: string): void {
    const count = (this.#present.get(name) ?? 0) - 1;
    if (count > 0) this.#present.set(name, count);
    else this.#present.delete(name);
    this.#emit({ type: 'players-changed' });
  }

  #identified(name: string, identity: string): void {
    const seen = this.#readSeen();
    const entry = seen[name];
    if (!entry || entry.identity === identity) return;
    seen[name] = { ...entry, identity };
    this.#writeSeen(seen);
    this.#emit({ type: 'players-changed' });
  }

  /** The stored list; a hand-edited entry that is not the right shape is skipped. */
  #readSeen(): Record<string, SeenEntry> {
    const raw = this.#host.settings.get(PLAYERS_SEEN_KEY);
    const out: Record<string, SeenEntry> = {};
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
      if (!value || typeof value !== 'object') continue;
      const { identity, lastSeenAt } = value as Record<string, unknown>;
      if (typeof lastSeenAt !== 'number' || !Number.isFinite(lastSeenAt)) continue;
      out[name] = { identity: typeof identity === 'string' ? identity : null, lastSeenAt };
    }
    return out;
  }

  #writeSeen(seen: Record<string, SeenEntry>): void {
    const kept = Object.entries(seen)
      .sort((a, b) => b[1].lastSeenAt - a[1].lastSeenAt)
      .slice(0, MAX_SEEN);
    try {
      this.#host.settings.set(PLAYERS_SEEN_KEY, Object.fromEntries(kept));
    } catch (error) {
      // The list is a convenience: a full disk must not stop the watching.
      this.#host.log(`players: could not remember the players seen: ${String(error)}`);
    }
  }

  #emit(event: CoreEvent): void {
    this.#host.events.emit(event);
  }
}
