// Builds the core from configuration: the one place where the parts are wired together.
// Every front (Electron, `serve`, the CLI) gets the same object.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AccountStore } from './auth/account-store.js';
import { CatalogueService } from './catalogue/catalogue-service.js';
import { AccountService } from './auth/account-service.js';
import { createLoopbackManager } from './auth/loopback-manager.js';
import { SignInService } from './auth/sign-in-service.js';
import { LastfmClient } from './lastfm/client.js';
import { userAgentFor } from './lastfm/transport.js';
import type { BackoffPolicy } from './queue/delivery/backoff.js';
import { QueueService } from './queue/queue-service.js';
import { CoreEvents, type CoreEvent } from './events.js';
import { ScrobbleStore } from './queue/storage/store.js';
import { createKeytarStore } from './secrets/keytar-store.js';
import type { SecretStore } from './secrets/secret-store.js';
import {
  addCustomService,
  allServiceIds,
  readCustomServices,
  removeCustomService,
  resolveServiceEndpoints,
  scrobbleToSwitch,
  setScrobbleToSwitch,
  UnknownServiceError,
  type ServiceEndpoints,
} from './settings/service-config.js';
import { openSettingsFile, type SettingsStore } from './settings/store.js';
import { createTarget } from './targets/registry.js';
import type { ScrobbleTarget } from './targets/target.js';
import type { Preferences, PreferencesView } from '../shared/preferences.js';
import { scrobblesTo, type ServicePreset } from '../shared/services.js';
import { ConflictError } from '../shared/errors.js';
import { getPreferences, setPreferences } from './settings/preferences.js';
import { NowPlaying } from './sources/now-playing.js';
import { loveTrack } from './queue/history/love.js';
import { RemovalUndo } from './queue/history/undo-remove.js';
import { scrobbleAgain } from './queue/history/scrobble-again.js';
import { ImportFront } from './sources/import/import-front.js';
import { SoundCloudService } from './soundcloud/soundcloud-service.js';
import type { PlaySource } from './sources/source.js';
import { PlayersService } from './sources/players/players-service.js';
import { APP_VERSION } from './version.js';

export interface CoreOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  settings?: SettingsStore;
  secrets?: SecretStore;
  now?: () => number;
  backoff?: BackoffPolicy;
  connectTimeoutMs?: number;
  responseTimeoutMs?: number;
  onEvent?: (event: CoreEvent) => void;
  /** What the front can do beyond the core; the Electron shell can start at login. */
  capabilities?: CoreCapabilities;
  /**
   * Where the core writes what went wrong with nobody waiting for an answer (an automatic
   * flush that failed, a source's trouble): `serve` prints it, the app logs it. Never a secret.
   */
  log?: (line: string) => void;
}

export interface CoreCapabilities {
  startAtLogin: boolean;
}

export const DEFAULT_SERVICE = 'lastfm';

export class Core {
  readonly dataDir: string;
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  /** Who is signed in, with the keychain's credential records (internal: fronts use `account`). */
  readonly accountStore: AccountStore;
  readonly store: ScrobbleStore;
  readonly signIn: SignInService;
  /** Accounts and sign-in as every front drives them (the `account.*` contract methods). */
  readonly accounts: AccountService;
  /** The user's preferences (the `preferences.*` contract methods). */
  readonly preferences: {
    get(): PreferencesView;
    set(patch: Partial<Preferences>): Preferences;
  };
  readonly queue: QueueService;
  readonly events = new CoreEvents();
  /** What plays now, as the last source reported it (the tray's now-playing line). */
  readonly nowPlaying: NowPlaying;
  /** Remove with undo, for the window (`queue.removeUndoable`, `queue.undoRemove`). */
  readonly removals: RemovalUndo;
  /** Players seen, their on/off choices, the play in progress; startWatching() in the app. */
  readonly players: PlayersService;
  /** The SoundCloud account (likes) and links to tracks (the `soundcloud.*`, `links.*` methods). */
  readonly soundcloud: SoundCloudService;
  /** The service's catalogue: search, album lookup, profiles (`catalogue.*`, `profile.recent`). */
  readonly catalogue: CatalogueService;
  /** Imports from the window: uploads, preview, run, list, remove (the `import.*` methods). */
  readonly imports: ImportFront;
  readonly #log: (line: string) => void;
  readonly #sources: { source: PlaySource; abort: AbortController }[] = [];
  readonly capabilities: Readonly<CoreCapabilities>;
  readonly #env: NodeJS.ProcessEnv;
  readonly #opts: CoreOptions;
  /** One delivery target per service, built on first use by its protocol's factory. */
  readonly #targets = new Map<string, Promise<ScrobbleTarget>>();
  /** Targets of removed servers: a sender may still hold one, so they close with the core. */
  readonly #retiredTargets: Promise<ScrobbleTarget>[] = [];

