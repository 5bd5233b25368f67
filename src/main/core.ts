// Builds the core from configuration: the one place where the parts are wired together.
// Every front (Electron, `serve`, the CLI) gets the same object.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AccountRegistry } from './auth/account-registry.js';
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
  UnknownServiceError,
  type ServiceEndpoints,
} from './settings/service-config.js';
import { openSettingsFile, type SettingsStore } from './settings/store.js';
import { loadApiCredentials } from './auth/api-credentials.js';
import { createLastfmTarget } from './targets/lastfm-target.js';
import type { ScrobbleTarget } from './targets/target.js';
import { APP_VERSION } from './version.js';
import type { ServicePreset } from '../shared/services.js';
import { LASTFM_MAX_AGE_DAYS } from '../shared/validation.js';

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
}

export interface CoreCapabilities {
  startAtLogin: boolean;
}

export const DEFAULT_SERVICE = 'lastfm';

export class Core {
  readonly dataDir: string;
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  readonly accounts: AccountRegistry;
  readonly store: ScrobbleStore;
  readonly signIn: SignInService;
  /** Accounts and sign-in as the window drives them. */
  readonly account: AccountService;
  readonly queue: QueueService;
  readonly events = new CoreEvents();
  readonly capabilities: Readonly<CoreCapabilities>;
  readonly #env: NodeJS.ProcessEnv;
  readonly #opts: CoreOptions;
  readonly #clients = new Map<string, LastfmClient>();
  /** Clients of removed servers: a sender may still hold one, so they close with the core. */
  readonly #retiredClients: LastfmClient[] = [];

  constructor(opts: CoreOptions) {
    this.#opts = opts;
    this.#env = opts.env ?? process.env;
    this.dataDir = opts.dataDir;
    this.capabilities = { startAtLogin: opts.capabilities?.startAtLogin ?? false };
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    if (opts.onEvent) this.events.on(opts.onEvent);
    this.settings = opts.settings ?? openSettingsFile(this.dataDir);
    this.secrets = opts.secrets ?? createKeytarStore();
    this.accounts = new AccountRegistry(this.settings, this.secrets);
    this.store = ScrobbleStore.open(join(this.dataDir, 'scrobbles.sqlite'), { now: opts.now });
    this.queue = new QueueService({
      store: this.store,
      now: opts.now,
      backoff: opts.backoff,
      onEvent: (event) => this.events.emit(event),
      targetsForNew: () => this.signedInServices(),
      maxAgeDaysFor: (id) => (this.#flavor(id) === 'lastfm' ? LASTFM_MAX_AGE_DAYS : undefined),
      targetFor: (id) => this.#target(id),
      isKnownTarget: (id) => this.#allServiceIds().includes(id),
    });
    this.signIn = new SignInService({
      settings: this.settings,
      secrets: this.secrets,
      accounts: this.accounts,
      env: this.#env,
      loopback: createLoopbackManager(),
      authApi: (endpoints, credentials) => this.#newClient(endpoints, credentials),
      onSignedIn: (account) => {
        this.queue.resumeAfterSignIn(account.serviceId);
        this.events.emit({ type: 'account-changed', target: account.serviceId });
      },
      onSignedOut: (account) =>
        this.events.emit({ type: 'account-changed', target: account.serviceId }),
    });
    this.account = new AccountService({
      signIn: this.signIn,
      accounts: this.accounts,
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
          const client = this.#clients.get(id);
          if (client) this.#retiredClients.push(client);
          this.#clients.delete(id);
        },
      },
      serviceIds: () => this.#allServiceIds(),
    });
  }

  /** Services with an account, or Last.fm when none has one (scrobbles wait for sign-in). */
  signedInServices(): string[] {
    const services = this.#allServiceIds().filter((id) => this.accounts.get(id) !== null);
    return services.length > 0 ? services : [DEFAULT_SERVICE];
  }

  async close(): Promise<void> {
    this.account.cancelSignIn();
    this.queue.stopAutoSend();
    const clients = [...this.#clients.values(), ...this.#retiredClients.splice(0)];
    await Promise.all(clients.map((c) => c.close()));
    this.#clients.clear();
    this.store.close();
  }

  /** Built-in services and the valid custom ones; a malformed settings entry is skipped. */
  #allServiceIds(): string[] {
    return allServiceIds(this.settings);
  }

  /** A service's flavor; undefined for one that was removed (its rows can still be edited). */
  #flavor(serviceId: string): ServicePreset['flavor'] | undefined {
    try {
      return this.#endpoints(serviceId).preset.flavor;
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
      userAgent: userAgentFor(APP_VERSION),
      connectTimeoutMs: this.#opts.connectTimeoutMs,
      responseTimeoutMs: this.#opts.responseTimeoutMs,
    });
  }

  async #target(serviceId: string): Promise<ScrobbleTarget> {
    const endpoints = this.#endpoints(serviceId);
    let client = this.#clients.get(serviceId);
    if (!client) {
      const credentials = await loadApiCredentials(endpoints, this.secrets, this.#env);
      client = this.#newClient(endpoints, credentials);
      this.#clients.set(serviceId, client);
    }
    return createLastfmTarget({
      serviceId,
      serviceName: endpoints.preset.name,
      client,
      accounts: this.accounts,
      maxAgeDays: endpoints.preset.flavor === 'lastfm' ? LASTFM_MAX_AGE_DAYS : undefined,
    });
  }
}
