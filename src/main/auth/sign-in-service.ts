import type { LastfmSession } from '../lastfm/types.js';
import { apiSecretAccount } from '../secrets/accounts.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { resolveServiceEndpoints, type ServiceEndpoints } from '../settings/service-config.js';
import type { SettingsStore } from '../settings/store.js';
import { APP_VERSION } from '../version.js';
import type { AccountInfo, AccountStore } from './account-store.js';
import { signInWithAs12Password } from './as12-sign-in.js';
import { checkUserToken } from './listenbrainz-sign-in.js';
import { loadApiCredentials, saveApiCredentials, type ApiCredentials } from './api-credentials.js';
import { checkApiCredentials, checkBeforeSignIn, explainSignInFailure } from './api-key-check.js';
import type { AuthApi } from './auth-api.js';
import type { LoopbackManager } from './loopback-manager.js';
import { signInWithPassword } from './password-flow.js';
import { signInWithToken } from './token-flow.js';
import { signInWithBrowser } from './web-flow.js';

// The ways to sign in, over one service's endpoints and credentials, ending the same way: the
// protocol's credential in the keychain, the user name in settings, and sending resumed.
// Last.fm 2.0: web, token (desktop) and password (mobile), each ending in a session key;
// Audioscrobbler 1.2: a password proved by a handshake, kept as md5(password); ListenBrainz:
// the user token, checked with validate-token.

export interface SignInDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  accounts: AccountStore;
  loopback: LoopbackManager;
  env: NodeJS.ProcessEnv;
  /** An API client for these endpoints and credentials (the caller owns its lifetime). */
  authApi: (endpoints: ServiceEndpoints, credentials: ApiCredentials) => AuthApi;
  /** Called after a new session is stored (clears "needs sign-in", restarts sending). */
  onSignedIn?: (account: AccountInfo) => void;
  onSignedOut?: (account: AccountInfo) => void;
  /** HTTP options for the 1.2 handshake and ListenBrainz's validate-token. */
  http?: { userAgent?: string; connectTimeoutMs?: number; responseTimeoutMs?: number };
}

export interface WebSignInOptions {
  openUrl: (url: string) => void | Promise<void>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface TokenSignInOptions {
  presentUrl: (url: string) => void | Promise<void>;
  signal?: AbortSignal;
  pollMs?: number;
  maxPollMs?: number;
}

export class SignInService {
  readonly #deps: SignInDeps;

  constructor(deps: SignInDeps) {
    this.#deps = deps;
  }

  endpoints(serviceId: string): ServiceEndpoints {
    return resolveServiceEndpoints(serviceId, this.#deps.settings, this.#deps.env);
  }

  /** Throws MissingApiCredentialsError (with where to get them) when first run must ask. */
  async credentials(serviceId: string): Promise<ApiCredentials> {
    return loadApiCredentials(this.endpoints(serviceId), this.#deps.secrets, this.#deps.env);
  }

  /** Throws KeychainUnavailableError (naming the fix) when no keychain can be used. */
  async checkKeychain(serviceId: string): Promise<void> {
    await this.#deps.secrets.get(apiSecretAccount(serviceId));
  }

  async saveCredentials(serviceId: string, credentials: ApiCredentials): Promise<void> {
    // Checked with the service before anything is stored: a wrong or swapped key is refused.
    const check = (c: ApiCredentials) =>
      checkApiCredentials(this.endpoints(serviceId), c, this.#deps.authApi);
    await saveApiCredentials(
      serviceId,
      credentials,
      this.#deps.settings,
      this.#deps.secrets,
      check,
    );
  }

  async web(serviceId: string, opts: WebSignInOptions): Promise<AccountInfo> {
    return this.#withApi(serviceId, async ({ endpoints, credentials, api }) => {
      let account: AccountInfo | undefined;
      // A server that is down or a key it refuses fails here, not after a wait that never ends.
      await checkBeforeSignIn(api, endpoints);
      await signInWithBrowser({
        api,
        authUrl: endpoints.authUrl,
        apiKey: credentials.apiKey,
        loopback: this.#deps.loopback,
        openUrl: opts.openUrl,
        timeoutMs: opts.timeoutMs,
        signal: opts.signal,
        keep: async (session) => {
          account = await this.#keep(serviceId, session);
        },
      });
      return this.#done(account);
    });
  }

  async token(serviceId: string, opts: TokenSignInOptions): Promise<AccountInfo> {
    return this.#withApi(serviceId, async ({ endpoints, credentials, api }) => {
      const session = await signInWithToken({
        api,
        authUrl: endpoints.authUrl,
        apiKey: credentials.apiKey,
        presentUrl: opts.presentUrl,
        signal: opts.signal,
        pollMs: opts.pollMs,
        maxPollMs: opts.maxPollMs,
      });
      return this.#done(await this.#keep(serviceId, session));
    });
  }

