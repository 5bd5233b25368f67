// The Audioscrobbler 1.2 client against the fake 1.2 server's injected faults: each failure
// comes out as an As12Error of the right class, no play is lost or stored twice because of
// it, a retry then succeeds, the protocol's back-off and three-strikes rules hold, and no
// error shows a credential. Happy paths and protocol replies are in as12-client.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  As12Client,
  As12Error,
  HandshakeTimestamps,
  md5Hex,
} from '../../../src/main/targets/as12/index.js';
import type { As12ClientOptions } from '../../../src/main/targets/as12/index.js';
import { startFakeAs12 } from '../../support/fake-as12/index.js';
import type { As12Route, FakeAs12, Fault } from '../../support/fake-as12/index.js';
import { expectNoSecrets, failureOf } from './secret-scan.js';

const PASSWORD = 'Alice: tr0ub4dor&3';
const PASSWORD_MD5 = md5Hex(PASSWORD);

let fake: FakeAs12;
const closers: (() => Promise<void>)[] = [];

function newClient(over: Partial<As12ClientOptions> = {}): As12Client {
  const c = new As12Client({
    handshakeUrl: fake.handshakeUrl,
    credentials: () => ({ kind: 'password', user: 'alice', passwordMd5: PASSWORD_MD5 }),
    clientVersion: '0.1.0',
    ...over,
  });
  closers.push(() => c.close());
  return c;
}

let n = 0;
const play = (name = `Fault Track ${++n}`) => ({
  artist: 'Fault Artist',
  track: name,
  timestamp: Math.floor(fake.nowMs() / 1000) - 900,
  duration: 180,
});
const timesStored = (track: string) => fake.scrobbles.filter((s) => s.track === track).length;

async function failure(p: Promise<unknown>): Promise<As12Error> {
  const err = await failureOf(p);
  expect(err).toBeInstanceOf(As12Error);
  expectNoSecrets(err, [PASSWORD, PASSWORD_MD5, ...fake.sessions]);
  return err as As12Error;
}

