// The RFC 8252 loopback redirect catcher for web sign-in. It listens on 127.0.0.1 on an
// ephemeral port only while a sign-in is pending, accepts exactly one callback carrying the
// right `state`, and holds the browser's request open until the caller has exchanged the
// token, so the tab shows the real outcome rather than a guess.
//
// Usage:
//   const pending = await startLoopback();
//   openBrowser(`${authUrl}?api_key=${key}&cb=${encodeURIComponent(pending.callbackUrl)}`);
//   const { token, respond } = await pending.result;      // rejects with LoopbackError
//   try {
//     const session = await getSession(token, { signal: pending.signal });
//     respond({ ok: true, user: session.name });
//   } catch (err) {
//     respond({ ok: false, message: 'Last.fm did not accept the sign-in. Please try again.' });
//   }
//
// Lifetime: the listening socket keeps the process alive while the sign-in is pending (a CLI
// `login` waits on it); the timers never do. The server closes, and its port refuses
// connections, as soon as the browser has been answered, on cancel() and on timeout.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { defaultPages } from './loopback-pages.js';
import type { LoopbackPages } from './loopback-pages.js';
import { checkCallbackRequest, REFUSALS } from './loopback-request.js';

export const DEFAULT_CALLBACK_PATH = '/callback';
export const DEFAULT_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_RESPONSE_TIMEOUT_MS = 30_000;

export interface LoopbackOptions {
  /** Callback path; default '/callback'. */
  path?: string;
  /** How long to wait for the browser to come back; default 5 minutes. */
  timeoutMs?: number;
  /** How long the browser waits for respond() before it gets a generic page; default 30 s. */
  responseTimeoutMs?: number;
  /** Port to listen on; default 0 (ephemeral). */
  port?: number;
  /** HTML overrides for the outcome pages (and the refusal pages, via failure()). */
  render?: LoopbackPages;
  /** The shape of the service's redirect, for protocols other than Last.fm's web auth. */
  callback?: CallbackShape;
}

/** Defaults fit Last.fm: `callbackUrl?state=S`, and the browser returns with `&token=T`. */
export interface CallbackShape {
  /** Put `?state=` into callbackUrl (default true). False for OAuth 2, whose redirect_uri must
   * be matched exactly and whose provider appends the `state` sent with the authorize call. */
  stateInUrl?: boolean;
  /** Query parameter carrying the one-time token (default 'token'). */
  tokenParam?: string;
  /** Query parameter by which the service reports that the user did not approve (e.g. OAuth 2's
   * 'error'). Such a callback, with the right state, ends the sign-in at once: `result` rejects
   * with a LoopbackError of reason 'denied' whose `code` is the parameter's value. */
  errorParam?: string;
}

/** What the caller tells the browser once it has exchanged the token. */
export type LoopbackOutcome = { ok: true; user?: string } | { ok: false; message: string };

export interface LoopbackCallback {
  /** The token from the service's redirect (single use; exchange it with auth.getSession). */
  token: string;
  /** The full callback URL as received. */
  url: URL;
  /**
   * Answer the waiting browser tab and close the server. Call it exactly once after the
   * exchange; later calls, and calls after cancel() or the response timeout, do nothing.
   * A failure message is shown to the user as plain text: never put a secret in it.
   */
  respond(outcome: LoopbackOutcome): void;
}

export type LoopbackFailureReason =
  'timeout' | 'cancelled' | 'replaced' | 'server-error' | 'denied';

export class LoopbackError extends Error {
  override readonly name = 'LoopbackError';
  readonly reason: LoopbackFailureReason;
  /** For 'denied': the service's error code (a plain word, or 'unknown'). */
  readonly code: string | undefined;

  constructor(
    reason: LoopbackFailureReason,
    message: string,
    options?: ErrorOptions & { code?: string },
  ) {
    super(message, options);
    this.reason = reason;
    this.code = options?.code;
  }
}

export interface PendingLoopback {
  /** Give this to the service as the callback: http://127.0.0.1:PORT/callback?state=... */
  readonly callbackUrl: string;
  readonly state: string;
  readonly port: number;
  /**
   * Resolves with the first valid callback; rejects with LoopbackError on timeout, cancel,
   * replacement or a server failure. Safe to leave unobserved: a rejection nobody awaits
   * does not crash the process.
   */
  readonly result: Promise<LoopbackCallback>;
  /** Aborted (with the LoopbackError as reason) when the sign-in is cancelled, replaced or
   * times out, including while the caller is exchanging the token: pass it to that request. */
  readonly signal: AbortSignal;
  /** Resolves once the server has closed and every connection to it has ended. */
  readonly closed: Promise<void>;
  /** Stop waiting. If a browser tab is waiting for the outcome it is told the sign-in stopped. */
  cancel(reason?: 'cancelled' | 'replaced'): void;
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // One request per connection: nothing keeps a socket open after the sign-in.
  Connection: 'close',
};

