// The loopback sign-in server over real HTTP on 127.0.0.1. Requests are made with
// node:http so the Host header can be forged (DNS rebinding) and every request uses its own
// connection, as separate browser requests would.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { createLoopbackManager } from '../../src/main/auth/loopback-manager.js';
import { LoopbackError, startLoopback } from '../../src/main/auth/loopback-server.js';
import type { LoopbackOptions, PendingLoopback } from '../../src/main/auth/loopback-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/loopback-child.ts', import.meta.url));
const TOKEN = 'd580d57f32848f5dcf574d1ce18d78b2';

interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function send(
  port: number,
  target: string,
  opts: { method?: string; host?: string } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: target,
        method: opts.method ?? 'GET',
        headers: { host: opts.host ?? `127.0.0.1:${port}` },
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The path+query of the callback URL the service would redirect to, plus `&token=`. */
function redirectTarget(pending: PendingLoopback, token = TOKEN): string {
  const url = new URL(pending.callbackUrl);
  return `${url.pathname}${url.search}&token=${token}`;
}

/** Resolves with the error code of a TCP connect, or 'connected'. */
function tryConnect(port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
  });
}

async function rejection(promise: Promise<unknown>): Promise<LoopbackError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof LoopbackError) return err;
    throw err;
  }
  throw new Error('expected the promise to reject');
}

const started: PendingLoopback[] = [];
async function start(opts?: LoopbackOptions): Promise<PendingLoopback> {
  const pending = await startLoopback(opts);
  started.push(pending);
  return pending;
}

afterEach(async () => {
  for (const pending of started.splice(0)) {
    pending.cancel();
    await pending.closed;
  }
});

function expectSafeHeaders(res: HttpResult): void {
  expect(res.headers['content-security-policy']).toContain(
    "default-src 'none'; style-src 'unsafe-inline'",
  );
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
}