  constructor(opts: CoreOptions) {
    this.#opts = opts;
    this.#env = opts.env ?? process.env;
    this.dataDir = opts.dataDir;
    this.capabilities = { startAtLogin: opts.capabilities?.startAtLogin ?? false };
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    if (opts.onEvent) this.events.on(opts.onEvent);
    this.#log = opts.log ?? ((line) => void process.stderr.write(`${line}\n`));
    this.nowPlaying = new NowPlaying(this.events, opts.now);
    this.settings = opts.settings ?? openSettingsFile(this.dataDir);
    this.secrets = opts.secrets ?? createKeytarStore();
    this.accountStore = new AccountStore(this.settings, this.secrets);
    this.store = ScrobbleStore.open(join(this.dataDir, 'scrobbles.sqlite'), { now: opts.now });
    this.queue = new QueueService({
      store: this.store,
      now: opts.now,
      backoff: opts.backoff,
      onEvent: (event) => this.events.emit(event),
      log: this.#log,
      targetsForNew: () => this.signedInServices(),
      maxAgeDaysFor: (id) => this.#preset(id)?.maxAgeDays,
      targetFor: (id) => this.#target(id),
      isKnownTarget: (id) => this.#allServiceIds().includes(id),
    });
    this.imports = new ImportFront({
      dataDir: this.dataDir,
      queue: this.queue,
      targets: () =>
        this.signedInServices().map((id) => {
          const preset = this.#preset(id);
          const maxAgeDays = preset?.maxAgeDays;
          const limit = maxAgeDays === undefined ? {} : { maxAgeDays };
          return { id, name: preset?.name ?? id, ...limit };
        }),
      emit: (event) => this.events.emit(event),
      ...(opts.now ? { now: opts.now } : {}),
    });
    this.removals = new RemovalUndo({
      file: this.store.file,
      remove: (ids) => this.queue.remove(ids),
      changed: () => this.#queueChanged(),
      ...(opts.now ? { now: opts.now } : {}),
    });
    this.signIn = new SignInService({
      settings: this.settings,
      secrets: this.secrets,
      accounts: this.accountStore,
      env: this.#env,
      loopback: createLoopbackManager(),
      authApi: (endpoints, credentials) => this.#newClient(endpoints, credentials),
      onSignedIn: (account) => {
        this.queue.resumeAfterSignIn(account.serviceId);
        this.events.emit({ type: 'account-changed', target: account.serviceId });
      },
      onSignedOut: (account) =>
        this.events.emit({ type: 'account-changed', target: account.serviceId }),
      http: this.#http(),
    });
    this.soundcloud = new SoundCloudService({
      accounts: this.accountStore,
      secrets: this.secrets,
      settings: this.settings,
      events: this.events,
      env: this.#env,
      now: opts.now,
    });
    this.catalogue = new CatalogueService(
      {
        serviceIds: () => this.#allServiceIds(),
        endpoints: (id) => this.#endpoints(id),
        isSignedIn: (id) => this.accountStore.get(id) !== null,
        secrets: this.secrets,
        env: this.#env,
        http: this.#http(),
      },
      opts.now,
    );
    this.preferences = {
      get: () => getPreferences(this),
      set: (patch) => setPreferences(this, patch),
    };
    this.players = new PlayersService({
      settings: this.settings,
      events: this.events,
      preferences: this.preferences,
      addSource: (source) => this.addSource(source),
      removeSource: (source) => this.removeSource(source),
      log: (line) => this.#log(line),
      env: this.#env,
      now: opts.now,
    });
    this.accounts = new AccountService({
      signIn: this.signIn,
      accounts: this.accountStore,
      queue: this.queue,
      events: this.events,
      secrets: this.secrets,
      customServices: {
        read: () => readCustomServices(this.settings),
        // A removed server's id is not given to a new one while its scrobbles are in the
        // history: those rows keep meaning the server they were sent to.
        add: (input) => addCustomService(this.settings, input, this.store.targets()),
        remove: (id) => {
          removeCustomService(this.settings, id);
          this.queue.forgetTarget(id);
          const target = this.#targets.get(id);
          if (target) this.#retiredTargets.push(target);
          this.#targets.delete(id);
        },
      },
      serviceIds: () => this.#allServiceIds(),
      scrobbleTo: {
        get: (id) => scrobbleToSwitch(this.settings, id),
        set: (id, on) => setScrobbleToSwitch(this.settings, id, on),
      },
    });
  }

