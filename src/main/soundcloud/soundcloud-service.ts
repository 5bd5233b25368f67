// SoundCloud as every front sees it: connect an account (OAuth 2.1 with PKCE, or OAuth 1.0a),
// who is connected, the account's liked tracks, disconnect; and links read into track fields.
// Tokens (and the 1.0a token secret, and the rotating refresh token) live only in the
// keychain, as the account's Credential record under service id `soundcloud`; the app's
// consumer secret lives there too (`api-secret:soundcloud`), like Last.fm's API secret.
// Nothing this module returns or throws carries a token or a secret.
import type { AccountStore } from '../auth/account-store.js';
import { SignInCancelledError } from '../auth/auth-api.js';
import { createLoopbackManager, type LoopbackManager } from '../auth/loopback-manager.js';
import type { CoreEvents } from '../events.js';
import { LinkError } from '../links/errors.js';
import { oembedEndpoints } from '../links/oembed.js';
import { fromSoundCloudTrack, trackFromLink } from '../links/track-from-link.js';
import { OAuthError } from '../oauth/errors.js';
import {
  StoredCredentialError,
  type SoundCloudCredential,
} from '../oauth/soundcloud-credential.js';
import { soundCloudEndpoints } from '../oauth/soundcloud-endpoints.js';
import { signInToSoundCloud, type SoundCloudConsumer } from '../oauth/soundcloud-sign-in.js';
import { apiSecretAccount, sessionAccount } from '../secrets/accounts.js';
import { encodeCredential, type Credential } from '../secrets/credentials.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { SettingsStore } from '../settings/store.js';
import { CoreError, type ErrorKind } from '../../shared/errors.js';
import type {
  LikedTrack,
  LikesPageView,
  LinkTrackView,
  SoundCloudMethod,
  SoundCloudStatus,
  SoundCloudWho,
} from '../../shared/soundcloud.js';
import type { SoundCloudClient } from './client.js';
import { connectSoundCloud } from './connect.js';
import { SoundCloudError } from './errors.js';
import type { SoundCloudTrack } from './types.js';

export const SOUNDCLOUD_SERVICE_ID = 'soundcloud';

export const SOUNDCLOUD_ENV = {
  consumerKey: 'SCROBBLETRAY_SOUNDCLOUD_CONSUMER_KEY',
  consumerSecret: 'SCROBBLETRAY_SOUNDCLOUD_CONSUMER_SECRET',
} as const;

/** settings.json key of the app's consumer key (not a secret, like Last.fm's API key). */
const CONSUMER_KEY_SETTING = `services.${SOUNDCLOUD_SERVICE_ID}.consumerKey`;

export interface SoundCloudServiceDeps {
  accounts: AccountStore;
  secrets: SecretStore;
  settings: SettingsStore;
  events: CoreEvents;
  env: NodeJS.ProcessEnv;
  loopback?: LoopbackManager;
  now?: () => number;
  /** How long a sign-in waits for the browser. */
  signInTimeoutMs?: number;
}

export class SoundCloudService {
  readonly #deps: SoundCloudServiceDeps;
  readonly #loopback: LoopbackManager;
  /** The client of the connected account, kept so its token keeper serialises refreshes. */
  #client: { key: string; client: Promise<SoundCloudClient> } | null = null;
  #pending: AbortController | null = null;
  /** SoundCloud refused the saved sign-in in this process: the card says to connect again. */
  #refused = false;

  constructor(deps: SoundCloudServiceDeps) {
    this.#deps = deps;
    this.#loopback = deps.loopback ?? createLoopbackManager();
  }