describe('loopback sign-in server', () => {
  it('hands the token to the caller and shows the browser the outcome it reports', async () => {
    const pending = await start();
    expect(pending.callbackUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?state=[\w-]{43}$/);
    expect(pending.callbackUrl).toBe(
      `http://127.0.0.1:${pending.port}/callback?state=${pending.state}`,
    );

    let browserAnswered = false;
    const browser = send(pending.port, redirectTarget(pending)).finally(() => {
      browserAnswered = true;
    });
    const callback = await pending.result;
    expect(callback.token).toBe(TOKEN);
    expect(callback.url.searchParams.get('state')).toBe(pending.state);
    // The tab is still waiting for the exchange result.
    await new Promise((resolve) => setImmediate(resolve));
    expect(browserAnswered).toBe(false);

    callback.respond({ ok: true, user: 'alice' });
    const res = await browser;
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expectSafeHeaders(res);
    expect(res.body).toContain('<strong>alice</strong>');
    expect(res.body).toContain('You can close this tab and return to Scrobbletray.');

    await pending.closed;
    expect(await tryConnect(pending.port)).toBe('ECONNREFUSED');
    expect(pending.signal.aborted).toBe(false);
  });

  it('shows the failure the caller reports, in plain words', async () => {
    const pending = await start();
    const browser = send(pending.port, redirectTarget(pending));
    (await pending.result).respond({
      ok: false,
      message: 'Last.fm did not accept the sign-in. Please try again.',
    });
    const res = await browser;
    expect(res.status).toBe(500);
    expectSafeHeaders(res);
    expect(res.body).toContain('Sign-in did not complete');
    expect(res.body).toContain('Last.fm did not accept the sign-in. Please try again.');
    await pending.closed;
    expect(await tryConnect(pending.port)).toBe('ECONNREFUSED');
  });

  it('uses the page renderers it is given', async () => {
    const pending = await start({
      render: {
        success: (user) => `<p>custom ok ${user ?? ''}</p>`,
        failure: (r) => `<p>${r}</p>`,
      },
    });
    const browser = send(pending.port, redirectTarget(pending));
    (await pending.result).respond({ ok: true, user: 'carol' });
    expect((await browser).body).toBe('<p>custom ok carol</p>');
  });

  it('listens on 127.0.0.1 only', async () => {
    const pending = await start();
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && a.family === 'IPv4')
      .map((a) => a?.address ?? '');
    for (const host of ['::1', ...others]) {
      expect(await tryConnect(pending.port, host)).not.toBe('connected');
    }
    expect(await tryConnect(pending.port)).toBe('connected');
  });

  it('refuses a wrong or missing state without using up the sign-in', async () => {
    const pending = await start();
    const wrong = `/callback?state=${'A'.repeat(43)}&token=${TOKEN}`;
    for (const target of [wrong, `/callback?token=${TOKEN}`]) {
      const res = await send(pending.port, target);
      expect(res.status).toBe(400);
      expectSafeHeaders(res);
      expect(res.body).toContain('not the one Scrobbletray is waiting for');
    }
    const browser = send(pending.port, redirectTarget(pending));
    (await pending.result).respond({ ok: true, user: 'alice' });
    expect((await browser).status).toBe(200);
  });

  it('refuses a missing token', async () => {
    const pending = await start();
    const url = new URL(pending.callbackUrl);
    const res = await send(pending.port, `${url.pathname}${url.search}`);
    expect(res.status).toBe(400);
    expect(res.body).toContain('did not send a sign-in token');
  });

  it.each(['evil.example', 'localhost', '127.0.0.1:1'])(
    'refuses Host %s (DNS rebinding; RFC 8252 wants the IP literal)',
    async (host) => {
      const pending = await start();
      const hostHeader = host.includes(':') ? host : `${host}:${pending.port}`;
      const res = await send(pending.port, redirectTarget(pending), { host: hostHeader });
      expect(res.status).toBe(421);
      expectSafeHeaders(res);
      // Not consumed: the real browser can still complete.
      const browser = send(pending.port, redirectTarget(pending));
      (await pending.result).respond({ ok: true });
      expect((await browser).status).toBe(200);
    },
  );

  it('answers other paths with 404, the favicon quietly, and other methods with 405', async () => {
    const pending = await start();
    const other = await send(pending.port, `/other?state=${pending.state}&token=${TOKEN}`);
    expect(other.status).toBe(404);
    expectSafeHeaders(other);

    const favicon = await send(pending.port, '/favicon.ico');
    expect(favicon.status).toBe(404);
    expect(favicon.body).toBe('');

    const post = await send(pending.port, redirectTarget(pending), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');

    // None of that used up the sign-in.
    const browser = send(pending.port, redirectTarget(pending));
    (await pending.result).respond({ ok: true });
    expect((await browser).status).toBe(200);
  });

  it('accepts only the first valid callback', async () => {
    const pending = await start();
    const first = send(pending.port, redirectTarget(pending, 'first-token'));
    const callback = await pending.result;
    const second = await send(pending.port, redirectTarget(pending, 'second-token'));
    expect(second.status).toBe(410);
    expect(second.body).toContain('already been used');
    callback.respond({ ok: true, user: 'alice' });
    expect((await first).status).toBe(200);
    expect(callback.token).toBe('first-token');
    await pending.closed;
    expect(await tryConnect(pending.port)).toBe('ECONNREFUSED');
  });

  it('lets exactly one of two simultaneous callbacks win', async () => {
    const pending = await start();
    const a = send(pending.port, redirectTarget(pending, 'token-a'));
    const b = send(pending.port, redirectTarget(pending, 'token-b'));
    const callback = await pending.result;
    callback.respond({ ok: true, user: 'alice' });
    const results = await Promise.all([a, b]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 410]);
    const winner = results[0]?.status === 200 ? 'token-a' : 'token-b';
    expect(callback.token).toBe(winner);
  });

  it('times out, rejecting with reason "timeout", and closes its port', async () => {
    const pending = await start({ timeoutMs: 150 });
    const err = await rejection(pending.result);
    expect(err.reason).toBe('timeout');
    expect(err.message).toMatch(/timed out/);
    expect(pending.signal.aborted).toBe(true);
    await pending.closed;
    expect(await tryConnect(pending.port)).toBe('ECONNREFUSED');
  });

  it('can be cancelled, rejecting with reason "cancelled", and closes its port', async () => {
    const pending = await start();
    pending.cancel();
    const err = await rejection(pending.result);
    expect(err).toBeInstanceOf(LoopbackError);
    expect(err.reason).toBe('cancelled');
    expect(await tryConnect(pending.port)).toBe('ECONNREFUSED');
    await pending.closed;
  });

  it('tells a waiting browser when the sign-in is cancelled during the exchange', async () => {
    const pending = await start();
    const browser = send(pending.port, redirectTarget(pending));
    const callback = await pending.result;
    pending.cancel();
    expect(pending.signal.aborted).toBe(true);
    const res = await browser;
    expect(res.status).toBe(503);
    expect(res.body).toContain('cancelled in Scrobbletray');
    callback.respond({ ok: true, user: 'too-late' }); // does nothing now
    await pending.closed;
    expect(await tryConnect(pending.port)).toBe('ECONNREFUSED');
  });

  it('gives the browser a generic page if the caller never responds', async () => {
    const pending = await start({ responseTimeoutMs: 150 });
    const browser = send(pending.port, redirectTarget(pending));
    const callback = await pending.result;
    const res = await browser;
    expect(res.status).toBe(504);
    expect(res.body).toContain('did not confirm the sign-in in time');
    callback.respond({ ok: true, user: 'late' });
    await pending.closed;
    expect(await tryConnect(pending.port)).toBe('ECONNREFUSED');
  });

  it('closes as soon as the browser gives up waiting', async () => {
    const pending = await start();
    const req = request({
      host: '127.0.0.1',
      port: pending.port,
      path: redirectTarget(pending),
      headers: { host: `127.0.0.1:${pending.port}` },
      agent: false,
    });
    req.on('error', () => undefined);
    req.end();
    const callback = await pending.result;
    req.destroy();
    await pending.closed;
    expect(await tryConnect(pending.port)).toBe('ECONNREFUSED');
    // The exchange is still the caller's to finish or cancel.
    expect(pending.signal.aborted).toBe(false);
    pending.cancel();
    expect(pending.signal.aborted).toBe(true);
    callback.respond({ ok: true }); // nobody to tell; must not throw
  });

  it('drops idle connections (e.g. a browser pre-connect) when it closes', async () => {
    const pending = await start();
    const idle = connect({ host: '127.0.0.1', port: pending.port });
    await new Promise((resolve) => idle.once('connect', resolve));
    const idleClosed = new Promise((resolve) => idle.once('close', resolve));
    idle.on('error', () => undefined);

    const browser = send(pending.port, redirectTarget(pending));
    (await pending.result).respond({ ok: true });
    expect((await browser).status).toBe(200);
    await pending.closed;
    await idleClosed;
    expect(await tryConnect(pending.port)).toBe('ECONNREFUSED');
  });

  it('never reflects request input into a response', async () => {
    const pending = await start();
    const marker = '<script>alert("xss-marker")</script>';
    const enc = encodeURIComponent(marker);
    const raw = `<script>xss-marker</script>`;
    const responses = await Promise.all([
      send(pending.port, `/callback?state=${raw}&token=${TOKEN}`),
      send(pending.port, `/callback?state=${enc}&token=${enc}`),
      send(pending.port, `/callback?state=${pending.state}&token=${raw}`),
      send(pending.port, `/${raw}`),
      send(pending.port, `/callback?state=${raw}`, { method: 'POST' }),
      send(pending.port, redirectTarget(pending), { host: `${raw}:${pending.port}` }),
    ]);
    for (const res of responses) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.body).not.toContain('xss-marker');
      expect(res.body).not.toContain('<script');
      expect(JSON.stringify(res.headers)).not.toContain('xss-marker');
    }
  });

  it('escapes what the caller passes to the pages', async () => {
    const pending = await start();
    const browser = send(pending.port, redirectTarget(pending));
    (await pending.result).respond({ ok: false, message: '<img src=x onerror=alert(1)>' });
    const res = await browser;
    expect(res.body).not.toContain('<img');
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('uses a fresh, unguessable state for every sign-in', async () => {
    const a = await start();
    const b = await start();
    expect(a.state).not.toBe(b.state);
    expect(Buffer.from(a.state, 'base64url')).toHaveLength(32);
  });

  it('rejects with "server-error" when the port cannot be opened', async () => {
    const taken = await start();
    const err = await rejection(startLoopback({ port: taken.port }));
    expect(err.reason).toBe('server-error');
  });
});

