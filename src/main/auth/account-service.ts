import type { CoreEvents } from '../events.js';
import type { AccountSummary } from '../../shared/core-events.js';
import type { QueueService } from '../queue/queue-service.js';
import type { AccountRegistry } from './account-registry.js';
import { MissingApiCredentialsError } from './api-credentials.js';
import type { SignInService } from './sign-in-service.js';

export type { AccountSummary };

// Accounts as the window sees them: a summary per service, and sign-in started from a click.
// A sign-in from the window hands back the approval URL at once (the front opens it: Electron
// with shell.openExternal, the headless UI in a new tab) and finishes in the background,
// reporting through events. No secret ever leaves this module in a result or event.

export interface AccountServiceDeps {
  signIn: SignInService;
  accounts: AccountRegistry;
  queue: QueueService;
  events: CoreEvents;
  serviceIds: () => string[];
}

export class AccountService {
  readonly #deps: AccountServiceDeps;
  #pending: AbortController | null = null;

  constructor(deps: AccountServiceDeps) {
    this.#deps = deps;
  }

  async list(): Promise<AccountSummary[]> {
    return Promise.all(this.#deps.serviceIds().map((id) => this.summary(id)));
  }

  async summary(service: string): Promise<AccountSummary> {
    const endpoints = this.#deps.signIn.endpoints(service);
    const account = this.#deps.accounts.get(service);
    let hasApiCredentials = true;
    try {
      await this.#deps.signIn.credentials(service);
    } catch (error) {
      if (!(error instanceof MissingApiCredentialsError)) throw error;
      hasApiCredentials = false;
    }
    const hasKey = account ? (await this.#deps.accounts.session(service)) !== null : false;
    return {
      service,
      name: endpoints.preset.name,
      user: account?.user ?? null,
      signedInAt: account?.signedInAt ?? null,
      needsSignIn: account !== null && (this.#deps.queue.targetState(service).needsAuth || !hasKey),
      hasApiCredentials,
      apiAccountUrl: endpoints.preset.apiAccountUrl ?? null,
    };
  }

  /**
   * Start a web or token sign-in; resolves with the URL the user must open as soon as it is
   * known. Completion arrives as `account-changed`, failure as `sign-in-failed`.
   */
  startSignIn(service: string, method: 'web' | 'token'): Promise<{ url: string }> {
    this.cancelSignIn();
    const abort = new AbortController();
    this.#pending = abort;
    return new Promise((resolve, reject) => {
      let urlGiven = false;
      const present = (url: string) => {
        urlGiven = true;
        resolve({ url });
      };
      const flow =
        method === 'web'
          ? this.#deps.signIn.web(service, { openUrl: present, signal: abort.signal })
          : this.#deps.signIn.token(service, { presentUrl: present, signal: abort.signal });
      flow
        .then(
          () => undefined,
          (error: unknown) => {
            const message = error instanceof Error ? error.message : String(error);
            if (!urlGiven) reject(error instanceof Error ? error : new Error(message));
            else if (!abort.signal.aborted) {
              this.#deps.events.emit({ type: 'sign-in-failed', target: service, message });
            }
          },
        )
        .finally(() => {
          if (this.#pending === abort) this.#pending = null;
        });
    });
  }

  cancelSignIn(): void {
    this.#pending?.abort();
    this.#pending = null;
  }

  async signInWithPassword(
    service: string,
    username: string,
    password: string,
  ): Promise<AccountSummary> {
    await this.#deps.signIn.password(service, username, password);
    return this.summary(service);
  }

  async signOut(service: string): Promise<AccountSummary> {
    await this.#deps.signIn.signOut(service);
    return this.summary(service);
  }

  async setApiCredentials(
    service: string,
    apiKey: string,
    apiSecret: string,
  ): Promise<AccountSummary> {
    await this.#deps.signIn.saveCredentials(service, { apiKey, apiSecret });
    this.#deps.events.emit({ type: 'account-changed', target: service });
    return this.summary(service);
  }
}
