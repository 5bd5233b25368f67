import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core.js';
import type { CoreEvent } from '../../shared/core-events.js';

// GET /api/events: core events as Server-Sent Events, one `data: <json>` per event.
// SSE rather than WebSocket: it needs no dependency (plain HTTP on both ends, EventSource in
// the browser), our events flow one way only (calls go through POST /api/call), and the
// browser reconnects by itself. It also passes through the same Host, Origin and token
// checks as every other request, with no upgrade handshake to secure separately.

/** A comment line now and then keeps idle connections (and proxies, if any) from timing out. */
export const PING_INTERVAL_MS = 25_000;

export class EventStreams {
  readonly #core: Core;
  readonly #open = new Set<() => void>();

  constructor(core: Core) {
    this.#core = core;
  }

  open(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    // Tell the browser how soon to reconnect, and send the headers now.
    res.write('retry: 2000\n: connected\n\n');
    const unsubscribe = this.#core.events.on((event: CoreEvent) => {
      // JSON.stringify never emits a raw newline, so one event is always one data line.
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), PING_INTERVAL_MS);
    const close = () => {
      if (!this.#open.delete(close)) return;
      clearInterval(ping);
      unsubscribe();
      res.end();
    };
    this.#open.add(close);
    req.on('close', close);
    res.on('close', close);
  }

  /** End every stream (on shutdown). */
  closeAll(): void {
    for (const close of [...this.#open]) close();
  }

  get size(): number {
    return this.#open.size;
  }
}