describe('loopback manager', () => {
  it('replaces a pending sign-in: the old one rejects "replaced" and its port closes', async () => {
    const manager = createLoopbackManager();
    const first = await manager.start();
    const second = await manager.start();
    started.push(first, second);
    const err = await rejection(first.result);
    expect(err.reason).toBe('replaced');
    expect(await tryConnect(first.port)).toBe('ECONNREFUSED');
    expect(manager.current).toBe(second);

    const browser = send(second.port, redirectTarget(second));
    (await second.result).respond({ ok: true, user: 'alice' });
    expect((await browser).status).toBe(200);
    await second.closed;
    expect(manager.current).toBeNull();
  });

  it('tells the first browser tab that a newer sign-in took over', async () => {
    const manager = createLoopbackManager();
    const first = await manager.start();
    started.push(first);
    const browser = send(first.port, redirectTarget(first));
    await first.result;
    started.push(await manager.start());
    const res = await browser;
    expect(res.status).toBe(503);
    expect(res.body).toContain('newer sign-in');
    expect(first.signal.aborted).toBe(true);
  });

  it('keeps only the last of two overlapping starts', async () => {
    const manager = createLoopbackManager();
    const [a, b] = await Promise.all([manager.start(), manager.start()]);
    started.push(a, b);
    expect((await rejection(a.result)).reason).toBe('replaced');
    expect(manager.current).toBe(b);
    expect(await tryConnect(a.port)).toBe('ECONNREFUSED');
    expect(await tryConnect(b.port)).toBe('connected');
  });

  it('cancel() stops the pending sign-in', async () => {
    const manager = createLoopbackManager({ path: '/cb' });
    const pending = await manager.start();
    started.push(pending);
    expect(pending.callbackUrl).toContain('/cb?state=');
    manager.cancel();
    expect((await rejection(pending.result)).reason).toBe('cancelled');
    expect(manager.current).toBeNull();
  });
});

