// The Last.fm 2.0 client against the fake Last.fm's injected faults: each failure comes out as
// a LastfmError of the right class, no scrobble is lost or doubled by it, a retry then
// succeeds, and no error shows a credential. The happy paths are in lastfm-client.test.ts.
import { randomBytes } from 'node:crypto';
import { createServer, connect } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LastfmClient } from '../../src/main/lastfm/client.js';
import { LastfmError } from '../../src/main/lastfm/errors.js';
import type { ErrorClass } from '../../src/main/lastfm/errors.js';
import { startFakeLastfm } from '../support/fake-lastfm/index.js';
import type { FakeLastfm, Fault } from '../support/fake-lastfm/index.js';

const hex32 = (): string => randomBytes(16).toString('hex');
const API_KEY = hex32();
const API_SECRET = hex32();
const PASSWORD = 'Alice: correct horse battery staple';

let fake: FakeLastfm;
let client: LastfmClient;
let sk: string;
/** Closed in afterAll, whatever a test left open. */
const closers: (() => Promise<void>)[] = [];

function newClient(apiUrl: string, responseTimeoutMs?: number): LastfmClient {
  const c = new LastfmClient({ apiUrl, apiKey: API_KEY, apiSecret: API_SECRET, responseTimeoutMs });
  closers.push(() => c.close());
  return c;
}

/** Every way an error gets shown or logged must be free of credentials. */
function expectNoSecrets(err: Error): void {
  const views = [err.message, String(err.stack), JSON.stringify(err), inspect(err, { depth: 5 })];
  for (const view of views) {
    for (const secret of [sk, API_SECRET, PASSWORD]) expect(view).not.toContain(secret);
  }
}

async function failure(p: Promise<unknown>): Promise<LastfmError> {
  const err = await p.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LastfmError);
  expectNoSecrets(err as Error);
  return err as LastfmError;
}

const nowSec = (): number => Math.floor(fake.nowMs() / 1000);
const play = (track: string) => ({ artist: 'Fault Artist', track, timestamp: nowSec() - 600 });
const timesRecorded = (track: string): number =>
  fake.scrobbles.filter((s) => s.track === track).length;

beforeAll(async () => {
  fake = await startFakeLastfm({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    users: { alice: PASSWORD },
  });
  closers.push(() => fake.close());
  client = newClient(fake.apiUrl);
  sk = fake.createSession('alice');
});

afterAll(async () => {
  // Clients first, then servers.
  for (const close of closers.reverse()) await close();
});

interface FaultCase {
  name: string;
  fault: Fault;
  errorClass: ErrorClass;
  code: number | null;
  httpStatus: number | null;
  retryAfterMs?: number;
  message: RegExp;
}

const LASTFM_XML_ERROR =
  '<?xml version="1.0" encoding="UTF-8"?>\n<lfm status="failed"><error code="11">Service Offline</error></lfm>';

const faultCases: FaultCase[] = [
  {
    name: 'HTTP 500 (an HTML page)',
    fault: { kind: 'status', status: 500 },
    errorClass: 'transient',
    code: null,
    httpStatus: 500,
    message: /^track\.scrobble failed: HTTP 500 from 127\.0\.0\.1:\d+$/,
  },
  {
    name: 'HTTP 503 (an HTML page)',
    fault: { kind: 'status', status: 503 },
    errorClass: 'transient',
    code: null,
    httpStatus: 503,
    message: /HTTP 503/,
  },
  {
    name: 'HTTP 503 with a Last.fm XML error 11',
    fault: { kind: 'status', status: 503, body: LASTFM_XML_ERROR },
    errorClass: 'transient',
    code: 11,
    httpStatus: 503,
    message: /Service Offline \(Last\.fm error 11\)/,
  },
  {
    name: 'HTTP 429 with Retry-After',
    fault: { kind: 'status', status: 429, retryAfterSec: 30 },
    errorClass: 'rate-limited',
    code: null,
    httpStatus: 429,
    retryAfterMs: 30_000,
    message: /HTTP 429/,
  },
  {
    name: 'error 29 (rate limit, sent with 429)',
    fault: { kind: 'error', code: 29 },
    errorClass: 'rate-limited',
    code: 29,
    httpStatus: 429,
    message: /Rate Limit Exceeded .*\(Last\.fm error 29\)$/,
  },
  ...[8, 11, 16].map((code): FaultCase => ({
    name: `error ${code}`,
    fault: { kind: 'error', code },
    errorClass: 'transient',
    code,
    httpStatus: 200,
    message: new RegExp(`\\(Last\\.fm error ${code}\\)$`),
  })),
  {
    name: 'a body cut off mid-JSON',
    fault: { kind: 'malformed' },
    errorClass: 'transient',
    code: null,
    httpStatus: 200,
    message: /could not read/,
  },
  {
    name: 'a connection reset before the answer',
    fault: { kind: 'reset' },
    errorClass: 'transient',
    code: null,
    httpStatus: null,
    message: /^track\.scrobble failed: connection reset by the server$/,
  },
];

