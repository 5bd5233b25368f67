// The Last.fm client's HTTP layer against a bare node:http server on 127.0.0.1 (not the fake
// Last.fm): how each kind of failure is classified, and that no failure leaks a credential.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LastfmClient } from '../../src/main/lastfm/client.js';
import { LastfmError } from '../../src/main/lastfm/errors.js';
import { signLastfmParams } from '../../src/main/lastfm/signature.js';

const API_KEY = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4';
const SECRET = 'f0e1d2c3b4a5f0e1d2c3b4a5f0e1d2c3';
const SK = 'd580d57f32848f5dcf574d1ce18d78b2';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void;

let server: Server;
let apiUrl: string;
let handler: Handler;
const seen: Seen[] = [];
const clients: LastfmClient[] = [];

function client(opts: { responseTimeoutMs?: number } = {}): LastfmClient {
  const c = new LastfmClient({
    apiUrl,
    apiKey: API_KEY,
    apiSecret: SECRET,
    userAgent: 'Scrobbletray/9.9.9',
    ...opts,
  });
  clients.push(c);
  return c;
}

function json(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function failure(p: Promise<unknown>): Promise<LastfmError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(LastfmError);
    return err as LastfmError;
  }
  throw new Error('expected the call to fail');
}

/** Every way an error gets shown or logged must be free of credentials. */
function expectNoSecrets(err: LastfmError): void {
  for (const view of [err.message, String(err.stack), JSON.stringify(err), inspect(err)]) {
    expect(view).not.toContain(SK);
    expect(view).not.toContain(SECRET);
  }
}

const track = { artist: 'Sigur Rós', track: 'Hoppípolla', timestamp: 1_700_000_000 };

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(s);
      handler(req, res, s);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/2.0/`;
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  seen.length = 0;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('requests', () => {
  it('sends a write as a signed UTF-8 form POST with format=json and the User-Agent', async () => {
    handler = (_req, res) =>
      json(res, 200, {
        scrobbles: {
          scrobble: {
            artist: { corrected: '0', '#text': 'Sigur Rós' },
            track: { corrected: '0', '#text': 'Hoppípolla' },
            ignoredMessage: { code: '0', '#text': '' },
          },
          '@attr': { accepted: 1, ignored: 0 },
        },
      });
    const result = await client().scrobble(SK, [track]);
    expect(result.accepted).toBe(1);

    const req = seen[0];
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/2.0/');
    expect(req?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(req?.headers['user-agent']).toBe('Scrobbletray/9.9.9');
    const form = Object.fromEntries(new URLSearchParams(req?.body));
    expect(form).toMatchObject({
      method: 'track.scrobble',
      format: 'json',
      api_key: API_KEY,
      sk: SK,
      'artist[0]': 'Sigur Rós',
      'track[0]': 'Hoppípolla',
    });
    const { api_sig: sig, ...rest } = form;
    expect(sig).toBe(signLastfmParams(rest, SECRET));
  });

  it('sends an unsigned read as a GET with the api_key only', async () => {
    handler = (_req, res) => json(res, 200, { user: { name: 'rj', playcount: '3' } });
    const info = await client().getUserInfo({ user: 'rj' });
    expect(info).toMatchObject({ name: 'rj', playcount: 3 });
    const url = new URL(seen[0]?.url ?? '', apiUrl);
    expect(seen[0]?.method).toBe('GET');
    expect(url.pathname).toBe('/2.0/');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      user: 'rj',
      api_key: API_KEY,
      method: 'user.getInfo',
      format: 'json',
    });
  });
});

describe('failures', () => {
  it('a server that never answers is a transient timeout', async () => {
    handler = () => {
      /* never respond */
    };
    const err = await failure(client({ responseTimeoutMs: 300 }).getUserInfo({ sessionKey: SK }));
    expect(err.errorClass).toBe('transient');
    expect(err.message).toContain('did not answer');
    expectNoSecrets(err);
  });

  it('a reset connection is transient', async () => {
    handler = (req) => req.socket.destroy();
    const err = await failure(client().getSession('sometoken'));
    expect(err.errorClass).toBe('transient');
    expect(err.message).toBe('auth.getSession failed: connection reset by the server');
    expectNoSecrets(err);
  });

  it('a refused connection is transient', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const c = new LastfmClient({
      apiUrl: `http://127.0.0.1:${port}/2.0/`,
      apiKey: API_KEY,
      apiSecret: SECRET,
    });
    clients.push(c);
    const err = await failure(c.scrobble(SK, [track]));
    expect(err.errorClass).toBe('transient');
    expectNoSecrets(err);
  });

  it('429 with Retry-After is rate-limited and says how long to wait', async () => {
    handler = (_req, res) => {
      res.writeHead(429, { 'retry-after': '120' });
      res.end('Too Many Requests');
    };
    const err = await failure(client().scrobble(SK, [track]));
    expect(err.errorClass).toBe('rate-limited');
    expect(err.retryAfterMs).toBe(120_000);
    expect(err.httpStatus).toBe(429);
  });

  it('error 29 sent with 429 and a Retry-After date is rate-limited', async () => {
    const at = new Date(Date.now() + 3_600_000).toUTCString();
    handler = (_req, res) =>
      json(res, 429, { error: 29, message: 'Rate limit exceeded' }, { 'retry-after': at });
    const err = await failure(client().scrobble(SK, [track]));
    expect(err.errorClass).toBe('rate-limited');
    expect(err.code).toBe(29);
    expect(err.retryAfterMs).toBeGreaterThan(3_000_000);
    expect(err.message).toBe('track.scrobble failed: Rate limit exceeded (Last.fm error 29)');
  });

  it('503 is transient', async () => {
    handler = (_req, res) => {
      res.writeHead(503);
      res.end('<html>down</html>');
    };
    const err = await failure(client().getUserInfo({ user: 'rj' }));
    expect(err.errorClass).toBe('transient');
    expect(err.message).toBe(`user.getInfo failed: HTTP 503 from ${new URL(apiUrl).host}`);
  });

  it('malformed JSON with 200 is transient', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"scrobbles": {"scrobble": [');
    };
    const err = await failure(client().scrobble(SK, [track]));
    expect(err.errorClass).toBe('transient');
    expect(err.message).toContain('could not read');
  });

  it('error 9 on a session call means sign in again, even from a server that echoes secrets', async () => {
    handler = (_req, res, s) =>
      json(res, 200, { error: 9, message: `Invalid session key for ${s.body} ${s.url}` });
    const scrobbleErr = await failure(client().scrobble(SK, [track]));
    expect(scrobbleErr.errorClass).toBe('reauth');
    expect(scrobbleErr.code).toBe(9);
    expectNoSecrets(scrobbleErr);
    expect(scrobbleErr.message).not.toMatch(/api_sig=[0-9a-f]{32}/);

    const readErr = await failure(client().getUserInfo({ sessionKey: SK }));
    expect(readErr.errorClass).toBe('reauth');
    expectNoSecrets(readErr);
  });

  it('a password echoed back by auth.getMobileSession is redacted', async () => {
    const password = 'correct horse battery';
    handler = (_req, res, s) => json(res, 200, { error: 4, message: `Bad login: ${s.body}` });
    const err = await failure(client().getMobileSession('rj', password));
    expect(err.errorClass).toBe('permanent');
    for (const view of [err.message, String(err.stack), JSON.stringify(err), inspect(err)]) {
      expect(view).not.toContain('correct');
      expect(view).not.toContain(SECRET);
    }
  });
});