  /** Who is connected, from settings and the keychain; no network. */
  async status(): Promise<SoundCloudStatus> {
    const account = this.#deps.accounts.get(SOUNDCLOUD_SERVICE_ID);
    const hasApp = await this.#consumer().then(
      () => true,
      (error: unknown) => {
        if (error instanceof CoreError && error.kind === 'needs-sign-in') return false;
        throw error;
      },
    );
    if (!account) {
      return {
        connected: false,
        user: null,
        method: null,
        signedInAt: null,
        hasApp,
        needsSignIn: false,
      };
    }
    const signedIn = await this.#deps.accounts.signedIn(SOUNDCLOUD_SERVICE_ID);
    const method = methodOf(signedIn?.credential);
    return {
      connected: method !== null,
      user: account.user,
      method,
      signedInAt: account.signedInAt,
      hasApp,
      needsSignIn: method === null || this.#refused,
    };
  }

  /** Throws KeychainUnavailableError (saying what to do) before a sign-in starts. */
  async checkKeychain(): Promise<void> {
    await this.#deps.secrets.get(apiSecretAccount(SOUNDCLOUD_SERVICE_ID));
  }

  /**
   * Sign in and wait for the end, as the terminal does it: `openUrl` presents the approval
   * page; the credential is in the keychain before the browser tab says "signed in".
   */
  async connect(
    method: SoundCloudMethod,
    openUrl: (url: string) => void | Promise<void>,
    signal?: AbortSignal,
  ): Promise<SoundCloudStatus> {
    const consumer = await this.#consumer();
    const endpoints = translated(() => soundCloudEndpoints(method, this.#deps.env));
    try {
      await signInToSoundCloud({
        method,
        consumer,
        loopback: this.#loopback,
        openUrl,
        endpoints,
        signal,
        now: this.#deps.now,
        timeoutMs: this.#deps.signInTimeoutMs,
        keep: async (credential) => {
          // The app's secret first: a sign-in whose tokens cannot be used later is no sign-in.
          await this.#saveConsumer(consumer);
          await this.#deps.accounts.signIn(
            SOUNDCLOUD_SERVICE_ID,
            credential.user.username,
            toCredential(credential),
          );
          this.#client = null;
          this.#refused = false;
        },
      });
    } catch (error) {
      throw translate(error);
    }
    this.#deps.events.emit({ type: 'account-changed', target: SOUNDCLOUD_SERVICE_ID });
    return this.status();
  }

  /**
   * Start a sign-in from the window: resolves with the approval URL as soon as it is known
   * (the front opens it); the end arrives as `account-changed`, a failure as `sign-in-failed`.
   */
  startConnect(method: SoundCloudMethod): Promise<{ url: string }> {
    this.cancelConnect();
    const abort = new AbortController();
    this.#pending = abort;
    return new Promise((resolve, reject) => {
      let urlGiven = false;
      this.connect(
        method,
        (url) => {
          urlGiven = true;
          resolve({ url });
        },
        abort.signal,
      )
        .catch((error: unknown) => {
          const failure = error instanceof Error ? error : new Error(String(error));
          if (!urlGiven) reject(failure);
          else if (!abort.signal.aborted) {
            this.#deps.events.emit({
              type: 'sign-in-failed',
              target: SOUNDCLOUD_SERVICE_ID,
              message: failure.message,
            });
          }
        })
        .finally(() => {
          if (this.#pending === abort) this.#pending = null;
        });
    });
  }

  cancelConnect(): void {
    this.#pending?.abort();
    this.#pending = null;
  }

  /** The connected user as SoundCloud's `me` says now. */
  async whoami(): Promise<SoundCloudWho> {
    const { client, account } = await this.#connected();
    const me = await this.#call(() => client.me());
    const who: SoundCloudWho = {
      user: me.username,
      id: me.id,
      method: account.method,
      signedInAt: account.signedInAt,
    };
    if (me.fullName !== undefined) who.fullName = me.fullName;
    if (me.permalinkUrl !== undefined) who.permalinkUrl = me.permalinkUrl;
    return who;
  }

  /** One page of the connected account's liked tracks; `cursor` is a previous page's `next`. */
  async likes(cursor?: string): Promise<LikesPageView> {
    const { client } = await this.#connected();
    const page = await this.#call(() => client.likes(cursor ?? null));
    return { tracks: page.tracks.map(likedTrack), next: page.next };
  }

  /** Forget the account: its keychain entry goes; the app's consumer secret stays. */
  async disconnect(): Promise<SoundCloudStatus> {
    this.cancelConnect();
    await this.#deps.accounts.signOut(SOUNDCLOUD_SERVICE_ID);
    this.#client = null;
    this.#refused = false;
    this.#deps.events.emit({ type: 'account-changed', target: SOUNDCLOUD_SERVICE_ID });
    return this.status();
  }

  /** Keep the app's consumer key (settings) and secret (keychain), e.g. typed in the window. */
  async setApp(key: string, secret: string): Promise<SoundCloudStatus> {
    const k = key.trim();
    const s = secret.trim();
    if (!/^[\x21-\x7e]{8,200}$/.test(k) || !/^[\x21-\x7e]{8,200}$/.test(s)) {
      throw new CoreError(
        'invalid-input',
        'That does not look like a SoundCloud app key and secret: copy the client id and client secret from your app on soundcloud.com/you/apps.',
      );
    }
    await this.#saveConsumer({ key: k, secret: s });
    this.#client = null;
    this.#deps.events.emit({ type: 'account-changed', target: SOUNDCLOUD_SERVICE_ID });
    return this.status();
  }

  /**
   * A SoundCloud or YouTube link as track fields: through the connected account's `resolve`
   * when there is one (label metadata, duration), else oEmbed.
   */
  async resolve(url: string): Promise<LinkTrackView> {
    const oembed = translated(() => oembedEndpoints(this.#deps.env));
    let soundcloud: SoundCloudClient | null = null;
    if (this.#deps.accounts.get(SOUNDCLOUD_SERVICE_ID) !== null) {
      // A connected account whose sign-in cannot be used still leaves oEmbed.
      soundcloud = await this.#connected().then(
        ({ client }) => client,
        () => null,
      );
    }
    try {
      return { ...(await trackFromLink(url, { oembed, soundcloud })) };
    } catch (error) {
      if (!(error instanceof SoundCloudError && error.kind === 'reauth')) throw translate(error);
      // SoundCloud refused the saved sign-in: the card says to connect again, and the link
      // is still read, without the account.
      this.#refused = true;
    }
    try {
      return { ...(await trackFromLink(url, { oembed, soundcloud: null })) };
    } catch (error) {
      throw translate(error);
    }
  }

  /** The app's consumer key and secret: the environment first, else what was saved. */
  async #consumer(): Promise<SoundCloudConsumer> {
    const env = this.#deps.env;
    const key =
      env[SOUNDCLOUD_ENV.consumerKey]?.trim() ||
      (this.#deps.settings.get(CONSUMER_KEY_SETTING) as string | undefined) ||
      '';
    const secret =
      env[SOUNDCLOUD_ENV.consumerSecret] ||
      (await this.#deps.secrets.get(apiSecretAccount(SOUNDCLOUD_SERVICE_ID))) ||
      '';
    if (typeof key !== 'string' || key === '' || secret === '') {
      throw new CoreError(
        'needs-sign-in',
        `SoundCloud needs the app's consumer key and secret: set ${SOUNDCLOUD_ENV.consumerKey} and ${SOUNDCLOUD_ENV.consumerSecret} (from your app on soundcloud.com/you/apps), or enter them on the SoundCloud card in the Account view.`,
      );
    }
    return { key, secret };
  }

  async #saveConsumer(consumer: SoundCloudConsumer): Promise<void> {
    const account = apiSecretAccount(SOUNDCLOUD_SERVICE_ID);
    if ((await this.#deps.secrets.get(account)) !== consumer.secret) {
      await this.#deps.secrets.set(account, consumer.secret);
    }
    this.#deps.settings.set(CONSUMER_KEY_SETTING, consumer.key);
  }

  /** The connected account and its client; a plain "connect first" when there is none. */
  async #connected(): Promise<{
    client: SoundCloudClient;
    account: { user: string; method: SoundCloudMethod; signedInAt: string };
  }> {
    const signedIn = await this.#deps.accounts.signedIn(SOUNDCLOUD_SERVICE_ID);
    const method = methodOf(signedIn?.credential);
    if (!signedIn || method === null) {
      const was = this.#deps.accounts.get(SOUNDCLOUD_SERVICE_ID);
      throw new CoreError(
        'needs-sign-in',
        was
          ? `The saved SoundCloud sign-in of ${was.user} is missing from the keychain. Sign in to SoundCloud again: scrobbletray login --service soundcloud`
          : 'No SoundCloud account is connected. Connect one first: scrobbletray login --service soundcloud (or Account → SoundCloud in the window).',
      );
    }
    const key = `${signedIn.user}\n${signedIn.signedInAt}`;
    if (this.#client?.key !== key) {
      const client = this.#newClient(signedIn.user, signedIn.credential);
      client.catch(() => {
        if (this.#client?.client === client) this.#client = null;
      });
      this.#client = { key, client };
    }
    return {
      client: await this.#client.client,
      account: { user: signedIn.user, method, signedInAt: signedIn.signedInAt },
    };
  }

  async #newClient(user: string, credential: Credential): Promise<SoundCloudClient> {
    const consumer = await this.#consumer();
    const method = credential.kind === 'oauth1' ? 'oauth1' : 'oauth2';
    const endpoints = translated(() => soundCloudEndpoints(method, this.#deps.env));
    const entry = sessionAccount(SOUNDCLOUD_SERVICE_ID, user);
    return connectSoundCloud({
      credential: fromCredential(credential, user),
      endpoints,
      consumer,
      now: this.#deps.now,
      // A rotated refresh token goes to the keychain before it is used; the settings (who,
      // since when) do not change.
      save: (next) => this.#deps.secrets.set(entry, encodeCredential(toCredential(next))),
      // Another process (the app while the CLI runs) may have rotated the refresh token:
      // use what it saved rather than present a dead token, which would revoke the sign-in.
      latest: async () => {
        const stored = await this.#deps.accounts.signedIn(SOUNDCLOUD_SERVICE_ID);
        const c = stored?.user === user ? stored.credential : null;
        return c?.kind === 'oauth2'
          ? { accessToken: c.accessToken, refreshToken: c.refreshToken, expiresAt: c.expiresAt }
          : null;
      },
    });
  }

  /** An API call; a refusal of the saved sign-in is remembered for the card. */
  async #call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof SoundCloudError && error.kind === 'reauth') this.#refused = true;
      throw translate(error);
    }
  }
}