describe('faults that answer in place of Last.fm (nothing is recorded)', () => {
  it.each(faultCases)('$name: $errorClass, then a retry is recorded once', async (c) => {
    const item = play(`After ${c.name}`);
    fake.injectFault(c.fault, { method: 'track.scrobble' });

    const err = await failure(client.scrobble(sk, [item]));
    expect(err).toMatchObject({
      method: 'track.scrobble',
      errorClass: c.errorClass,
      code: c.code,
      httpStatus: c.httpStatus,
      retryAfterMs: c.retryAfterMs ?? null,
    });
    expect(err.transient).toBe(true);
    expect(err.message).toMatch(c.message);
    expect(timesRecorded(item.track)).toBe(0);

    const retry = await client.scrobble(sk, [item]);
    expect(retry).toMatchObject({ accepted: 1, ignored: 0 });
    expect(timesRecorded(item.track)).toBe(1);
  });
});

describe('credentials a server echoes back', () => {
  it('are redacted from the error of a scrobble', async () => {
    const message = `Operation failed for sk=${sk} (secret ${API_SECRET})`;
    fake.injectFault({ kind: 'error', code: 8, message }, { method: 'track.scrobble' });
    const err = await failure(client.scrobble(sk, [play('Echoed')]));
    expect(err).toMatchObject({ code: 8, errorClass: 'transient' });
    expect(err.message).toContain('[redacted]');
  });

  it('are redacted from the error of a password sign-in', async () => {
    const message = `Service Offline: username=alice&password=${encodeURIComponent(PASSWORD)}`;
    fake.injectFault({ kind: 'error', code: 11, message }, { method: 'auth.getMobileSession' });
    const err = await failure(client.getMobileSession('alice', PASSWORD));
    expect(err).toMatchObject({ code: 11, errorClass: 'transient' });
    expect(err.message).toContain('[redacted]');
  });
});

describe('a reply that never comes', () => {
  it('times out as transient, though the server had already recorded the scrobble', async () => {
    const impatient = newClient(fake.apiUrl, 200);
    const item = play('Answered Too Late');
    // 'delay' processes the request at once and only holds the reply back, like an answer
    // lost on the way. So after the timeout the play is already on Last.fm: a blind retry
    // would scrobble it twice. This is why the queue must treat a timed-out batch as "maybe
    // sent" and recover from it, rather than simply sending it again.
    fake.injectFault({ kind: 'delay', ms: 10_000 }, { method: 'track.scrobble' });

    const err = await failure(impatient.scrobble(sk, [item]));
    expect(err).toMatchObject({ errorClass: 'transient', code: null, httpStatus: null });
    expect(err.message).toMatch(/^track\.scrobble failed: 127\.0\.0\.1:\d+ did not answer/);
    expect(timesRecorded(item.track)).toBe(1);

    // The client itself is fine afterwards.
    const next = await impatient.scrobble(sk, [play('After The Timeout')]);
    expect(next.accepted).toBe(1);
    expect(timesRecorded(item.track)).toBe(1);
    expect(timesRecorded('After The Timeout')).toBe(1);
  });
});

/**
 * A TCP pass-through to the fake that can be shut (connections refused, open ones cut) and
 * opened again on the same port: Last.fm going away and coming back under a client's feet.
 */
interface Gate {
  apiUrl: string;
  shut(): Promise<void>;
  reopen(): Promise<void>;
}

async function openGate(target: URL): Promise<Gate> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((down) => {
    const up = connect(Number(target.port), target.hostname);
    for (const s of [down, up]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        down.destroy();
        up.destroy();
      });
    }
    down.pipe(up).pipe(down);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const shut = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  await listen(0);
  const { port } = server.address() as AddressInfo;
  closers.push(shut);
  return {
    apiUrl: `http://127.0.0.1:${port}${target.pathname}`,
    shut,
    reopen: () => listen(port),
  };
}

describe('a server that is gone', () => {
  it('refuses the connection: transient, and the retry once it is back is recorded once', async () => {
    const gate = await openGate(new URL(fake.apiUrl));
    const viaGate = newClient(gate.apiUrl);
    // A first call leaves a kept-alive connection in the client's pool, as in real use.
    expect((await viaGate.scrobble(sk, [play('Before The Outage')])).accepted).toBe(1);

    await gate.shut();
    const item = play('During The Outage');
    const err = await failure(viaGate.scrobble(sk, [item]));
    expect(err).toMatchObject({ errorClass: 'transient', code: null, httpStatus: null });
    expect(err.message).toMatch(/^track\.scrobble failed: connection refused by 127\.0\.0\.1:\d+$/);
    expect(timesRecorded(item.track)).toBe(0);

    await gate.reopen();
    expect((await viaGate.scrobble(sk, [item])).accepted).toBe(1);
    expect(timesRecorded(item.track)).toBe(1);
    expect(timesRecorded('Before The Outage')).toBe(1);
  });
});
