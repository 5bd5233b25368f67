// The fake Audioscrobbler 1.2 server on 127.0.0.1: GET / with hs=true is the handshake,
// POST /nowplaying/1.2/ and /submissions/1.2/ take the form posts. Everything else, and a
// handshake without hs and p, gets the human-readable page GNU FM shows there.

import type { IncomingMessage } from 'node:http';

import { readBody } from '../fake-lastfm/http-io.js';
import { startLoopback } from './loopback.js';
import type { HttpReply, Routed } from './loopback.js';
import { phpForm } from './php-form.js';
import { FakeAs12State } from './state.js';
import type { FakeAs12, FakeAs12Options } from './types.js';

const text = (body: string, status = 200): HttpReply => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});

const INFO_PAGE: HttpReply = {
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  // gnukebox's index.php prints a blank line before its page (checked on a real GNU FM).
  body: '\n<!DOCTYPE html>\n<html><head><title>GNUkebox</title></head><body><p>Scrobbles so far.</p></body></html>\n',
};

export async function startFakeAs12(opts: FakeAs12Options = {}): Promise<FakeAs12> {
  const state = new FakeAs12State(opts);
  let origin = '';

  async function route(req: IncomingMessage): Promise<Routed> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '/');
    if (method === 'GET' && path === '/') {
      const q = url.searchParams;
      // gnukebox/index.php: hs and a p starting with 1.2 go to the 1.2 handshake (which then
      // wants exactly 1.2 or 1.2.1); 1.1 to the old protocol's (UPTODATE...); any other p
      // gets an empty page (observed); no hs or p, the stats page.
      const p = q.get('p');
      const isHandshake = q.has('hs') && p !== null;
      const reply = (): HttpReply => {
        if (!isHandshake) return INFO_PAGE;
        if (p.startsWith('1.2')) return text(state.handshake(q, origin));
        if (p.startsWith('1.1'))
          return text(`UPTODATE\nnone\n${origin}/submissions/1.1/\nINTERVAL 1\n`);
        return text('');
      };
      return {
        route: isHandshake ? 'handshake' : null,
        process: reply,
        // A reply cut off after the first line: OK without a session id or URLs.
        malformed: () => text('OK\n'),
      };
    }
    if (path === '/nowplaying/1.2/' || path === '/submissions/1.2/') {
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
      const body = await readBody(req);
      // PHP fills $_POST only from a urlencoded (or multipart) POST body. gnukebox does not
      // look at the method: a GET is an empty form (FAILED Required POST parameters..., 200).
      const urlencoded = method === 'POST' && contentType === 'application/x-www-form-urlencoded';
      const form = phpForm(urlencoded ? body : '');
      const nowPlaying = path === '/nowplaying/1.2/';
      return {
        route: nowPlaying ? 'nowplaying' : 'submission',
        process: () => text(nowPlaying ? state.nowPlayingRequest(form) : state.submission(form)),
        // A PHP fatal error page instead of the protocol's reply.
        malformed: () =>
          text('<br />\n<b>Fatal error</b>:  Allowed memory size exhausted in <b>index.php</b>'),
      };
    }
    return {
      route: null,
      process: () => text('Not found\n', 404),
      malformed: () => text('Not found\n', 404),
    };
  }

  const loop = await startLoopback('fake-as12', route);
  origin = loop.origin;

  return {
    handshakeUrl: `${origin}/`,
    close: () => loop.close(),
    goDown: () => loop.goDown(),
    comeBack: () => loop.comeBack(),
    addUser: (name, password) => void state.users.set(name, password),
    createWebSession: (user) => state.createWebSession(user),
    dropSession: (id) => void state.sessions.delete(id),
    get sessions() {
      return [...state.sessions.keys()];
    },
    advanceClock: (ms) => state.advanceClock(ms),
    nowMs: () => state.nowMs(),
    injectFault: (fault, faultOpts) => loop.injectFault(fault, faultOpts),
    clearFaults: () => loop.clearFaults(),
    get scrobbles() {
      return [...state.scrobbles];
    },
    get dropped() {
      return [...state.dropped];
    },
    get handshakes() {
      return [...state.handshakes];
    },
    get actions() {
      return [...state.actions];
    },
    requestCount: (r) => loop.requests.filter((req) => req.route === r).length,
    nowPlaying: (user) => state.nowPlaying(user),
  };
}