function methodOf(credential: Credential | undefined): SoundCloudMethod | null {
  if (credential?.kind === 'oauth1') return 'oauth1';
  if (credential?.kind === 'oauth2') return 'oauth2';
  return null;
}

/** The sign-in's record as the keychain keeps it (the user is in settings, not here). */
function toCredential(c: SoundCloudCredential): Credential {
  if (c.method === 'oauth1') {
    return { kind: 'oauth1', token: c.accessToken, tokenSecret: c.tokenSecret };
  }
  const out: Credential = { kind: 'oauth2', accessToken: c.accessToken };
  if (c.refreshToken !== undefined) out.refreshToken = c.refreshToken;
  if (c.expiresAt !== undefined) out.expiresAt = c.expiresAt;
  return out;
}

function fromCredential(c: Credential, username: string): SoundCloudCredential {
  // The user's id is not needed to call the API; `me` gives it when asked.
  const user = { id: '', username };
  if (c.kind === 'oauth1') {
    return { method: 'oauth1', accessToken: c.token, tokenSecret: c.tokenSecret, user };
  }
  if (c.kind === 'oauth2') {
    const out: SoundCloudCredential = { method: 'oauth2', accessToken: c.accessToken, user };
    if (c.refreshToken !== undefined) out.refreshToken = c.refreshToken;
    if (c.expiresAt !== undefined) out.expiresAt = c.expiresAt;
    return out;
  }
  throw new StoredCredentialError(
    'The saved SoundCloud sign-in is damaged or from another version. Sign in to SoundCloud again.',
  );
}

