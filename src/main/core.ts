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
import type { BackoffPolicy } from './queue/backoff.js';
import { QueueService } from './queue/queue-service.js';
import { CoreEvents, type CoreEvent } from './events.js';
import { ScrobbleStore } from './queue/store.js';
import { createKeytarStore } from './secrets/keytar-store.js';
import type { SecretStore } from './secrets/secret-store.js';
import { resolveServiceEndpoints } from './settings/service-config.js';
import { openSettingsFile, type SettingsStore } from './settings/store.js';
import { loadApiCredentials } from './auth/api-credentials.js';
import { createLastfmTarget } from './targets/lastfm-target.js';
import type { ScrobbleTarget } from './targets/target.js';
import { APP_VERSION } from './version.js';
import { BUILTIN_SERVICES } from '../shared/services.js';
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
      maxAgeDaysFor: (id) =>
        this.#endpoints(id).preset.flavor === 'lastfm' ? LASTFM_MAX_AGE_DAYS : undefined,
      targetFor: (id) => this.#target(id),
    });
    this.signIn = new SignInService({
      settings: this.settings,
      secrets: this.secrets,
      accounts: this.accounts,
      env: this.#env,
      loopback: createLoopbackManager(),
      authApi: (endpoints, credentials) => this.#newClient(endpoints.apiUrl, credentials),
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
    await Promise.all([...this.#clients.values()].map((c) => c.close()));
    this.#clients.clear();
    this.store.close();
  }

  #allServiceIds(): string[] {
    const custom = this.settings.get('customServices');
    const customIds = Array.isArray(custom)
      ? custom.map((s: { id?: unknown }) => String(s.id))
      : [];
    return [...BUILTIN_SERVICES.map((s) => s.id), ...customIds];
  }

  #endpoints(serviceId: string) {
    return resolveServiceEndpoints(serviceId, this.settings, this.#env);
  }

  #newClient(apiUrl: string, credentials: { apiKey: string; apiSecret: string }): LastfmClient {
    return new LastfmClient({
      apiUrl,
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
      client = this.#newClient(endpoints.apiUrl, credentials);
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