// After the final answer, other connections (a request racing the winner, a browser's
// speculative pre-connect) get this long to finish before they are cut. They no longer keep
// the process alive meanwhile; the one carrying the final answer does, until it is sent.
const CLOSE_GRACE_MS = 1_000;

const FAILURE_TEXT: Readonly<Record<LoopbackFailureReason, string>> = {
  timeout: 'The sign-in took too long and was stopped.',
  cancelled: 'The sign-in was cancelled in Scrobbletray.',
  replaced: 'A newer sign-in was started in Scrobbletray; use the newest browser tab.',
  'server-error': 'Scrobbletray could not finish the sign-in.',
  denied: REFUSALS.denied,
};

const NO_ANSWER_TEXT =
  'Scrobbletray did not confirm the sign-in in time. Check the Scrobbletray window to see whether you are signed in.';

function sendPage(
  res: ServerResponse,
  status: number,
  html: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extra,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
  });
  res.end(html);
}

function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Length': 0 });
  res.end();
}

function checkPath(path: string): void {
  if (!/^\/[A-Za-z0-9._~/-]*$/.test(path)) {
    throw new TypeError(`Invalid loopback callback path ${JSON.stringify(path)}`);
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => {
      reject(
        new LoopbackError('server-error', `Could not open the local sign-in port: ${err.message}`, {
          cause: err,
        }),
      );
    };
    server.once('error', onError);
    // Loopback only (RFC 8252 §8.3): nothing on the network can reach the callback.
    server.listen({ host: '127.0.0.1', port }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startLoopback(opts: LoopbackOptions = {}): Promise<PendingLoopback> {
  const path = opts.path ?? DEFAULT_CALLBACK_PATH;
  checkPath(path);
  const server = createServer();
  const port = await listen(server, opts.port ?? 0);
  return new LoopbackSession(server, port, path, opts);
}

// waiting: for the browser; exchanging: result resolved, the caller is exchanging the token;
// done: the caller responded, or the sign-in was cancelled, replaced or timed out.
type Phase = 'waiting' | 'exchanging' | 'done';

class LoopbackSession implements PendingLoopback {
  readonly callbackUrl: string;
  readonly state = randomBytes(32).toString('base64url');
  readonly port: number;
  readonly result: Promise<LoopbackCallback>;
  readonly signal: AbortSignal;
  readonly closed: Promise<void>;

  readonly #server: Server;
  readonly #path: string;
  readonly #shape: CallbackShape;
  readonly #pages: LoopbackPages;
  readonly #responseTimeoutMs: number;
  readonly #abort = new AbortController();
  readonly #waitTimer: NodeJS.Timeout;
  readonly #sockets = new Set<Socket>();
  #phase: Phase = 'waiting';
  #held: { res: ServerResponse; timer: NodeJS.Timeout } | null = null;
  #shuttingDown = false;
  #resolve!: (callback: LoopbackCallback) => void;
  #reject!: (err: LoopbackError) => void;
  #resolveClosed!: () => void;

  constructor(server: Server, port: number, path: string, opts: LoopbackOptions) {
    this.#server = server;
    this.port = port;
    this.#path = path;
    this.#shape = opts.callback ?? {};
    this.#pages = opts.render ?? defaultPages;
    this.#responseTimeoutMs = opts.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS;
    const query = this.#shape.stateInUrl === false ? '' : `?state=${this.state}`;
    this.callbackUrl = `http://127.0.0.1:${port}${path}${query}`;
    this.signal = this.#abort.signal;
    this.result = new Promise<LoopbackCallback>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // Mark as handled so an unobserved rejection (e.g. replaced before anyone awaited)
    // cannot crash the process; callers awaiting `result` still see it.
    this.result.catch(() => undefined);
    this.closed = new Promise((resolve) => {
      this.#resolveClosed = resolve;
    });

    // Tracked so that closing also ends connections Node does not count as idle, such as a
    // browser's speculative pre-connect that never sends a request.
    server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
    server.on('request', (req, res) => this.#onRequest(req, res));
    server.on('error', (err) => {
      this.#stop(
        new LoopbackError('server-error', `The local sign-in server failed: ${err.message}`, {
          cause: err,
        }),
      );
    });

    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#waitTimer = setTimeout(() => {
      const minutes = Math.max(1, Math.round(timeoutMs / 60_000));
      this.#stop(
        new LoopbackError(
          'timeout',
          `Sign-in timed out: the browser did not return to Scrobbletray within ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        ),
      );
    }, timeoutMs);
    this.#waitTimer.unref();
  }

  cancel(reason: 'cancelled' | 'replaced' = 'cancelled'): void {
    const message =
      reason === 'replaced' ? 'Sign-in was replaced by a newer one.' : 'Sign-in was cancelled.';
    this.#stop(new LoopbackError(reason, message));
  }

  /** Ends the sign-in unsuccessfully, whatever phase it is in. */
  #stop(err: LoopbackError): void {
    if (this.#phase === 'done') return;
    const wasWaiting = this.#phase === 'waiting';
    this.#phase = 'done';
    this.#abort.abort(err);
    if (wasWaiting) {
      clearTimeout(this.#waitTimer);
      this.#reject(err);
      this.#shutdown();
    } else {
      // `result` already resolved; if the tab is still waiting, tell it what happened.
      this.#answerBrowser(503, this.#pages.failure(FAILURE_TEXT[err.reason]));
    }
  }

  #onRequest(req: IncomingMessage, res: ServerResponse): void {
    const verdict = checkCallbackRequest(
      { method: req.method, target: req.url, host: req.headers.host },
      {
        port: this.port,
        path: this.#path,
        state: this.state,
        tokenParam: this.#shape.tokenParam,
        errorParam: this.#shape.errorParam,
      },
    );
    if (verdict.kind === 'refuse') {
      if (verdict.quiet) return sendEmpty(res, verdict.status);
      const extra: Record<string, string> = verdict.allow ? { Allow: verdict.allow } : {};
      return sendPage(res, verdict.status, this.#pages.failure(verdict.message), extra);
    }
    if (this.#phase !== 'waiting') {
      return sendPage(res, 410, this.#pages.failure(REFUSALS.used));
    }
    if (verdict.kind === 'denied') {
      // Not approved: the single use is spent and the sign-in ends now, not at the timeout.
      this.#phase = 'done';
      clearTimeout(this.#waitTimer);
      const err = new LoopbackError('denied', REFUSALS.denied, { code: verdict.code });
      this.#abort.abort(err);
      this.#reject(err);
      sendPage(res, 403, this.#pages.failure(REFUSALS.denied));
      this.#shutdown(res.socket);
      return;
    }

    // The single use is spent here, synchronously: a concurrent second callback sees 410.
    this.#phase = 'exchanging';
    clearTimeout(this.#waitTimer);
    const timer = setTimeout(
      () => this.#answerBrowser(504, this.#pages.failure(NO_ANSWER_TEXT)),
      this.#responseTimeoutMs,
    );
    timer.unref();
    this.#held = { res, timer };
    // The tab was closed before it got an answer: nobody left to serve, so close now. The
    // exchange itself goes on; respond() will simply have no one to tell.
    res.once('close', () => {
      if (this.#held?.res === res) {
        clearTimeout(timer);
        this.#held = null;
        this.#shutdown();
      }
    });
    this.#resolve({
      token: verdict.token,
      url: verdict.url,
      respond: (outcome) => this.#respond(outcome),
    });
  }

  #respond(outcome: LoopbackOutcome): void {
    if (this.#phase !== 'exchanging') return;
    this.#phase = 'done';
    if (outcome.ok) this.#answerBrowser(200, this.#pages.success(outcome.user));
    else this.#answerBrowser(500, this.#pages.failure(outcome.message));
  }

  /** Sends the final page to the waiting tab, if it is still there, then closes the server. */
  #answerBrowser(status: number, html: string): void {
    const held = this.#held;
    this.#held = null;
    if (held) {
      clearTimeout(held.timer);
      sendPage(held.res, status, html);
    }
    this.#shutdown(held?.res.socket ?? null);
  }

  /** Stops listening, then lets the remaining connections finish, briefly. */
  #shutdown(finishing: Socket | null = null): void {
    if (this.#shuttingDown) return;
    this.#shuttingDown = true;
    // close() stops listening at once: from here the port refuses connections.
    this.#server.close(() => this.#resolveClosed());
    for (const socket of this.#sockets) if (socket !== finishing) socket.unref();
    const force = setTimeout(() => {
      for (const socket of this.#sockets) socket.destroy();
    }, CLOSE_GRACE_MS);
    force.unref();
    void this.closed.then(() => clearTimeout(force));
  }
}