describe('process lifetime', () => {
  // What a user of `scrobbletray login` notices: the command waits for the browser, and exits
  // as soon as sign-in is over, not when the 10-minute timeout would have fired.
  function runChild(mode: string): {
    firstLine: Promise<{ callbackUrl: string }>;
    exit: Promise<{ code: number | null; lines: string[] }>;
  } {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // A guard so a hanging child fails the test instead of the run; not a timing assertion.
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const lines: string[] = [];
    let gotFirst!: (v: { callbackUrl: string }) => void;
    const firstLine = new Promise<{ callbackUrl: string }>((resolve) => (gotFirst = resolve));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (lines.push(line) === 1) gotFirst(JSON.parse(line) as { callbackUrl: string });
    });
    const exit = new Promise<{ code: number | null; lines: string[] }>((resolve) => {
      child.on('exit', (code, signal) => {
        clearTimeout(guard);
        resolve({ code: signal === 'SIGKILL' ? null : code, lines });
      });
    });
    return { firstLine, exit };
  }

  it('stays alive for the browser, then exits by itself once answered', async () => {
    const child = runChild('respond');
    const { callbackUrl } = await child.firstLine;
    const url = new URL(callbackUrl);
    // Browsers open spare connections they may never use; they must not hold the CLI open.
    const spare = connect({ host: '127.0.0.1', port: Number(url.port) });
    spare.on('error', () => undefined);
    await new Promise((resolve) => spare.once('connect', resolve));
    const res = await send(Number(url.port), `${url.pathname}${url.search}&token=${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('child-user');
    const { code, lines } = await child.exit;
    expect(code, 'child was killed: something kept it alive').toBe(0);
    expect(lines).toContain(JSON.stringify({ token: TOKEN }));
    spare.destroy();
  });

  it('exits by itself after a cancel despite the 10-minute timeout', async () => {
    const child = runChild('cancel');
    const { callbackUrl } = await child.firstLine;
    const { code, lines } = await child.exit;
    expect(code, 'child was killed: something kept it alive').toBe(0);
    expect(lines).toContain(JSON.stringify({ reason: 'cancelled' }));
    expect(await tryConnect(Number(new URL(callbackUrl).port))).toBe('ECONNREFUSED');
  });
});
