// The headless server (scrobbletray serve) with a real core on the fake Last.fm and a real
// SQLite queue, over real HTTP on 127.0.0.1. The keychain is the in-memory double of
// queue-harness.ts: these tests are about the server's checks and the contract over HTTP.
// Requests are made with raw node:http so the tests can send what a hostile page or a
// DNS-rebinding attack would (foreign Host and Origin headers, form bodies, no token).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/main/server/server.js';
import type { StoredScrobble } from '../../src/shared/queue-types.js';
import {
  apiCall,
  bearer,
  headlessRequest,
  readEvents,
  type HeadlessResponse,
} from '../support/headless-client.js';
import { queueHarness, type QueueHarness } from '../support/queue-harness.js';
import { tempDir } from '../support/temp-dir.js';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
const OUTSIDE_SECRET = 'outside-the-ui-folder-7f3a';

let h: QueueHarness;
let server: RunningServer;
let port: number;
let auth: Record<string, string>;
const files = tempDir('scrobbletray-ui-');

beforeAll(async () => {
  h = await queueHarness();
  const ui = join(files.path, 'ui');
  mkdirSync(join(ui, 'assets'), { recursive: true });
  writeFileSync(join(files.path, 'secret.txt'), OUTSIDE_SECRET);
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Scrobbletray</title>');
  writeFileSync(join(ui, 'assets', 'app.js'), 'console.log("window");');
  writeFileSync(join(ui, '.env'), OUTSIDE_SECRET);
  symlinkSync(join(files.path, 'secret.txt'), join(ui, 'link.txt'));
  server = await startServer({ core: h.core, staticDir: ui });
  port = server.port;
  auth = bearer(server.token);
});

afterAll(async () => {
  await server.close();
  await h.close();
  files.cleanup();
});

const play = (track: string, agoSec = 120) => ({
  artist: 'Broadcast',
  track,
  timestamp: Math.floor(h.now() / 1000) - agoSec,
  duration: 200,
});

async function listTracks(): Promise<string[]> {
  const res = await apiCall(port, 'queue.list', { states: ['queued'] }, auth);
  return res.json<{ result: { items: StoredScrobble[] } }>().result.items.map((s) => s.track);
}

describe('the printed address', () => {
  it('is http://127.0.0.1:PORT/#token= with a fresh 256-bit token each run', async () => {
    // The token rides in the fragment, which a browser never sends to any server.
    expect(server.url).toBe(`http://127.0.0.1:${port}/#token=${server.token}`);
    expect(Buffer.from(server.token, 'base64url')).toHaveLength(32);
    const other = await startServer({ core: h.core, staticDir: files.path });
    try {
      expect(other.token).not.toBe(server.token);
      expect(other.port).not.toBe(port);
    } finally {
      await other.close();
    }
  });
});

