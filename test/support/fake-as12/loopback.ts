// The HTTP side shared by the fake Audioscrobbler 1.2 and fake ListenBrainz servers: node:http
// on 127.0.0.1, port 0, with the injectable faults both need. A fault is taken per request
// (route-matched) before the handler runs, so a test says exactly which request fails and
// whether the server acted on it:
//   status / malformed / reply / rate-limit  answer instead of the server: nothing is stored
//   reset                                    socket destroyed before processing: nothing stored
//   hang                                     never answered, never processed
//   delay                                    processed at once, answered late (a lost answer)
//   reset-after                              processed, then the socket is destroyed
// goDown() closes the port (connections refused) and comeBack() listens on the same port
// again: the server going away and returning under a client's feet. Nothing is logged.

import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { BodyTooLargeError, sendReply, textReply } from '../fake-lastfm/http-io.js';
import type { HttpReply } from '../fake-lastfm/responses.js';

export type { HttpReply };

export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'reset' }
  | { kind: 'reset-after' }
  | { kind: 'hang' }
  | { kind: 'delay'; ms: number }
  | { kind: 'malformed' }
  /** A literal body with HTTP 200, e.g. `BANNED\n` or `FAILED Database down\n` (1.2). */
  | { kind: 'reply'; body: string }
  /** 429 with rate-limit headers saying the window resets in `resetInSec` (ListenBrainz). */
  | { kind: 'rate-limit'; resetInSec: number };

export interface FaultOptions {
  /** Only requests to this route (each fake names its routes) match; default any route. */
  route?: string;
  /** How many matching requests get the fault. Default 1. */
  times?: number;
}

interface PendingFault {
  fault: Fault;
  route: string | null;
  remaining: number;
}

export class FaultQueue {
  #pending: PendingFault[] = [];

  inject(fault: Fault, opts: FaultOptions = {}): void {
    const times = opts.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error('fake: times must be >= 1');
    this.#pending.push({ fault, route: opts.route ?? null, remaining: times });
  }

  clear(): void {
    this.#pending = [];
  }

  /** The first fault for this route, consuming one of its uses. */
  take(route: string): Fault | undefined {
    const entry = this.#pending.find((p) => p.route === null || p.route === route);
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining === 0) this.#pending = this.#pending.filter((p) => p !== entry);
    return entry.fault;
  }
}

export interface Routed {
  /** Route name for fault matching, or null for a request no fault applies to (404s). */
  route: string | null;
  /** Does the work (stores what it must) and returns the reply. */
  process: () => HttpReply | Promise<HttpReply>;
  /** The reply that stands in for the server under a `malformed` fault. */
  malformed: () => HttpReply;
  /** The reply under a `rate-limit` fault. */
  rateLimited?: (resetInSec: number) => HttpReply;
}

export interface LoopbackRequest {
  /** The route name, or null for a request no route matched. */
  route: string | null;
  method: string;
  path: string;
}

export interface Loopback {
  readonly origin: string;
  /** Every request that arrived, faulted or not, in arrival order. */
  readonly requests: LoopbackRequest[];
  readonly port: number;
  close(): Promise<void>;
  goDown(): Promise<void>;
  comeBack(): Promise<void>;
  injectFault(fault: Fault, opts?: FaultOptions): void;
  clearFaults(): void;
}

export async function startLoopback(
  name: string,
  route: (req: IncomingMessage) => Promise<Routed>,
): Promise<Loopback> {
  const faults = new FaultQueue();
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const requests: LoopbackRequest[] = [];

  function later(res: ServerResponse, ms: number, reply: HttpReply): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      sendReply(res, reply);
    }, ms);
    timers.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const routed = await route(req);
    requests.push({
      route: routed.route,
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', 'http://127.0.0.1').pathname,
    });
    const fault = routed.route === null ? undefined : faults.take(routed.route);
    switch (fault?.kind) {
      case undefined:
        return sendReply(res, await routed.process());
      case 'reset':
        req.socket.destroy();
        return;
      case 'hang':
        return; // The socket stays open until the client gives up or close() runs.
      case 'reset-after':
        await routed.process();
        req.socket.destroy();
        return;
      case 'delay':
        return later(res, fault.ms, await routed.process());
      case 'malformed':
        return sendReply(res, routed.malformed());
      case 'reply':
        return sendReply(res, {
          status: 200,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: fault.body,
        });
      case 'rate-limit':
        return sendReply(
          res,
          routed.rateLimited?.(fault.resetInSec) ?? textReply(429, 'Too Many Requests'),
        );
      case 'status':
        return sendReply(res, {
          status: fault.status,
          headers: { 'content-type': 'text/html; charset=utf-8', ...fault.headers },
          body: fault.body ?? `<html><body><h1>${fault.status} Error</h1></body></html>\n`,
        });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof BodyTooLargeError) return sendReply(res, textReply(413, err.message));
      const message = err instanceof Error ? err.message : String(err);
      sendReply(res, textReply(500, `${name} internal error: ${message}`));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve, reject) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      if (!server.listening) {
        for (const socket of sockets) socket.destroy();
        return resolve();
      }
      server.close((err) => (err ? reject(err) : resolve()));
      for (const socket of sockets) socket.destroy();
    });

  await listen(0);
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () => (closing ??= stop()),
    goDown: stop,
    comeBack: () => listen(port),
    injectFault: (fault, opts) => faults.inject(fault, opts),
    clearFaults: () => faults.clear(),
  };
}
