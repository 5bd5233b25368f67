// Raw HTTP to the headless server (src/main/server), with full control of the headers a
// browser would send or never let a page set (Host, Origin, Cookie), and an SSE reader.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { CoreEvent } from '../../src/shared/core-events.js';

export interface HeadlessResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON (throws when it is not). */
  json<T = Record<string, unknown>>(): T;
}

export interface HeadlessRequest {
  method?: string;
  path?: string;
  /** Sent as they are; `host` here overrides the Host header. */
  headers?: Record<string, string>;
  body?: string;
}

export function headlessRequest(
  port: number,
  opts: HeadlessRequest = {},
): Promise<HeadlessResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: opts.path ?? '/',
        method: opts.method ?? 'GET',
        headers: opts.headers ?? {},
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: <T>() => JSON.parse(body) as T,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** POST /api/call/<method> with a JSON body, as the window does (bearer token by default). */
export function apiCall(
  port: number,
  method: string,
  input: unknown,
  headers: Record<string, string>,
): Promise<HeadlessResponse> {
  return headlessRequest(port, {
    method: 'POST',
    path: `/api/call/${method}`,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export interface EventReader {
  status: number;
  headers: IncomingHttpHeaders;
  events: CoreEvent[];
  /** Resolves with the first event (seen so far or later) that matches. */
  next(match: (e: CoreEvent) => boolean, what: string, timeoutMs?: number): Promise<CoreEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** GET /api/events, parsing each `data:` line as a core event. */
export function readEvents(port: number, headers: Record<string, string>): Promise<EventReader> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: '/api/events', method: 'GET', headers },
      (res) => {
        const events: CoreEvent[] = [];
        const waiters = new Set<() => void>();
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of block.split('\n')) {
              if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as CoreEvent);
            }
          }
          waiters.forEach((w) => w());
        });
        const ended = new Promise<void>((done) => {
          res.on('end', done);
          res.on('close', done);
        });
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          events,
          ended,
          next(match, what, timeoutMs = 10_000) {
            return new Promise((found, fail) => {
              const check = () => {
                const event = events.find(match);
                if (!event) return;
                waiters.delete(check);
                clearTimeout(timer);
                found(event);
              };
              const timer = setTimeout(() => {
                waiters.delete(check);
                fail(new Error(`no ${what} event; got ${JSON.stringify(events)}`));
              }, timeoutMs);
              waiters.add(check);
              check();
            });
          },
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
