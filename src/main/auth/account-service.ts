import type { CoreEvents } from '../events.js';
import type { AccountSummary } from '../../shared/core-events.js';
import { ContractInputError } from '../../shared/contract.js';
import { CoreError } from '../../shared/errors.js';
import type {
  CustomServices,
  NewServiceInput,
  SkippedCustomService,
} from '../../shared/custom-service.js';
import {
  findBuiltinService,
  protocolLabel,
  scrobblesTo,
  type ServicePreset,
} from '../../shared/services.js';
import { mayReceivePasswords } from '../lastfm/password-transport.js';
import type { QueueService } from '../queue/queue-service.js';
import { apiSecretAccount } from '../secrets/accounts.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { UnknownServiceError, type ServiceEndpoints } from '../settings/service-config.js';
import type { AccountInfo, AccountStore } from './account-store.js';
import { MissingApiCredentialsError } from './api-credentials.js';
import { UserTokenRefusedError } from './listenbrainz-sign-in.js';
import type { SignInService } from './sign-in-service.js';

export type { AccountSummary };

// Accounts as the window sees them: a summary per service, and sign-in started from a click.
// A sign-in from the window hands back the approval URL at once (the front opens it: Electron
// with shell.openExternal, the headless UI in a new tab) and finishes in the background,
// reporting through events. No secret ever leaves this module in a result or event.

/** The self-hosted servers in settings.json, as the core keeps them. */
export interface CustomServiceHost {
  /** Valid servers and skipped entries, read afresh. */
  read(): CustomServices;
  /** Throws CustomServiceInputError (problems per field) for input it refuses. */
  add(input: NewServiceInput): ServicePreset;
  /** Forget the server's settings and anything the core built for it. */
  remove(id: string): void;
}

export interface AccountServiceDeps {
  signIn: SignInService;
  accounts: AccountStore;
  queue: QueueService;
  events: CoreEvents;
  secrets: SecretStore;
  customServices: CustomServiceHost;
  serviceIds: () => string[];
  /** Each service's "scrobble to" switch, kept in settings (on unless turned off). */
  scrobbleTo: { get(service: string): boolean; set(service: string, on: boolean): void };
}

/** What `whoami` learns about an account: from settings and the keychain, or the service. */
export interface AccountCheck {
  service: string;
  name: string;
  protocol: NonNullable<AccountSummary['protocol']>;
  user: string;
  signedInAt: string;
  /**
   * null: fine. 'missing-credential': the keychain no longer has it. 'revoked': the service
   * said it no longer accepts it (a delivery was refused, or validate-token said so).
   */
  problem: 'missing-credential' | 'revoked' | null;
  /** True when the service itself was asked (ListenBrainz's validate-token). */
  checkedWithService: boolean;
  /** Why the service could not be asked, when it could not (the stored facts are shown). */
  uncheckedBecause?: string;
}

/** The method asked for is not how this service signs in; says which one is. */
export class WrongSignInMethodError extends CoreError {
  override name = 'WrongSignInMethodError';
  constructor(name: string, protocol: string) {
    super('invalid-input', `${name} does not sign in that way: ${howToSignIn(protocol)}`);
  }
}

/** How a protocol signs in, in words for a message. */
export function howToSignIn(protocol: string): string {
  switch (protocol) {
    case 'as12':
      return 'it takes your user name and password (scrobbletray login --method password).';
    case 'listenbrainz':
      return 'it takes your user token (scrobbletray login, with the token on stdin or in SCROBBLETRAY_USER_TOKEN).';
    case 'soundcloud':
      return 'you approve Scrobbletray in the browser (scrobbletray login --service soundcloud).';
    default:
      return 'approve in the browser (web, token) or give your user name and password.';
  }
}

/**
 * A server cannot be removed while scrobbles wait for it. A RangeError like the queue's other
 * "not in this state" refusals, so every front reports it as the caller's to fix (409).
 */
export class ServiceHasWaitingScrobblesError extends RangeError {
  constructor(name: string, waiting: number) {
    const what = waiting === 1 ? '1 scrobble' : `${waiting} scrobbles`;
    super(
      `${name} still has ${what} waiting to be sent. Send them (Send now) or remove them in the Queue first, then remove the server.`,
    );
  }
}

export class AccountService {
  readonly #deps: AccountServiceDeps;
  #pending: AbortController | null = null;
  #pendingService: string | null = null;

  constructor(deps: AccountServiceDeps) {
    this.#deps = deps;
  }

