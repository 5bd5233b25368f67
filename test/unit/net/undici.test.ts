import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as undici from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from '../../../src/main/net/undici.js';

// src/main/net/undici.ts loads undici's request() and Agent without undici's index (a faster
// CLI start). These tests hold it to the index's own request(): same requests on the wire,
// same answers, same errors, against a real HTTP server on 127.0.0.1.

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.setHeader('retry-after', '7');
      res.statusCode = req.url?.startsWith('/missing') ? 404 : 200;
      res.end(`answer to ${req.method} ${req.url}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** One call through both request() functions; what the server saw and what came back. */
async function both(url: string, options: Parameters<typeof request>[1]) {
  const answers = [];
  for (const call of [request, undici.request]) {
    seen.length = 0;
    const res = await call(url, options);
    answers.push({
      status: res.statusCode,
      retryAfter: res.headers['retry-after'],
      text: await res.body.text(),
      seen: seen.map(({ method, url, body, headers }) => ({
        method,
        url,
        body,
        type: headers['content-type'],
        agent: headers['user-agent'],
      })),
    });
  }
  return answers;
}

describe('undici request() without the index', () => {
  it('sends a GET with a query string as the index does', async () => {
    const [ours, theirs] = await both(`${base}/2.0/?method=track.scrobble&format=json`, {
      method: 'GET',
      headers: { 'user-agent': 'Scrobbletray/test' },
    });
    expect(ours).toEqual(theirs);
    expect(ours?.seen[0]?.url).toBe('/2.0/?method=track.scrobble&format=json');
    expect(ours?.text).toBe('answer to GET /2.0/?method=track.scrobble&format=json');
  });

  it('sends a form POST through our own Agent, and reports status and headers', async () => {
    const agent = new Agent({ connectTimeout: 1000, headersTimeout: 1000, bodyTimeout: 1000 });
    try {
      const [ours, theirs] = await both(`${base}/missing`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: 'artist=A&track=T',
        dispatcher: agent,
      });
      expect(ours).toEqual(theirs);
      expect(ours).toMatchObject({ status: 404, retryAfter: '7' });
      expect(ours?.seen[0]).toMatchObject({ method: 'POST', body: 'artist=A&track=T' });
    } finally {
      await agent.destroy();
    }
  });

  it('refuses a URL that is not http(s) with the same error', () => {
    const ours = captureThrow(() => request('ftp://127.0.0.1/x'));
    const theirs = captureThrow(() => undici.request('ftp://127.0.0.1/x'));
    expect(ours).toBeInstanceOf(undici.errors.InvalidArgumentError);
    expect(ours?.message).toBe(theirs?.message);
  });

  it('fails to connect to a closed port with the same error code', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise((resolve) => closed.close(resolve));
    const codes = [];
    for (const call of [request, undici.request]) {
      const err = await call(url).then(
        () => undefined,
        (e: unknown) => e as { code?: string },
      );
      codes.push(err?.code);
    }
    expect(codes).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
  });
});

function captureThrow(run: () => unknown): Error | undefined {
  try {
    run();
  } catch (err) {
    return err as Error;
  }
  return undefined;
}