describe('access token', () => {
  it('refuses API calls without a token, or with a wrong one, with 401', async () => {
    const none = await apiCall(port, 'queue.stats', {}, {});
    expect(none.status).toBe(401);
    expect(none.json()).toEqual({ ok: false, error: { message: expect.stringMatching(/token/) } });
    const wrong = await apiCall(port, 'queue.stats', {}, bearer(`${server.token.slice(1)}x`));
    expect(wrong.status).toBe(401);
    const events = await headlessRequest(port, { path: '/api/events' });
    expect(events.status).toBe(401);
  });

  it('takes the token as a bearer header only: never from a cookie or the query', async () => {
    // A cookie for 127.0.0.1 reaches every local web server whatever its port, so the
    // server must neither set one nor honour one.
    const jar = {
      cookie: `scrobbletray_token_${port}=${server.token}; scrobbletray_token=${server.token}`,
    };
    const byCookie = await apiCall(port, 'queue.stats', {}, jar);
    expect(byCookie.status).toBe(401);
    const byQuery = await headlessRequest(port, {
      method: 'POST',
      path: `/api/call/queue.stats?token=${server.token}`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(byQuery.status).toBe(401);
    const opened = await headlessRequest(port, { path: `/?token=${server.token}` });
    expect(opened.headers['set-cookie']).toBeUndefined();
    const ok = await apiCall(port, 'queue.stats', {}, auth);
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, result: { counts: { queued: 0 } } });
  });

  it("serves the window's public files without a token, and never a cookie", async () => {
    // A browser cannot attach a header to a page or script load; the files are the public
    // build, and every call they make needs the token.
    const page = await headlessRequest(port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Scrobbletray</title>');
    expect(page.headers['set-cookie']).toBeUndefined();
    const asset = await headlessRequest(port, { path: '/assets/app.js' });
    expect(asset.status).toBe(200);
  });

  it('keeps two servers apart: each token opens its own server only', async () => {
    const other = await startServer({ core: h.core, staticDir: files.path });
    try {
      for (const [at, token] of [
        [server, server.token],
        [other, other.token],
      ] as const) {
        const own = await apiCall(at.port, 'queue.stats', {}, bearer(token));
        expect(own.status, `the server on port ${at.port}`).toBe(200);
      }
      const crossed = await apiCall(other.port, 'queue.stats', {}, bearer(server.token));
      expect(crossed.status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('Host and Origin checks', () => {
  it('refuses a foreign Host (DNS rebinding) with 421, even with the token', async () => {
    for (const host of [
      `evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      '127.0.0.1',
      `0.0.0.0:${port}`,
    ]) {
      const res = await apiCall(port, 'queue.stats', {}, { ...auth, host });
      expect(res.status, host).toBe(421);
    }
    const page = await headlessRequest(port, {
      path: '/',
      headers: { host: `rebound.evil.example:${port}` },
    });
    expect(page.status).toBe(421);
    expect(page.body).not.toContain('<title>Scrobbletray</title>');
  });

  it('answers to 127.0.0.1:PORT and localhost:PORT', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const res = await apiCall(port, 'queue.stats', {}, { ...auth, host });
      expect(res.status, host).toBe(200);
    }
  });

  it('refuses requests from another origin with 403, and does not act on them', async () => {
    for (const origin of [
      'https://evil.example',
      'null',
      `http://127.0.0.1:${port + 1}`,
      `https://127.0.0.1:${port}`,
    ]) {
      const res = await apiCall(
        port,
        'queue.enqueue',
        { items: [play('Cross-site')], source: 'manual' },
        {
          ...auth,
          origin,
        },
      );
      expect(res.status, origin).toBe(403);
    }
    expect(await listTracks()).not.toContain('Cross-site');
    const same = await apiCall(
      port,
      'queue.stats',
      {},
      { ...auth, origin: `http://localhost:${port}` },
    );
    expect(same.status).toBe(200);
  });

  it('refuses form-encoded and text bodies (what a cross-site form can send) with 415', async () => {
    for (const type of [
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await headlessRequest(port, {
        method: 'POST',
        path: '/api/call/queue.enqueue',
        headers: { ...auth, 'content-type': type },
        body: JSON.stringify({ items: [play('Form post')], source: 'manual' }),
      });
      expect(res.status, type).toBe(415);
    }
    expect(await listTracks()).not.toContain('Form post');
  });

  it('never answers CORS: OPTIONS is 405 and no response has an Access-Control header', async () => {
    const responses: HeadlessResponse[] = [];
    const preflight = await headlessRequest(port, {
      method: 'OPTIONS',
      path: '/api/call/queue.stats',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    // A preflight from another site is refused by the Origin check; either way, no CORS.
    expect([403, 405]).toContain(preflight.status);
    responses.push(
      preflight,
      await headlessRequest(port, {
        method: 'OPTIONS',
        path: '/api/call/queue.stats',
        headers: { ...auth, origin: `http://127.0.0.1:${port}` },
      }),
      await apiCall(port, 'queue.stats', {}, { ...auth, origin: 'https://evil.example' }),
      await apiCall(port, 'queue.stats', {}, { ...auth, origin: `http://127.0.0.1:${port}` }),
      await apiCall(port, 'queue.stats', {}, {}),
      await headlessRequest(port, { path: '/assets/app.js', headers: auth }),
      await headlessRequest(port, { path: '/' }),
    );
    expect(responses[1]!.status).toBe(405);
    for (const res of responses) {
      expect(Object.keys(res.headers).filter((k) => k.startsWith('access-control-'))).toEqual([]);
    }
  });
});

describe('contract over HTTP', () => {
  it('queues a scrobble, lists it, and sends it on flush', async () => {
    const queued = await apiCall(
      port,
      'queue.enqueue',
      { items: [play('Tears in the Typing Pool')], source: 'manual' },
      auth,
    );
    expect(queued.status).toBe(200);
    const [row] = queued.json<{ ok: true; result: StoredScrobble[] }>().result;
    expect(row).toMatchObject({
      track: 'Tears in the Typing Pool',
      state: 'queued',
      source: 'manual',
    });
    expect(await listTracks()).toContain('Tears in the Typing Pool');

    const flushed = await apiCall(port, 'queue.flush', {}, auth);
    expect(flushed.status).toBe(200);
    expect(flushed.json()).toMatchObject({ ok: true, result: [{ target: 'lastfm', accepted: 1 }] });
    const got = await apiCall(port, 'queue.get', { id: row!.id }, auth);
    expect(got.json()).toMatchObject({ ok: true, result: { state: 'accepted' } });
    expect(h.fake.scrobbles.filter((s) => s.track === 'Tears in the Typing Pool')).toHaveLength(1);
  });

  it('answers 400 with problems naming the field for a scrobble that breaks the rules', async () => {
    const res = await apiCall(
      port,
      'queue.enqueue',
      {
        items: [{ track: 'No artist', timestamp: Math.floor(h.now() / 1000) - 60 }],
        source: 'manual',
      },
      auth,
    );
    expect(res.status).toBe(400);
    const { error } = res.json<{ error: { message: string; problems: { field: string }[] } }>();
    // The field as the caller sent it: items.0.artist (or artist for a lone item).
    expect(error.problems.map((p) => p.field)).toEqual([
      expect.stringMatching(/^(items\.0\.)?artist$/),
    ]);
    expect(error.message).toMatch(/artist/);
    expect(await listTracks()).not.toContain('No artist');
  });

  it('answers 400 naming the bad key when the input does not fit the contract', async () => {
    const res = await apiCall(port, 'queue.list', { state: ['queued'] }, auth);
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/state/) },
    });
    expect(res.body).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it('answers 400 for an unknown method and for a body that is not JSON', async () => {
    const unknown = await apiCall(port, 'queue.dropTables', {}, auth);
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toMatchObject({
      error: { message: 'Unknown method "queue.dropTables".' },
    });
    const proto = await apiCall(port, '__proto__', {}, auth);
    expect(proto.status).toBe(400);
    const bad = await headlessRequest(port, {
      method: 'POST',
      path: '/api/call/queue.stats',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{"target":',
    });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/JSON/) },
    });
  });

  it('answers 404 when the scrobble does not exist, whichever method names it', async () => {
    const res = await apiCall(port, 'queue.edit', { id: 987_654, patch: { track: 'x' } }, auth);
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({
      error: { message: 'No scrobble with id 987654.', kind: 'not-found' },
    });
    for (const method of ['queue.remove', 'queue.retry']) {
      const other = await apiCall(port, method, { ids: [987_654] }, auth);
      expect(other.status, method).toBe(404);
      expect(other.json(), method).toMatchObject({ error: { kind: 'not-found' } });
    }
  });

  it('answers 400 for a page cursor that is not one', async () => {
    const res = await apiCall(port, 'queue.list', { cursor: 'not-a-cursor' }, auth);
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: { kind: 'invalid-input' } });
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const huge = JSON.stringify({ prefix: 'x'.repeat(1024 * 1024), field: 'artist' });
    const res = await headlessRequest(port, {
      method: 'POST',
      path: '/api/call/queue.suggest',
      headers: { ...auth, 'content-type': 'application/json' },
      body: huge,
    });
    expect(res.status).toBe(413);
  });

  it('accepts only POST on /api/call', async () => {
    const res = await headlessRequest(port, { path: '/api/call/queue.stats', headers: auth });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
  });
});

describe('events', () => {
  it('streams queue-changed and flush-progress as Server-Sent Events', async () => {
    const stream = await readEvents(port, auth);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
      await apiCall(
        port,
        'queue.enqueue',
        { items: [play('Pendulum', 300)], source: 'manual' },
        auth,
      );
      await stream.next(
        (e) => e.type === 'queue-changed' && e.target === 'lastfm',
        'queue-changed',
      );
      await apiCall(port, 'queue.flush', {}, auth);
      await stream.next(
        (e) => e.type === 'flush-progress' && e.target === 'lastfm' && e.done === 1,
        'flush-progress',
      );
      await stream.next((e) => e.type === 'flush-finished', 'flush-finished');
    } finally {
      stream.close();
    }
  });

  it('ends open streams when the server closes', async () => {
    const other = await startServer({ core: h.core, staticDir: files.path });
    const stream = await readEvents(other.port, bearer(other.token));
    expect(stream.status).toBe(200);
    await other.close();
    await stream.ended;
  });
});

describe('the window files', () => {
  it('serves them with the content type, no-cache and the strict security headers', async () => {
    const res = await headlessRequest(port, { path: '/assets/app.js', headers: auth });
    expect(res.status).toBe(200);
    expect(res.body).toBe('console.log("window");');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const page = await headlessRequest(port, { path: '/', headers: auth });
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CSP);
  });

  it('refuses paths that leave the folder, hidden files and links out of it', async () => {
    const paths = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/.env',
      '/link.txt',
      '/%00index.html',
      '/%E0%A4%A',
    ];
    for (const path of paths) {
      const res = await headlessRequest(port, { path, headers: auth });
      expect([400, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain(OUTSIDE_SECRET);
    }
  });

  it('says the window is not built when there is no index.html', async () => {
    const empty = tempDir('scrobbletray-ui-empty-');
    const bare = await startServer({ core: h.core, staticDir: empty.path });
    try {
      const res = await headlessRequest(bare.port, { path: '/', headers: bearer(bare.token) });
      expect(res.status).toBe(200);
      expect(res.body).toContain('npm run build');
    } finally {
      await bare.close();
      empty.cleanup();
    }
  });
});
