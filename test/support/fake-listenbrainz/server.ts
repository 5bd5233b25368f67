// The fake ListenBrainz on 127.0.0.1: /1/validate-token, /1/submit-listens and
// /1/user/{name}/listens, rate-limit headers on every answer.

import type { IncomingMessage } from 'node:http';

import { readBody } from '../fake-lastfm/http-io.js';
import { startLoopback } from '../fake-as12/loopback.js';
import type { HttpReply, Routed } from '../fake-as12/loopback.js';
import { FakeListenBrainzState, json } from './state.js';
import type { FakeListenBrainz, FakeListenBrainzOptions, ListenBrainzRoute } from './types.js';

const LISTENS_PATH = /^\/1\/user\/([^/]+)\/listens\/?$/;

export async function startFakeListenBrainz(
  opts: FakeListenBrainzOptions = {},
): Promise<FakeListenBrainz> {
  const state = new FakeListenBrainzState(opts);

  async function route(req: IncomingMessage): Promise<Routed> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const authHeader = req.headers['authorization'];
    const token = FakeListenBrainzState.tokenOf(authHeader);
    const body = method === 'POST' ? await readBody(req) : '';
    const limited = (reply: () => HttpReply) => (): HttpReply => {
      const { headers, over } = state.rateLimit(token ?? `ip:${req.socket.remoteAddress}`);
      const r = over
        ? json(429, { code: 429, error: 'Too Many Requests: you have exceeded the rate limit.' })
        : reply();
      return { ...r, headers: { ...r.headers, ...headers } };
    };
    const common = {
      malformed: (): HttpReply => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"status": "o',
      }),
      rateLimited: (resetInSec: number): HttpReply => ({
        ...json(429, { code: 429, error: 'Too Many Requests' }),
        headers: { 'content-type': 'application/json', ...state.limitHeaders(0, resetInSec) },
      }),
    };
    const routed = (r: ListenBrainzRoute, reply: () => HttpReply): Routed => ({
      route: r,
      process: limited(reply),
      ...common,
    });
    const path = url.pathname;
    if (method === 'GET' && /^\/1\/validate-token\/?$/.test(path)) {
      return routed('validate-token', () =>
        state.validateToken(token ?? url.searchParams.get('token')),
      );
    }
    if (method === 'POST' && /^\/1\/submit-listens\/?$/.test(path)) {
      return routed('submit', () => state.submit(token, body, authHeader !== undefined));
    }
    const m = LISTENS_PATH.exec(path);
    if (method === 'GET' && m) {
      return routed('listens', () =>
        state.listensOf(decodeURIComponent(m[1] ?? ''), url.searchParams),
      );
    }
    return { route: null, process: () => json(404, { code: 404, error: 'Not found' }), ...common };
  }

  const loop = await startLoopback('fake-listenbrainz', route);
  return {
    apiUrl: `${loop.origin}/`,
    close: () => loop.close(),
    goDown: () => loop.goDown(),
    comeBack: () => loop.comeBack(),
    addToken: (t, u) => void state.tokens.set(t, u),
    revokeToken: (t) => void state.tokens.delete(t),
    advanceClock: (ms) => state.advanceClock(ms),
    nowMs: () => state.nowMs(),
    injectFault: (f, o) => loop.injectFault(f, o),
    clearFaults: () => loop.clearFaults(),
    get listens() {
      return [...state.listens];
    },
    get submits() {
      return [...state.submits];
    },
    playingNow: (u) => state.playingNow(u),
    requestCount: (r) => loop.requests.filter((q) => q.route === r).length,
    get rateLimited() {
      return state.rateLimited;
    },
  };
}