  /**
   * Where a new scrobble goes (one queue row each): every signed-in service whose "scrobble
   * to" switch is on, never an account-only one (SoundCloud); Last.fm when no service that
   * takes scrobbles has an account (scrobbles wait for sign-in). With accounts but every
   * switch off, a scrobble has nowhere to go: refused, so nothing is silently dropped.
   */
  signedInServices(): string[] {
    const withAccount = this.#allServiceIds().filter(
      (id) => this.accountStore.get(id) !== null && this.#takesScrobbles(id),
    );
    if (withAccount.length === 0) return [DEFAULT_SERVICE];
    const on = withAccount.filter((id) => scrobbleToSwitch(this.settings, id));
    if (on.length === 0) {
      throw new ConflictError(
        'Every signed-in service has its "scrobble to" switch off, so this scrobble has nowhere to go. Turn the switch on for one in the Account view, then scrobble again.',
      );
    }
    return on;
  }

  #takesScrobbles(serviceId: string): boolean {
    const preset = this.#preset(serviceId);
    return preset !== undefined && scrobblesTo(preset);
  }

  /**
   * Start a source of plays (a player watcher, an importer); the core stops it on close. It
   * reports through its context only (src/main/sources/source.ts).
   */
  async addSource(source: PlaySource): Promise<void> {
    const abort = new AbortController();
    this.#sources.push({ source, abort });
    const log = (line: string) => this.#log(`${source.id}: ${line}`);
    await source.start({
      signal: abort.signal,
      log,
      submit: (plays) => this.queue.enqueueEach(plays, source.id),
      nowPlaying: (track) => {
        if (track === null) {
          this.nowPlaying.report(null, source.id);
          return;
        }
        let valid;
        try {
          valid = this.queue.validateTrack({ ...track });
        } catch (error) {
          log(`now playing not shown: ${error instanceof Error ? error.message : String(error)}`);
          return;
        }
        this.nowPlaying.report(valid, source.id);
        void this.queue.nowPlaying(valid).then((results) => {
          for (const r of results)
            if (!r.ok) log(`now playing not sent to ${r.target}: ${r.error}`);
        });
      },
    });
  }

  /** Stop one source started with addSource (a preference switched off); others run on. */
  async removeSource(source: PlaySource): Promise<void> {
    const index = this.#sources.findIndex((s) => s.source === source);
    if (index < 0) return;
    const [entry] = this.#sources.splice(index, 1);
    entry?.abort.abort();
    await source.stop();
  }

  async close(): Promise<void> {
    await this.players.close().catch(() => undefined);
    for (const { source, abort } of this.#sources.splice(0).reverse()) {
      abort.abort();
      try {
        await source.stop();
      } catch (error) {
        this.#log(`${source.id}: did not stop cleanly: ${String(error)}`);
      }
    }
    this.accounts.cancelSignIn();
    this.soundcloud.cancelConnect();
    await this.catalogue.close();
    this.queue.stopAutoSend();
    const targets = [...this.#targets.values(), ...this.#retiredTargets.splice(0)];
    this.#targets.clear();
    await Promise.all(targets.map(async (pending) => (await pending.catch(() => null))?.close?.()));
    this.removals.close();
    this.store.close();
  }

  /** Built-in services and the valid custom ones; a malformed settings entry is skipped. */
  #allServiceIds(): string[] {
    return allServiceIds(this.settings);
  }

  /** A service's preset; undefined for one that was removed (its rows can still be edited). */
  #preset(serviceId: string): ServicePreset | undefined {
    try {
      return this.#endpoints(serviceId).preset;
    } catch (error) {
      if (error instanceof UnknownServiceError) return undefined;
      throw error;
    }
  }

  #endpoints(serviceId: string) {
    return resolveServiceEndpoints(serviceId, this.settings, this.#env);
  }

  #newClient(
    endpoints: ServiceEndpoints,
    credentials: { apiKey: string; apiSecret: string },
  ): LastfmClient {
    return new LastfmClient({
      apiUrl: endpoints.apiUrl,
      flavor: endpoints.preset.flavor,
      ...credentials,
      ...this.#http(),
    });
  }

  /** The service's target; a failure to build one (no API key yet) is not kept. */
  #target(serviceId: string): Promise<ScrobbleTarget> {
    let target = this.#targets.get(serviceId);
    if (!target) {
      target = createTarget({
        serviceId,
        endpoints: this.#endpoints(serviceId),
        account: () => this.accountStore.signedIn(serviceId),
        secrets: this.secrets,
        env: this.#env,
        http: this.#http(),
      });
      target.catch(() => {
        if (this.#targets.get(serviceId) === target) this.#targets.delete(serviceId);
      });
      this.#targets.set(serviceId, target);
    }
    return target;
  }

  /** Love or unlove a track on a service (History); refused for services without loved tracks. */
  async loveTrack(input: { service: string; artist: string; track: string; love: boolean }) {
    return loveTrack(
      {
        endpoints: this.#endpoints(input.service),
        account: await this.accountStore.signedIn(input.service),
        secrets: this.secrets,
        env: this.#env,
        http: this.#http(),
      },
      input,
    );
  }

  /** A play from the History, queued again now (to `services`, or wherever new ones go). */
  scrobbleAgain(input: { id: number; services?: readonly string[] }) {
    return scrobbleAgain(
      {
        get: (id) => this.queue.get(id),
        validate: (play) => this.queue.validate(play),
        enqueue: (plays, source) => this.queue.enqueue(plays, source),
        enqueueFor: (targets, items, source) =>
          this.store.enqueueForTargets(targets, items, source).flat(),
        signedIn: () => this.signedInServices(),
        changed: () => this.#queueChanged(),
        ...(this.#opts.now ? { now: this.#opts.now } : {}),
      },
      input,
    );
  }

  /**
   * Rows were written past the queue service (a removal undone, a play queued again for
   * chosen services): an empty retry tells every front and wakes every sender, nothing more.
   */
  #queueChanged(): void {
    this.queue.retry([]);
  }

  #http() {
    return {
      userAgent: userAgentFor(APP_VERSION),
      connectTimeoutMs: this.#opts.connectTimeoutMs,
      responseTimeoutMs: this.#opts.responseTimeoutMs,
    };
  }
}
