// An Audioscrobbler 1.2.1 client: handshake, now playing, submissions, and the protocol's
// failure rules (session-policy.ts). One client per account: it holds the session.
//
// What 1.2 cannot tell us: a submission is answered for the batch as a whole. There is no
// per-track result, no correction and no "ignored": GNU FM answers OK to a duplicate and
// drops it, answers OK to an artist differing only in case from a known one and does not
// store it, and stores nothing at all when it answers FAILED. So a batch is either all
// accepted (OK) or all failed (anything else), and "accepted" means "the server said OK".

import { cleanServerMessage } from '../../lastfm/failures.js';
import { classifyHttpStatus } from '../../lastfm/errors.js';
import type { ErrorClass } from '../../lastfm/errors.js';
import type { ScrobbleItem, TrackInfo } from '../../../shared/track.js';
import { As12Error } from './errors.js';
import type { As12Step } from './errors.js';
import { HttpExchange, NetworkFaultError } from './http-exchange.js';
import type { HttpAnswer } from './http-exchange.js';
import {
  authToken,
  DEVELOPMENT_CLIENT_ID,
  failedIsPermanent,
  handshakeUrl,
  isMd5Hex,
  itemProblem,
  MAX_TRACKS_PER_SUBMISSION,
  md5Hex,
  nowPlayingForm,
  parseActionReply,
  parseHandshakeReply,
  submissionForm,
  trackProblem,
} from './protocol.js';
import type { As12Credentials, As12Session } from './protocol.js';
import { PROCESS_HANDSHAKE_TIMESTAMPS, SessionPolicy } from './session-policy.js';
import type { HandshakeTimestamps, SessionPolicyOptions } from './session-policy.js';

/** Immediate retries of a handshake refused as "duplicate key" (another process's second). */
const DUPLICATE_KEY_RETRIES = 3;

export interface As12ClientOptions {
  /** The handshake root, e.g. `http://turtle.libre.fm/`. */
  handshakeUrl: string;
  /**
   * Asked before every handshake, so signing in again takes effect at once. Null means
   * "not signed in". The keychain holds md5(password) (or the 2.0 session); never the password.
   */
  credentials: () => As12Credentials | null | Promise<As12Credentials | null>;
  /** Default `tst` (see DEVELOPMENT_CLIENT_ID). */
  clientId?: string;
  clientVersion: string;
  /** Full User-Agent header; default `Scrobbletray/<clientVersion>`. */
  userAgent?: string;
  connectTimeoutMs?: number;
  responseTimeoutMs?: number;
  /** Millisecond clock for handshake timestamps and back-off; tests pass their own. */
  now?: () => number;
  policy?: SessionPolicyOptions;
  /** Where used handshake timestamps are kept; default one ledger for the whole process. */
  timestamps?: HandshakeTimestamps;
}

export interface As12SubmitResult {
  /** Every track sent: 1.2 answers OK for the whole batch or not at all (see above). */
  accepted: number;
  /** The tracks in the order they were sent (oldest first). */
  sent: ScrobbleItem[];
}

export interface As12Status {
  hasSession: boolean;
  /** BANNED was answered: this client sends nothing more. */
  blocked: boolean;
  handshakeFailures: number;
  hardFailures: number;
  /** Milliseconds until a handshake may be tried again; 0 when it may be tried now. */
  retryAfterMs: number;
}

type ActionOutcome = 'ok' | 'badsession';

export class As12Client {
  readonly #root: string;
  readonly #host: string;
  readonly #credentials: As12ClientOptions['credentials'];
  readonly #clientId: string;
  readonly #clientVersion: string;
  readonly #now: () => number;
  readonly #policy: SessionPolicy;
  readonly #timestamps: HandshakeTimestamps;
  readonly #http: HttpExchange;
  #session: As12Session | null = null;
  #banned = false;
  /** The last failed handshake, repeated (with the wait) while the back-off lasts. */
  #lastHandshakeError: As12Error | null = null;
  /** md5 of the credentials the last handshake failed with: new ones reset the back-off. */
  #failedWith: string | null = null;
  /** The credentials' secret parts, redacted from anything a server says back. */
  #secrets: readonly string[] = [];