beforeAll(async () => {
  fake = await startFakeAs12({ users: { alice: PASSWORD } });
  closers.push(() => fake.close());
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

interface FaultCase {
  name: string;
  fault: Fault;
  kind: As12Error['kind'];
  errorClass: As12Error['errorClass'];
  /** The server acted although the client saw a failure. */
  storedAnyway: boolean;
  message: RegExp;
}

const submissionFaults: FaultCase[] = [
  {
    name: 'HTTP 500 (an HTML page)',
    fault: { kind: 'status', status: 500 },
    kind: 'http-status',
    errorClass: 'transient',
    storedAnyway: false,
    message: /^Audioscrobbler submission failed: HTTP 500 from 127\.0\.0\.1:\d+$/,
  },
  {
    name: 'HTTP 503',
    fault: { kind: 'status', status: 503 },
    kind: 'http-status',
    errorClass: 'transient',
    storedAnyway: false,
    message: /HTTP 503/,
  },
  {
    name: 'HTTP 404 (a wrong submission URL)',
    fault: { kind: 'status', status: 404 },
    kind: 'http-status',
    errorClass: 'permanent',
    storedAnyway: false,
    message: /HTTP 404/,
  },
  {
    name: 'FAILED with a reason',
    fault: { kind: 'reply', body: 'FAILED Database connection lost\n' },
    kind: 'failed',
    errorClass: 'transient',
    storedAnyway: false,
    message: /said "Database connection lost"$/,
  },
  {
    name: 'a reply that is not part of the protocol',
    fault: { kind: 'reply', body: 'MAYBE\n' },
    kind: 'unreadable',
    errorClass: 'transient',
    storedAnyway: false,
    message: /could not read/,
  },
  {
    name: 'a PHP error page instead of a reply',
    fault: { kind: 'malformed' },
    kind: 'unreadable',
    errorClass: 'transient',
    storedAnyway: false,
    message: /could not read \(HTTP 200\)/,
  },
  {
    name: 'an empty body',
    fault: { kind: 'reply', body: '' },
    kind: 'unreadable',
    errorClass: 'transient',
    storedAnyway: false,
    message: /could not read/,
  },
  {
    name: 'a connection reset before processing',
    fault: { kind: 'reset' },
    kind: 'network',
    errorClass: 'transient',
    storedAnyway: false,
    message: /^Audioscrobbler submission failed: connection reset by the server$/,
  },
  {
    name: 'a connection reset after processing',
    fault: { kind: 'reset-after' },
    kind: 'network',
    errorClass: 'transient',
    storedAnyway: true,
    message: /connection reset/,
  },
];

describe('submission faults', () => {
  it.each(submissionFaults)('$name: $kind/$errorClass, and nothing lost or doubled', async (c) => {
    const client = newClient();
    await client.handshake();
    const item = play(`After ${c.name}`);
    fake.injectFault(c.fault, { route: 'submission' });

    const err = await failure(client.scrobble([item]));
    expect(err).toMatchObject({ step: 'submission', kind: c.kind, errorClass: c.errorClass });
    expect(err.message).toMatch(c.message);
    expect(err.hard).toBe(true);
    expect(client.status.hardFailures).toBe(1);
    expect(timesStored(item.track)).toBe(c.storedAnyway ? 1 : 0);
    // What the caller needs to avoid a blind resend: "maybe processed" whenever it was.
    if (c.storedAnyway) expect(err.maybeProcessed).toBe(true);

    // The tracks were kept by the caller; sending them again stores each once (a duplicate
    // is dropped by the server, which is what makes a resend after "maybe" safe on 1.2).
    expect((await client.scrobble([item])).accepted).toBe(1);
    expect(timesStored(item.track)).toBe(1);
    expect(client.status.hardFailures).toBe(0);
  });

  it('an answer that never comes: a timeout, the play stored once', async () => {
    const client = newClient({ responseTimeoutMs: 200 });
    await client.handshake();
    const item = play();
    // Processed at once, answered after 10 s: the answer is lost to the client's timeout.
    fake.injectFault({ kind: 'delay', ms: 10_000 }, { route: 'submission' });
    const err = await failure(client.scrobble([item]));
    expect(err).toMatchObject({ kind: 'network', errorClass: 'transient', maybeProcessed: true });
    expect(err.message).toMatch(
      /^Audioscrobbler submission failed: 127\.0\.0\.1:\d+ did not answer within 0\.2 s$/,
    );
    expect(timesStored(item.track)).toBe(1);

    fake.injectFault({ kind: 'hang' }, { route: 'submission' });
    const hung = play();
    expect(await failure(client.scrobble([hung]))).toMatchObject({ kind: 'network' });
    expect(timesStored(hung.track)).toBe(0);
    await client.scrobble([item, hung]);
    expect(timesStored(item.track)).toBe(1);
    expect(timesStored(hung.track)).toBe(1);
  });

  it('a server that is down: refused (never sent), then once it is back, stored once', async () => {
    const own = await startFakeAs12({ users: { alice: PASSWORD } });
    closers.push(() => own.close());
    const client = newClient({ handshakeUrl: own.handshakeUrl });
    await client.handshake();
    await own.goDown();
    const item = play();
    const err = await failure(client.scrobble([item]));
    expect(err).toMatchObject({ kind: 'network', errorClass: 'transient', code: 'ECONNREFUSED' });
    expect(err.maybeProcessed).toBe(false);
    expect(err.message).toMatch(/connection refused by 127\.0\.0\.1:\d+$/);

    await own.comeBack();
    expect((await client.scrobble([item])).accepted).toBe(1);
    expect(own.scrobbles.filter((s) => s.track === item.track)).toHaveLength(1);
  });
});

describe('three hard failures in a row', () => {
  it('drop the session: the next call handshakes again, and the tracks go through', async () => {
    const client = newClient();
    await client.handshake();
    const handshakes = fake.requestCount('handshake');
    const item = play();
    fake.injectFault(
      { kind: 'reply', body: 'FAILED Try later\n' },
      { route: 'submission', times: 2 },
    );
    fake.injectFault({ kind: 'status', status: 502 }, { route: 'submission' });

    for (const expected of [1, 2]) {
      await failure(client.scrobble([item]));
      expect(client.status).toMatchObject({ hasSession: true, hardFailures: expected });
    }
    await failure(client.scrobble([item]));
    expect(client.status).toMatchObject({ hasSession: false, hardFailures: 0 });
    expect(fake.requestCount('handshake')).toBe(handshakes);

    expect((await client.scrobble([item])).accepted).toBe(1);
    expect(fake.requestCount('handshake')).toBe(handshakes + 1);
    expect(timesStored(item.track)).toBe(1);
  });

  it('are counted across now playing and submissions; an OK resets the count', async () => {
    const client = newClient();
    await client.handshake();
    fake.injectFault({ kind: 'status', status: 500 }, { route: 'nowplaying', times: 2 });
    await failure(client.nowPlaying({ artist: 'A', track: 'T' }));
    await failure(client.nowPlaying({ artist: 'A', track: 'T' }));
    expect(client.status.hardFailures).toBe(2);
    await client.scrobble([play()]);
    expect(client.status).toMatchObject({ hasSession: true, hardFailures: 0 });
  });

  it('BADSESSION and refused input are not hard failures', async () => {
    const client = newClient();
    await client.handshake();
    await failure(client.scrobble([{ ...play(), track: '' }]));
    for (const id of fake.sessions) fake.dropSession(id);
    await client.scrobble([play()]);
    expect(client.status.hardFailures).toBe(0);
  });
});

describe('handshake back-off', () => {
  it('waits 1 minute after a failed handshake, doubling up to 120, with no request meanwhile', async () => {
    // Client and server clocks move together (hours pass), so the handshake stays in time;
    // the shared fake is put back afterwards for the other tests.
    const start = fake.nowMs();
    let clock = start;
    const advance = (ms: number) => {
      clock += ms;
      fake.advanceClock(ms);
    };
    const client = newClient({ now: () => clock, timestamps: new HandshakeTimestamps() });
    const minutes: number[] = [];
    fake.injectFault({ kind: 'status', status: 503 }, { route: 'handshake', times: 9 });
    for (let i = 0; i < 9; i++) {
      const before = fake.requestCount('handshake');
      const err = await failure(client.scrobble([play()]));
      expect(err).toMatchObject({
        step: 'handshake',
        kind: 'http-status',
        errorClass: 'transient',
      });
      expect(fake.requestCount('handshake')).toBe(before + 1);
      minutes.push(err.retryAfterMs! / 60_000);
      expect(client.status.retryAfterMs).toBe(err.retryAfterMs);

      // Until the wait is over, calls fail at once with what is left of it.
      advance(err.retryAfterMs! - 1000);
      const waiting = await failure(client.scrobble([play()]));
      expect(waiting).toMatchObject({ kind: 'handshake-backoff', retryAfterMs: 1000 });
      expect(waiting.message).toMatch(/HTTP 503 .* Next try in 1 minute\.$/);
      expect(fake.requestCount('handshake')).toBe(before + 1);
      advance(1000);
    }
    expect(minutes).toEqual([1, 2, 4, 8, 16, 32, 64, 120, 120]);

    // The server is back: the handshake succeeds and the back-off is forgotten.
    const item = play();
    expect((await client.scrobble([item])).accepted).toBe(1);
    expect(client.status).toMatchObject({ handshakeFailures: 0, retryAfterMs: 0 });
    fake.advanceClock(start - clock);
  });

  const handshakeFaults: [string, Fault, As12Error['kind']][] = [
    ['a reset', { kind: 'reset' }, 'network'],
    ['a cut-off OK (no session id)', { kind: 'malformed' }, 'unreadable'],
    ['FAILED', { kind: 'reply', body: 'FAILED Server is being upgraded\n' }, 'failed'],
    ['BANNED', { kind: 'reply', body: 'BANNED\n' }, 'banned'],
  ];
  it.each(handshakeFaults)('a handshake failing with %s: %s', async (_name, fault, kind) => {
    const client = newClient({ timestamps: new HandshakeTimestamps() });
    fake.injectFault(fault, { route: 'handshake' as As12Route });
    const err = await failure(client.handshake());
    expect(err).toMatchObject({ step: 'handshake', kind });
    expect(err.retryAfterMs).toBe(kind === 'banned' ? null : 60_000);
    expect(client.status.hasSession).toBe(false);
  });

  it('the web-service form never shows the session key or secret in an error', async () => {
    const sk = fake.createWebSession('alice');
    const secret = 'shared-secret-0123456789abcdef';
    const client = newClient({
      credentials: () => ({
        kind: 'web-service',
        user: 'alice',
        apiKey: 'api-key-0123456789',
        apiSecret: secret,
        sessionKey: sk,
      }),
    });
    fake.injectFault(
      { kind: 'reply', body: `FAILED could not use sk=${sk} with secret ${secret}\n` },
      { route: 'handshake' },
    );
    const err = await failure(client.handshake());
    expectNoSecrets(err, [sk, secret]);
    expect(err.message).toContain('[redacted]');
  });
});

describe('credentials a server echoes back', () => {
  it('are redacted from a FAILED reason (session id and password hash)', async () => {
    const client = newClient();
    await client.handshake();
    const sessionId = fake.sessions.at(-1)!;
    fake.injectFault(
      { kind: 'reply', body: `FAILED bad request s=${sessionId}&hash=${PASSWORD_MD5}\n` },
      { route: 'submission' },
    );
    const err = await failure(client.scrobble([play()]));
    expect(err.message).toContain('[redacted]');
    expectNoSecrets(err, [sessionId, PASSWORD_MD5]);
  });
});
