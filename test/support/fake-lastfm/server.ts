// The HTTP side of the fake: node:http on 127.0.0.1, port 0, routing /2.0/ to the API and
// /api/auth/ to the auth page, faults first. Nothing is logged, so no secret can leak.

import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { handleApiCall } from './api-methods.js';
import { handleAuthPage } from './auth-page.js';
import { FaultQueue, faultReply } from './faults.js';
import { BodyTooLargeError, formParams, readBody, sendReply, textReply } from './http-io.js';
import { renderApiResult } from './responses.js';
import { FakeLastfmState, resolveConfig } from './state.js';
import type { FakeLastfm, FakeLastfmOptions } from './types.js';

const API_PATHS = new Set(['/2.0/', '/2.0']);
const AUTH_PATHS = new Set(['/api/auth/', '/api/auth']);

export async function startFakeLastfm(opts: FakeLastfmOptions = {}): Promise<FakeLastfm> {
  const state = new FakeLastfmState(resolveConfig(opts), opts.users ?? { alice: 'alice-password' });
  const faults = new FaultQueue();
  const delayedReplies = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const limiter = opts.rateLimit ? new ArrivalWindow(opts.rateLimit) : null;
  let rateLimited = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const httpMethod = req.method ?? 'GET';
    // POST parameters are read from the body only. Stricter than Last.fm, which also reads the
    // query: a client that puts sk or api_sig in a URL (where logs keep it) fails the tests.
    const params =
      httpMethod === 'POST'
        ? formParams(req, await readBody(req))
        : Object.fromEntries(url.searchParams);
    const isApi = API_PATHS.has(url.pathname);
    state.requests.push({
      method: isApi ? (params.method ?? null) : null,
      httpMethod,
      at: state.nowMs(),
    });

    if (!isApi && !AUTH_PATHS.has(url.pathname)) return sendReply(res, textReply(404, 'Not found'));
    if (httpMethod !== 'GET' && httpMethod !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      return sendReply(res, textReply(405, 'Method not allowed'));
    }
    if (!isApi) return sendReply(res, handleAuthPage(state, httpMethod, params));

    const format = params.format === 'json' ? 'json' : 'xml';
    if (limiter && !limiter.admit(state.nowMs())) {
      rateLimited++;
      return sendReply(res, faultReply({ kind: 'error', code: 29 }, format));
    }
    const fault = faults.take(params.method ?? null);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault && fault.kind !== 'delay') return sendReply(res, faultReply(fault, format));

    const reply = renderApiResult(handleApiCall(state, httpMethod, params), format);
    if (fault?.kind !== 'delay') return sendReply(res, reply);
    // Processed now, answered later: close() clears the timer, and a client that gave up
    // (closing the socket) makes the late reply a no-op.
    const timer = setTimeout(() => {
      delayedReplies.delete(timer);
      sendReply(res, reply);
    }, fault.ms);
    delayedReplies.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      delayedReplies.delete(timer);
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof BodyTooLargeError) return sendReply(res, textReply(413, err.message));
      const message = err instanceof Error ? err.message : String(err);
      sendReply(res, textReply(500, `fake-lastfm internal error: ${message}`));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | null = null;
  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve, reject) => {
      for (const timer of delayedReplies) clearTimeout(timer);
      delayedReplies.clear();
      server.close((err) => (err ? reject(err) : resolve()));
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  }

  return {
    apiUrl: `${origin}/2.0/`,
    authUrl: `${origin}/api/auth/`,
    apiKey: state.config.apiKey,
    apiSecret: state.config.apiSecret,
    close,
    addUser: (name, password) => state.addUser(name, password),
    createSession: (user) => state.createSession(user),
    revokeSession: (key) => state.revokeSession(key),
    approveToken: (token, user) => state.approveToken(token, user),
    advanceClock: (ms) => state.advanceClock(ms),
    nowMs: () => state.nowMs(),
    injectFault: (fault, faultOpts) => faults.inject(fault, faultOpts),
    get rateLimited() {
      return rateLimited;
    },
    clearFaults: () => faults.clear(),
    get scrobbles() {
      return [...state.scrobbles];
    },
    get requests() {
      return [...state.requests];
    },
    nowPlaying: (user) => state.nowPlaying(user),
    loved: (user) => [...state.loved(user)],
  };
}

/** "At most N calls in any W ms" as a server counts them: by arrival, refused ones too. */
class ArrivalWindow {
  readonly #limit: number;
  readonly #perMs: number;
  #arrivals: number[] = [];
  #head = 0;

  constructor(opts: { requests: number; perMs: number }) {
    this.#limit = opts.requests;
    this.#perMs = opts.perMs;
  }

  /** Counts a call arriving at `nowMs`; false when it is one too many. */
  admit(nowMs: number): boolean {
    while (
      this.#head < this.#arrivals.length &&
      this.#arrivals[this.#head]! <= nowMs - this.#perMs
    ) {
      this.#head++;
    }
    if (this.#head > 1024) {
      this.#arrivals = this.#arrivals.slice(this.#head);
      this.#head = 0;
    }
    const inWindow = this.#arrivals.length - this.#head;
    this.#arrivals.push(nowMs);
    return inWindow < this.#limit;
  }
}