export function likedTrack(t: SoundCloudTrack): LikedTrack {
  let fields: { artist: string; track: string; album?: string; duration?: number };
  try {
    fields = fromSoundCloudTrack(t, t.permalinkUrl ?? '');
  } catch (error) {
    if (!(error instanceof LinkError)) throw error;
    // No artist in the title: the uploader is the best guess; the user sees it before picking.
    fields = { artist: t.uploader, track: t.title };
    if (t.durationMs !== undefined) fields.duration = Math.round(t.durationMs / 1000);
  }
  const out: LikedTrack = {
    id: t.id,
    title: t.title,
    uploader: t.uploader,
    artist: fields.artist,
    track: fields.track,
  };
  if (fields.album !== undefined) out.album = fields.album;
  if (fields.duration !== undefined) out.duration = fields.duration;
  if (t.permalinkUrl !== undefined) out.url = t.permalinkUrl;
  return out;
}

function translated<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw translate(error);
  }
}

/**
 * The OAuth, API and link failures in the core's one error vocabulary, so the window, HTTP
 * and the CLI report them alike. The messages were built to carry no secret; they stay.
 */
export function translate(error: unknown): unknown {
  if (error instanceof CoreError || error instanceof SignInCancelledError) return error;
  let kind: ErrorKind | null = null;
  if (error instanceof LinkError) {
    kind =
      error.kind === 'unsupported'
        ? 'invalid-input'
        : error.kind === 'not-found'
          ? 'not-found'
          : 'unavailable';
  } else if (error instanceof SoundCloudError) {
    kind =
      error.kind === 'reauth'
        ? 'needs-sign-in'
        : error.kind === 'not-found'
          ? 'not-found'
          : 'unavailable';
  } else if (error instanceof OAuthError) {
    kind =
      error.kind === 'reauth'
        ? 'needs-sign-in'
        : error.kind === 'config'
          ? 'invalid-input'
          : error.kind === 'denied' || error.kind === 'forged-callback'
            ? 'conflict'
            : 'unavailable';
  } else if (error instanceof StoredCredentialError) {
    kind = 'needs-sign-in';
  }
  if (kind === null || !(error instanceof Error)) return error;
  return new CoreError(kind, error.message, { cause: error });
}
