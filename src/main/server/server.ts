import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core.js';
import { createAccessToken, isAuthorized, TOKEN_FRAGMENT_KEY } from './access-token.js';
import { API_CALL_PREFIX, handleApiCall } from './api-call.js';
import { EventStreams } from './event-stream.js';
import {
  sendApiError,
  sendMethodNotAllowed,
  sendText,
  setSecurityHeaders,
} from './http-responses.js';
import { checkRequestSource } from './request-guard.js';
import { findRendererDir, serveStatic } from './static-files.js';

// Headless mode: the core's contract over HTTP on 127.0.0.1, plus the window's files, for
// machines without Electron. Order of checks on every request: Host and Origin (421/403),
// then the method (no CORS, so OPTIONS is 405), then, for the API, the access token (401).
// The window's files are the public build and need no token: a browser cannot attach a
// header to a page or script load, and the token must not be an ambient cookie
// (access-token.ts says why).

export interface ServerOptions {
  core: Core;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** An IPv4 loopback address (127.x.x.x); 127.0.0.1 by default. Nothing else is allowed. */
  host?: string;
  /** Where the window's files are; dist/renderer of this package by default. */
  staticDir?: string;
  /** The access token; a fresh random one by default (tests may fix it). */
  token?: string;
}

export interface RunningServer {
  /** The address to open, token in the fragment: `http://127.0.0.1:PORT/#token=…`. */
  url: string;
  port: number;
  token: string;
  /** Ends event streams and stops the server; in-flight calls get a moment to finish. */
  close(): Promise<void>;
}

const EVENTS_PATH = '/api/events';
/** How long close() lets in-flight API calls (a flush, say) finish before cutting them. */
const CLOSE_GRACE_MS = 5_000;

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  // Never reachable from the network: only this machine may talk to the core.
  if (!/^127(\.\d{1,3}){3}$/.test(host)) {
    throw new RangeError(`The headless server listens on loopback only, not on "${host}".`);
  }
  const token = opts.token ?? createAccessToken();
  const staticDir = opts.staticDir ?? findRendererDir();
  const streams = new EventStreams(opts.core);
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug, not a caller's mistake; the message is ours, never a stack.
      const message = error instanceof Error ? error.message : String(error);
      if (res.headersSent) res.destroy();
      else sendText(res, 500, `Internal error: ${message}\n`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    const refused = checkRequestSource(req, port, host);
    if (refused) {
      sendText(res, refused.status, `${refused.message}\n`);
      return;
    }
    const url = requestUrl(req.url);
    if (!url) {
      sendText(res, 400, 'Bad request target.\n');
      return;
    }
    const { pathname } = url;
    const method = req.method ?? 'GET';
    const isApi = pathname === '/api' || pathname.startsWith('/api/');

    if (isApi) {
      const wanted = pathname === EVENTS_PATH ? 'GET' : 'POST';
      if (method !== wanted) {
        sendMethodNotAllowed(res, wanted);
        return;
      }
      if (!isAuthorized(req, token)) {
        sendApiError(res, 401, 'Missing or wrong access token.');
        return;
      }
      if (pathname === EVENTS_PATH) streams.open(req, res);
      else if (pathname.startsWith(API_CALL_PREFIX))
        await handleApiCall(opts.core, req, res, pathname);
      else sendApiError(res, 404, 'No such endpoint.');
      return;
    }

    if (method !== 'GET' && method !== 'HEAD') {
      sendMethodNotAllowed(res, 'GET, HEAD');
      return;
    }
    await serveStatic(staticDir, req, res, pathname);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}/#${TOKEN_FRAGMENT_KEY}=${token}`,
    port,
    token,
    close: () => closeServer(server, streams),
  };
}

/** The request's path and query; only origin-form targets (`/path?query`) are accepted. */
function requestUrl(target: string | undefined): URL | null {
  if (!target?.startsWith('/')) return null;
  try {
    // Prefixing rather than resolving keeps `//host/path` a path, never another host.
    return new URL(`http://127.0.0.1${target}`);
  } catch {
    return null;
  }
}

async function closeServer(
  server: ReturnType<typeof createServer>,
  streams: EventStreams,
): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  streams.closeAll();
  server.closeIdleConnections();
  const grace = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
  try {
    await closed;
  } finally {
    clearTimeout(grace);
  }
}