  async password(serviceId: string, username: string, password: string): Promise<AccountInfo> {
    return this.#withApi(serviceId, async ({ endpoints, api }) => {
      const session = await signInWithPassword({
        api,
        apiUrl: endpoints.apiUrl,
        flavor: endpoints.preset.flavor,
        username,
        password,
        serviceName: endpoints.preset.name,
      });
      return this.#done(await this.#keep(serviceId, session));
    });
  }

  /** Audioscrobbler 1.2: a handshake proves the password; only md5(password) is kept. */
  async as12Password(serviceId: string, username: string, password: string): Promise<AccountInfo> {
    const endpoints = this.endpoints(serviceId);
    const { user, passwordMd5 } = await signInWithAs12Password({
      handshakeUrl: endpoints.apiUrl,
      username,
      password,
      serviceName: endpoints.preset.name,
      clientVersion: APP_VERSION,
      http: this.#deps.http,
    });
    const account = await this.#deps.accounts.signIn(serviceId, user, {
      kind: 'password-md5',
      passwordMd5,
    });
    return this.#done(account);
  }

  /** ListenBrainz: validate-token says whose token it is; the token is kept. */
  async userToken(serviceId: string, token: string): Promise<AccountInfo> {
    const endpoints = this.endpoints(serviceId);
    const user = await checkUserToken({
      apiUrl: endpoints.apiUrl,
      token,
      serviceName: endpoints.preset.name,
      tokenPage: this.tokenPage(serviceId),
      clientVersion: APP_VERSION,
      http: this.#deps.http,
    });
    const account = await this.#deps.accounts.signIn(serviceId, user, {
      kind: 'user-token',
      token: token.trim(),
    });
    return this.#done(account);
  }

  /**
   * Who the stored user token belongs to, asked of the service (validate-token). Throws
   * UserTokenRefusedError when the service no longer accepts it.
   */
  async userTokenOwner(serviceId: string, token: string): Promise<string> {
    const endpoints = this.endpoints(serviceId);
    return checkUserToken({
      apiUrl: endpoints.apiUrl,
      token,
      serviceName: endpoints.preset.name,
      tokenPage: this.tokenPage(serviceId),
      clientVersion: APP_VERSION,
      http: this.#deps.http,
    });
  }

  /**
   * Where a ListenBrainz user finds the token: the preset's settings page, or the page a
   * server of one's own was given (--auth-url); null when nothing says.
   */
  tokenPage(serviceId: string): string | null {
    const { apiUrl, authUrl } = this.endpoints(serviceId);
    return authUrl !== apiUrl ? authUrl : null;
  }

  async signOut(serviceId: string): Promise<AccountInfo | null> {
    const account = await this.#deps.accounts.signOut(serviceId);
    if (account) this.#deps.onSignedOut?.(account);
    return account;
  }

  async #withApi<T>(
    serviceId: string,
    run: (ctx: {
      endpoints: ServiceEndpoints;
      credentials: ApiCredentials;
      api: AuthApi;
    }) => Promise<T>,
  ): Promise<T> {
    const endpoints = this.endpoints(serviceId);
    const credentials = await loadApiCredentials(endpoints, this.#deps.secrets, this.#deps.env);
    const api = this.#deps.authApi(endpoints, credentials);
    try {
      return await run({ endpoints, credentials, api });
    } catch (error) {
      // A refused key or an unreachable server in words for people (the rest is worded).
      throw explainSignInFailure(error, endpoints);
    } finally {
      await api.close?.();
    }
  }

  #keep(serviceId: string, session: LastfmSession): Promise<AccountInfo> {
    return this.#deps.accounts.signIn(serviceId, session.name, {
      kind: 'session-key',
      sessionKey: session.key,
    });
  }

  #done(account: AccountInfo | undefined): AccountInfo {
    if (!account) throw new Error('Sign-in finished without a session.');
    this.#deps.onSignedIn?.(account);
    return account;
  }
}