  constructor(opts: As12ClientOptions) {
    this.#root = opts.handshakeUrl;
    this.#host = new URL(opts.handshakeUrl).host;
    this.#credentials = opts.credentials;
    this.#clientId = opts.clientId ?? DEVELOPMENT_CLIENT_ID;
    this.#clientVersion = opts.clientVersion;
    this.#now = opts.now ?? Date.now;
    this.#policy = new SessionPolicy(opts.policy);
    this.#timestamps = opts.timestamps ?? PROCESS_HANDSHAKE_TIMESTAMPS;
    this.#http = new HttpExchange({
      userAgent: opts.userAgent ?? `Scrobbletray/${opts.clientVersion}`,
      connectTimeoutMs: opts.connectTimeoutMs,
      responseTimeoutMs: opts.responseTimeoutMs,
    });
  }

  get status(): As12Status {
    return {
      hasSession: this.#session !== null,
      blocked: this.#banned,
      handshakeFailures: this.#policy.handshakeFailures,
      hardFailures: this.#policy.hardFailures,
      retryAfterMs: this.#policy.handshakeWaitMs(this.#now()),
    };
  }

  /**
   * Handshake now (sign-in check) unless a session is held. Throws As12Error: needs-sign-in
   * (BADAUTH), bad-time, banned, failed, or handshake-backoff while a back-off lasts.
   */
  async handshake(): Promise<void> {
    await this.#ensureSession('handshake');
  }

  /** Tell the server what is playing. Not retried by the protocol: a failure is just thrown. */
  async nowPlaying(track: TrackInfo): Promise<void> {
    const problem = trackProblem(track, 0);
    if (problem) throw this.#invalid('now-playing', problem);
    for (let attempt = 0; ; attempt++) {
      const session = await this.#ensureSession('now-playing');
      const form = nowPlayingForm(session.id, track);
      const outcome = await this.#post('now-playing', session, session.nowPlayingUrl, form);
      if (outcome === 'ok') return;
      if (attempt > 0) throw this.#badSessionAgain('now-playing');
    }
  }

  /**
   * Submit up to 50 plays, sent oldest first. Resolves when the server said OK for the batch;
   * otherwise throws As12Error and the caller keeps every track (nothing was stored, except
   * possibly when `maybeProcessed` is true). BADSESSION is handled here: one new handshake and
   * the same tracks once more.
   */
  async scrobble(items: readonly ScrobbleItem[]): Promise<As12SubmitResult> {
    if (items.length === 0) throw this.#invalid('submission', 'There is nothing to submit.');
    if (items.length > MAX_TRACKS_PER_SUBMISSION) {
      throw this.#invalid(
        'submission',
        `At most ${MAX_TRACKS_PER_SUBMISSION} tracks go in one submission; ${items.length} were given.`,
      );
    }
    items.forEach((item, i) => {
      const problem = itemProblem(item, i);
      if (problem) throw this.#invalid('submission', problem);
    });
    for (let attempt = 0; ; attempt++) {
      const session = await this.#ensureSession('submission');
      const { form, order } = submissionForm(session.id, items);
      const outcome = await this.#post('submission', session, session.submissionUrl, form);
      if (outcome === 'ok') return { accepted: order.length, sent: order };
      if (attempt > 0) throw this.#badSessionAgain('submission');
    }
  }

  /** Drop the session and any back-off, e.g. after the user signed in again. */
  reset(): void {
    this.#session = null;
    this.#lastHandshakeError = null;
    this.#failedWith = null;
    this.#policy.resetBackoff();
  }

  async close(): Promise<void> {
    await this.#http.close();
  }

  async #ensureSession(step: As12Step): Promise<As12Session> {
    if (this.#banned) throw this.#bannedError(step);
    if (this.#session) return this.#session;

    const creds = await this.#credentials();
    if (!creds) {
      throw new As12Error({
        step,
        kind: 'needs-sign-in',
        errorClass: 'reauth',
        message: `Not signed in to ${this.#host}: sign in to send scrobbles there.`,
      });
    }
    if (creds.kind === 'password' && !isMd5Hex(creds.passwordMd5)) {
      throw new As12Error({
        step,
        kind: 'needs-sign-in',
        errorClass: 'reauth',
        message: `The saved sign-in for ${this.#host} is damaged: sign in again.`,
      });
    }
    const fingerprint = md5Hex(JSON.stringify(creds));
    if (this.#failedWith !== null && this.#failedWith !== fingerprint) this.reset();

    const wait = this.#policy.handshakeWaitMs(this.#now());
    if (wait > 0 && this.#lastHandshakeError) {
      const last = this.#lastHandshakeError;
      throw new As12Error({
        step,
        kind: 'handshake-backoff',
        errorClass: last.errorClass,
        message: `${last.message} Next try in ${describeWait(wait)}.`,
        serverReason: last.serverReason,
        retryAfterMs: wait,
      });
    }

    this.#secrets = credentialSecrets(creds);
    let session: As12Session;
    for (let attempt = 0; ; attempt++) {
      try {
        session = await this.#handshakeOnce(creds);
        break;
      } catch (err) {
        if (!(err instanceof As12Error)) throw err;
        // Another process used this second: a later second is another session id.
        const duplicate = err.kind === 'failed' && /duplicate key/i.test(err.serverReason ?? '');
        if (!duplicate || attempt >= DUPLICATE_KEY_RETRIES) {
          throw this.#handshakeFailed(err, fingerprint);
        }
      }
    }
    this.#policy.handshakeSucceeded();
    this.#lastHandshakeError = null;
    this.#failedWith = null;
    this.#session = session;
    return session;
  }

  /** Start (or continue) the back-off; the error tells the caller how long it lasts. */
  #handshakeFailed(err: As12Error, fingerprint: string): As12Error {
    if (err.kind === 'invalid-request') return err;
    const wait = this.#policy.handshakeFailed(this.#now());
    this.#failedWith = fingerprint;
    const withWait = new As12Error({
      step: err.step,
      kind: err.kind,
      errorClass: err.errorClass,
      message: err.message,
      serverReason: err.serverReason,
      httpStatus: err.httpStatus,
      retryAfterMs: err.kind === 'banned' ? null : wait,
      code: err.code,
    });
    this.#lastHandshakeError = withWait;
    return withWait;
  }

  async #handshakeOnce(creds: As12Credentials): Promise<As12Session> {
    const step: As12Step = 'handshake';
    const t = this.#timestamps.next(`${this.#root}\n${creds.user}`, this.#now());
    const url = handshakeUrl(this.#root, creds, {
      clientId: this.#clientId,
      clientVersion: this.#clientVersion,
      t,
    });
    const secrets = [...this.#secrets, authToken(creds, t)];
    const answer = await this.#send(step, { url, method: 'GET' }, false);
    if (answer.status < 200 || answer.status > 299) throw this.#httpError(step, answer.status);
    const reply = parseHandshakeReply(answer.body);
    switch (reply.kind) {
      case 'ok':
        return reply.session;
      case 'badauth':
        throw new As12Error({
          step,
          kind: 'needs-sign-in',
          errorClass: 'reauth',
          message: `${this.#host} did not accept the user name or password for "${creds.user}": sign in again.`,
        });
      case 'badtime':
        throw new As12Error({
          step,
          kind: 'bad-time',
          errorClass: 'transient',
          message:
            `${this.#host} refused the handshake because this computer's clock is off by more ` +
            'than 5 minutes (BADTIME): set the correct date, time and time zone. Your scrobbles ' +
            'are kept and sent once the clock is right.',
        });
      case 'banned':
        this.#banned = true;
        throw this.#bannedError(step);
      case 'failed':
        throw this.#failedError(step, reply.reason, secrets);
      case 'unreadable':
        throw this.#unreadableError(step, answer.status, false);
    }
  }

  /** One now-playing or submission POST; hard failures are counted on the way out. */
  async #post(
    step: As12Step,
    session: As12Session,
    url: string,
    form: URLSearchParams,
  ): Promise<ActionOutcome> {
    try {
      const answer = await this.#send(
        step,
        {
          url,
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
          body: form.toString(),
        },
        true,
      );
      if (answer.status < 200 || answer.status > 299) throw this.#httpError(step, answer.status);
      const reply = parseActionReply(answer.body);
      switch (reply.kind) {
        case 'ok':
          this.#policy.requestSucceeded();
          return 'ok';
        case 'badsession':
          // Keep the tracks, handshake again (the caller loops once).
          if (this.#session === session) this.#session = null;
          return 'badsession';
        case 'failed':
          throw this.#failedError(step, reply.reason, [...this.#secrets, session.id]);
        case 'unreadable':
          throw this.#unreadableError(step, answer.status, true);
      }
    } catch (err) {
      if (err instanceof As12Error && err.hard && this.#policy.hardFailure()) {
        // Three in a row: the protocol says handshake again before the next attempt.
        if (this.#session === session) this.#session = null;
      }
      throw err;
    }
  }

  async #send(
    step: As12Step,
    req: Parameters<HttpExchange['send']>[0],
    afterHandshake: boolean,
  ): Promise<HttpAnswer> {
    try {
      return await this.#http.send(req, `Audioscrobbler ${step}`);
    } catch (err) {
      if (!(err instanceof NetworkFaultError)) throw err;
      throw new As12Error({
        step,
        kind: 'network',
        errorClass: err.fault.errorClass,
        message: err.fault.message,
        maybeProcessed: afterHandshake && err.fault.maybeProcessed,
        code: err.fault.code,
      });
    }
  }

  #httpError(step: As12Step, status: number): As12Error {
    const errorClass: ErrorClass = classifyHttpStatus(status);
    return new As12Error({
      step,
      kind: 'http-status',
      errorClass,
      message: `Audioscrobbler ${step} failed: HTTP ${status} from ${this.#host}`,
      httpStatus: status,
      maybeProcessed: step !== 'handshake' && status >= 500,
    });
  }

  #unreadableError(step: As12Step, status: number, maybeProcessed: boolean): As12Error {
    return new As12Error({
      step,
      kind: 'unreadable',
      errorClass: 'transient',
      message: `Audioscrobbler ${step} failed: ${this.#host} returned a reply Scrobbletray could not read (HTTP ${status})`,
      httpStatus: status,
      maybeProcessed,
    });
  }

  #failedError(step: As12Step, rawReason: string, secrets: readonly string[]): As12Error {
    const reason = cleanServerMessage(rawReason, secrets);
    const permanent = step === 'submission' && failedIsPermanent(reason);
    const said = reason === '' ? 'FAILED without a reason' : `"${reason}"`;
    return new As12Error({
      step,
      kind: 'failed',
      errorClass: permanent ? 'permanent' : 'transient',
      message: `Audioscrobbler ${step} failed: ${this.#host} said ${said}`,
      serverReason: reason,
    });
  }

  #bannedError(step: As12Step): As12Error {
    // Not `permanent`: that would fail the user's plays one by one, and they are not at
    // fault. `clientBlocked` makes the sender keep them all queued and stop sending; the
    // transient class is what any reader that does not know the flag falls back to.
    return new As12Error({
      step,
      kind: 'banned',
      errorClass: 'transient',
      message:
        `${this.#host} has blocked this version of Scrobbletray (it answered BANNED); your ` +
        'scrobbles are kept and will be sent after an update.',
    });
  }

  #badSessionAgain(step: As12Step): As12Error {
    return new As12Error({
      step,
      kind: 'bad-session',
      errorClass: 'transient',
      message: `Audioscrobbler ${step} failed: ${this.#host} refused a brand-new session (BADSESSION twice); trying again later.`,
    });
  }

  #invalid(step: As12Step, message: string): As12Error {
    return new As12Error({ step, kind: 'invalid-request', errorClass: 'permanent', message });
  }
}

function credentialSecrets(creds: As12Credentials): string[] {
  return creds.kind === 'password'
    ? [creds.passwordMd5]
    : [creds.apiSecret, creds.sessionKey, creds.apiKey];
}

function describeWait(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  return minutes <= 1 ? '1 minute' : `${minutes} minutes`;
}
