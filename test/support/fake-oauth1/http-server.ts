// The HTTP shell every fake OAuth/SoundCloud/oEmbed server here uses: node:http on
// 127.0.0.1:0, the body read once, the handler's reply sent, every request recorded (method,
// path, headers) so tests can prove what the app did and did not send.
import { createServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readBody, sendReply, textReply } from '../fake-lastfm/http-io.js';
import type { HttpReply } from '../fake-lastfm/responses.js';

export type { HttpReply };

export interface FakeRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
  /** Form fields when the body is application/x-www-form-urlencoded, in order. */
  form: [string, string][];
}

export type FakeHandler = (req: FakeRequest) => HttpReply | null | Promise<HttpReply | null>;

export interface RunningServer {
  origin: string;
  /** Every request in arrival order. */
  readonly requests: FakeRequest[];
  close(): Promise<void>;
}

export async function startHttp(handler: FakeHandler): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  const requests: FakeRequest[] = [];
  let origin = '';
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      const form =
        type === 'application/x-www-form-urlencoded' ? [...new URLSearchParams(body)] : [];
      // The URL as the client addressed it (Host header): what an OAuth 1.0a signature covers.
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? origin.slice(7)}`);
      const fake: FakeRequest = {
        method: req.method ?? 'GET',
        url,
        headers: req.headers,
        body,
        form,
      };
      requests.push(fake);
      const reply = (await handler(fake)) ?? textReply(404, 'Not found');
      sendReply(res, reply);
    })().catch((err: unknown) => {
      sendReply(
        res,
        textReply(500, `fake server error: ${err instanceof Error ? err.message : String(err)}`),
      );
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | null = null;
  return {
    origin,
    requests,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

export function formReply(status: number, fields: Record<string, string>): HttpReply {
  return {
    status,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  };
}

export function jsonBody(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): HttpReply {
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
    body: JSON.stringify(value),
  };
}

export function redirect(location: string): HttpReply {
  return { status: 302, headers: { location }, body: '' };
}