  /** One summary per service, then one per settings.json entry that was skipped (with why). */
  async list(): Promise<AccountSummary[]> {
    const summaries = await Promise.all(this.#deps.serviceIds().map((id) => this.summary(id)));
    return [...summaries, ...this.#deps.customServices.read().skipped.map(skippedSummary)];
  }

  /** A service's preset and URLs (environment > settings > preset). */
  endpoints(service: string): ServiceEndpoints {
    return this.#deps.signIn.endpoints(service);
  }

  /** Throws KeychainUnavailableError (saying what to do) before anything is asked for. */
  checkKeychain(service: string): Promise<void> {
    return this.#deps.signIn.checkKeychain(service);
  }

  /** Throws MissingApiCredentialsError when first run still has to ask for them. */
  async requireApiCredentials(service: string): Promise<void> {
    await this.#deps.signIn.credentials(service);
  }

  /**
   * Sign in and wait for the end, as the terminal does it: the password given, or the
   * approval URL presented (opened or printed) and then awaited until approved or aborted.
   */
  signInAndWait(
    service: string,
    how:
      | { method: 'password'; username: string; password: string }
      | {
          method: 'web' | 'token';
          present: (url: string) => void | Promise<void>;
          signal: AbortSignal;
        },
  ): Promise<AccountInfo> {
    const protocol = this.#protocol(service);
    if (how.method === 'password') return this.#password(service, how.username, how.password);
    if (protocol !== 'lastfm2' && protocol !== 'gnufm') {
      throw new WrongSignInMethodError(this.endpoints(service).preset.name, protocol);
    }
    const { present, signal } = how;
    return how.method === 'token'
      ? this.#deps.signIn.token(service, { presentUrl: present, signal })
      : this.#deps.signIn.web(service, { openUrl: present, signal });
  }

  /** Who is signed in to the service, or null; no keychain read. */
  signedInUser(service: string): string | null {
    return this.#deps.accounts.get(service)?.user ?? null;
  }

  async summary(service: string): Promise<AccountSummary> {
    const endpoints = this.#deps.signIn.endpoints(service);
    const account = this.#deps.accounts.get(service);
    const { preset } = endpoints;
    let hasApiCredentials = true;
    // Only Last.fm 2.0 signs requests with an API account; the other protocols need none.
    if (preset.protocol === 'lastfm2') {
      try {
        await this.#deps.signIn.credentials(service);
      } catch (error) {
        if (!(error instanceof MissingApiCredentialsError)) throw error;
        hasApiCredentials = false;
      }
    }
    const hasKey = account ? (await this.#deps.accounts.signedIn(service)) !== null : false;
    return {
      service,
      name: endpoints.preset.name,
      user: account?.user ?? null,
      signedInAt: account?.signedInAt ?? null,
      needsSignIn: account !== null && (this.#deps.queue.targetState(service).needsAuth || !hasKey),
      hasApiCredentials,
      apiAccountUrl: endpoints.preset.apiAccountUrl ?? null,
      custom: findBuiltinService(service) === undefined,
      plainHttp: reachedInClear(endpoints.apiUrl),
      protocol: protocolLabel(preset),
      url: endpoints.apiUrl,
      scrobbles: scrobblesTo(preset),
      scrobbleTo: scrobblesTo(preset) && this.#deps.scrobbleTo.get(service),
      tokenUrl: preset.protocol === 'listenbrainz' ? this.#deps.signIn.tokenPage(service) : null,
    };
  }

  /**
   * Who is signed in, checked as far as the protocol allows: the keychain for every one, the
   * service itself for ListenBrainz (validate-token). NotSignedIn is the caller's to report.
   */
  async check(service: string): Promise<AccountCheck | null> {
    const endpoints = this.#deps.signIn.endpoints(service);
    const account = this.#deps.accounts.get(service);
    if (!account) return null;
    const base = {
      service,
      name: endpoints.preset.name,
      protocol: protocolLabel(endpoints.preset),
      user: account.user,
      signedInAt: account.signedInAt,
    };
    const signedIn = await this.#deps.accounts.signedIn(service);
    if (!signedIn) return { ...base, problem: 'missing-credential', checkedWithService: false };
    if (this.#deps.queue.targetState(service).needsAuth) {
      return { ...base, problem: 'revoked', checkedWithService: false };
    }
    if (endpoints.preset.protocol === 'listenbrainz' && signedIn.credential.kind === 'user-token') {
      try {
        const owner = await this.#deps.signIn.userTokenOwner(service, signedIn.credential.token);
        return { ...base, user: owner, problem: null, checkedWithService: true };
      } catch (error) {
        if (error instanceof UserTokenRefusedError) {
          return { ...base, problem: 'revoked', checkedWithService: true };
        }
        const why = error instanceof Error ? error.message : String(error);
        return { ...base, problem: null, checkedWithService: false, uncheckedBecause: why };
      }
    }
    return { ...base, problem: null, checkedWithService: false };
  }

  /** Sign in with a ListenBrainz user token (checked with validate-token first). */
  async signInWithToken(service: string, token: string): Promise<AccountSummary> {
    const protocol = this.#protocol(service);
    if (protocol !== 'listenbrainz') {
      throw new WrongSignInMethodError(this.endpoints(service).preset.name, protocol);
    }
    await this.#deps.signIn.userToken(service, token);
    return this.summary(service);
  }

  /** Turn a service's "scrobble to" switch on or off; scrobbles already queued stay. */
  async setScrobbleTo(service: string, on: boolean): Promise<AccountSummary> {
    const { preset } = this.endpoints(service);
    if (!scrobblesTo(preset)) {
      throw new ContractInputError(
        `${preset.name} is an account only: scrobbles never go there, so it has no switch.`,
      );
    }
    this.#deps.scrobbleTo.set(service, on);
    this.#deps.events.emit({ type: 'account-changed', target: service });
    return this.summary(service);
  }

  #protocol(service: string): NonNullable<AccountSummary['protocol']> {
    return protocolLabel(this.endpoints(service).preset);
  }

  /** A password sign-in by the service's protocol: 2.0's mobile session, or a 1.2 handshake. */
  #password(service: string, username: string, password: string): Promise<AccountInfo> {
    const protocol = this.#protocol(service);
    if (protocol === 'as12') return this.#deps.signIn.as12Password(service, username, password);
    if (protocol === 'lastfm2' || protocol === 'gnufm') {
      return this.#deps.signIn.password(service, username, password);
    }
    throw new WrongSignInMethodError(this.endpoints(service).preset.name, protocol);
  }

  /**
   * Add a server of the user's own from a name, its address and protocol (default gnufm);
   * answers its summary.
   */
  async addService(input: NewServiceInput): Promise<AccountSummary> {
    const preset = this.#deps.customServices.add(input);
    this.#deps.events.emit({ type: 'account-changed', target: preset.id });
    return this.summary(preset.id);
  }

  /**
   * Remove a custom server: refused while scrobbles still wait for it. Signs out (the session
   * key and any API secret leave the keychain) and forgets its settings; its history stays.
   */
  async removeService(service: string): Promise<AccountSummary[]> {
    const builtin = findBuiltinService(service);
    if (builtin) {
      throw new ContractInputError(`${builtin.name} is built in and cannot be removed.`);
    }
    const { services, skipped } = this.#deps.customServices.read();
    const entry = services.find((s) => s.id === service) ?? skipped.find((s) => s.id === service);
    if (!entry) throw new UnknownServiceError(service);
    const name = entry.name ?? service;
    const { counts } = this.#deps.queue.stats(service);
    const waiting = counts.queued + counts.retrying + counts.sending;
    if (waiting > 0) throw new ServiceHasWaitingScrobblesError(name, waiting);
    if (this.#pendingService === service) this.cancelSignIn();
    // Keychain first: if it refuses, settings still describe the server and nothing is lost.
    await this.#deps.signIn.signOut(service);
    await this.#deps.secrets.delete(apiSecretAccount(service));
    this.#deps.customServices.remove(service);
    this.#deps.events.emit({ type: 'account-changed', target: service });
    return this.list();
  }

  /**
   * Start a web or token sign-in; resolves with the URL the user must open as soon as it is
   * known. Completion arrives as `account-changed`, failure as `sign-in-failed`.
   */
  startSignIn(service: string, method: 'web' | 'token'): Promise<{ url: string }> {
    const protocol = this.#protocol(service);
    if (protocol !== 'lastfm2' && protocol !== 'gnufm') {
      return Promise.reject(
        new WrongSignInMethodError(this.endpoints(service).preset.name, protocol),
      );
    }
    this.cancelSignIn();
    const abort = new AbortController();
    this.#pending = abort;
    this.#pendingService = service;
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
          if (this.#pending === abort) {
            this.#pending = null;
            this.#pendingService = null;
          }
        });
    });
  }

  cancelSignIn(): void {
    this.#pending?.abort();
    this.#pending = null;
    this.#pendingService = null;
  }

  async signInWithPassword(
    service: string,
    username: string,
    password: string,
  ): Promise<AccountSummary> {
    await this.#password(service, username, password);
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

/** A skipped settings.json entry as a card: its name, what to fix, and no sign-in. */
function skippedSummary(skipped: SkippedCustomService): AccountSummary {
  const where = skipped.index === null ? 'customServices' : `customServices[${skipped.index}]`;
  return {
    service: skipped.id ?? where,
    name: skipped.name ?? 'A server in settings.json',
    user: null,
    signedInAt: null,
    needsSignIn: false,
    hasApiCredentials: false,
    apiAccountUrl: null,
    custom: skipped.id !== null,
    plainHttp: false,
    problem: skipped.reason,
  };
}

/** Plain http:// to another machine: passwords are refused there and the session is readable. */
function reachedInClear(apiUrl: string): boolean {
  try {
    return !mayReceivePasswords(apiUrl);
  } catch {
    return false; // Not a URL at all: nothing can be sent to it, in clear or otherwise.
  }
}
