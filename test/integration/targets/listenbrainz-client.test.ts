// The ListenBrainz client against the fake ListenBrainz over real HTTP: token check, the
// three listen types, payload rules, rate-limit headers and 429, read-back for recovery, and
// the fault matrix. Every listen is accounted for (stored once, none lost), and no error
// shows the token.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  ListenBrainzClient,
  ListenBrainzError,
} from '../../../src/main/targets/listenbrainz/index.js';
import type { ListenBrainzClientOptions } from '../../../src/main/targets/listenbrainz/index.js';
import { startFakeListenBrainz } from '../../support/fake-listenbrainz/index.js';
import type { FakeListenBrainz, Fault } from '../../support/fake-listenbrainz/index.js';
import { expectNoSecrets, failureOf } from './secret-scan.js';

const TOKEN = randomUUID();
const OTHER_TOKEN = randomUUID();

let fake: FakeListenBrainz;
const closers: (() => Promise<void>)[] = [];

function newClient(over: Partial<ListenBrainzClientOptions> = {}): ListenBrainzClient {
  const c = new ListenBrainzClient({ apiUrl: fake.apiUrl, clientVersion: '0.1.0', ...over });
  closers.push(() => c.close());
  return c;
}

let n = 0;
const nowSec = () => Math.floor(fake.nowMs() / 1000);
const listen = (extra: Record<string, unknown> = {}) => ({
  artist: 'LB Artist',
  track: `LB Track ${++n}`,
  timestamp: nowSec() - 10_000 + n,
  ...extra,
});
const storedCount = (track: string) => fake.listens.filter((l) => l.track === track).length;

async function failure(p: Promise<unknown>): Promise<ListenBrainzError> {
  const err = await failureOf(p);
  expect(err).toBeInstanceOf(ListenBrainzError);
  expectNoSecrets(err, [TOKEN, OTHER_TOKEN]);
  return err as ListenBrainzError;
}

beforeAll(async () => {
  fake = await startFakeListenBrainz({
    tokens: { [TOKEN]: 'alice' },
    rateLimit: { limit: 10_000, windowSec: 10 },
  });
  closers.push(() => fake.close());
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

describe('token', () => {
  it('a valid token names its user', async () => {
    expect(await newClient().validateToken(TOKEN)).toEqual({ userName: 'alice' });
  });

  it('an unknown token: needs sign-in, and the message says where the token is', async () => {
    const err = await failure(newClient().validateToken(OTHER_TOKEN));
    expect(err).toMatchObject({ kind: 'invalid-token', errorClass: 'reauth' });
    expect(err.message).toMatch(/https:\/\/listenbrainz\.org\/settings\//);
  });

  it('a revoked token on submit (401): needs sign-in, nothing stored', async () => {
    fake.addToken(OTHER_TOKEN, 'bob');
    fake.revokeToken(OTHER_TOKEN);
    const item = listen();
    const err = await failure(newClient().submitSingle(OTHER_TOKEN, item));
    expect(err).toMatchObject({ kind: 'invalid-token', errorClass: 'reauth' });
    expect(err.message).toMatch(/Invalid authorization token.*listenbrainz\.org\/settings/);
    expect(storedCount(item.track)).toBe(0);
  });
});

describe('submitting', () => {
  it('single: stored once, with what Scrobbletray knows in additional_info', async () => {
    const recording = randomUUID();
    const release = randomUUID();
    const artist = randomUUID();
    const item = listen({
      album: 'LB Album',
      duration: 215,
      trackNumber: 4,
      recordingMbid: recording,
      releaseMbid: release,
      artistMbids: [artist],
    });
    expect(await newClient().submitSingle(TOKEN, item)).toEqual({ accepted: 1 });
    const [row] = fake.listens.filter((l) => l.track === item.track);
    expect(row).toMatchObject({
      user: 'alice',
      listenedAt: item.timestamp,
      artist: 'LB Artist',
      release: 'LB Album',
      additionalInfo: {
        submission_client: 'Scrobbletray',
        submission_client_version: '0.1.0',
        duration_ms: 215_000,
        tracknumber: 4,
        recording_mbid: recording,
        release_mbid: release,
        artist_mbids: [artist],
      },
    });
    expect(fake.submits.at(-1)).toMatchObject({ listenType: 'single', listens: 1, status: 200 });
  });

  it('import: 1000 in one request; a repeat is stored once', async () => {
    const client = newClient();
    const items = Array.from({ length: 1000 }, () => listen());
    const before = fake.requestCount('submit');
    expect(await client.submitImport(TOKEN, items)).toEqual({ accepted: 1000 });
    expect(fake.requestCount('submit')).toBe(before + 1);
    await client.submitImport(TOKEN, items.slice(0, 10));
    for (const item of items) expect(storedCount(item.track)).toBe(1);
  });

  it('playing_now: no listened_at, not stored as a listen', async () => {
    await newClient().playingNow(TOKEN, { artist: 'Now', track: 'Playing', duration: 100 });
    expect(fake.playingNow('alice')).toMatchObject({ artist: 'Now', track: 'Playing' });
    expect(fake.listens.some((l) => l.track === 'Playing')).toBe(false);
    expect(fake.submits.at(-1)).toMatchObject({ listenType: 'playing_now', status: 200 });
  });

  it('refuses what ListenBrainz would refuse, before any request, saying what to fix', async () => {
    const client = newClient();
    const before = fake.requestCount('submit');
    const cases: [Promise<unknown>, RegExp][] = [
      [client.submitSingle(TOKEN, listen({ artist: ' ' })), /^Listen 1 has no artist: add one\.$/],
      [client.submitSingle(TOKEN, listen({ track: '' })), /no title/],
      [client.submitSingle(TOKEN, listen({ timestamp: 12.5 })), /no valid play time/],
      [client.submitSingle(TOKEN, listen({ timestamp: 1_000_000_000 })), /before 1 October 2002/],
      [client.submitSingle(TOKEN, listen({ recordingMbid: 'not-a-uuid' })), /not a UUID/],
      [
        client.submitImport(
          TOKEN,
          Array.from({ length: 1001 }, () => listen()),
        ),
        /1 to 1000/,
      ],
      [client.submitImport(TOKEN, []), /1 to 1000/],
    ];
    for (const [p, message] of cases) {
      const err = await failure(p);
      expect(err).toMatchObject({ kind: 'invalid-listen', errorClass: 'permanent' });
      expect(err.message).toMatch(message);
    }
    expect(fake.requestCount('submit')).toBe(before);
  });

  it("the server's own refusal (400) is permanent and quotes the server", async () => {
    // A client clock two hours ahead lets a listen through that the server finds too new.
    const lagging = newClient({ now: () => Date.now() + 2 * 3600_000 });
    const item = listen({ timestamp: nowSec() + 2 * 3600 });
    const err = await failure(lagging.submitSingle(TOKEN, item));
    expect(err).toMatchObject({ kind: 'rejected', errorClass: 'permanent', httpStatus: 400 });
    expect(err.message).toBe(
      'ListenBrainz refused the submit single: Value for key listened_at is too high.',
    );
    expect(storedCount(item.track)).toBe(0);
  });
});

describe('rate limits', () => {
  it('are read from every answer; over the limit, a 429 says when to come back', async () => {
    let clock = Date.UTC(2026, 0, 1, 0, 0, 3);
    const limited = await startFakeListenBrainz({
      tokens: { [TOKEN]: 'alice' },
      rateLimit: { limit: 3, windowSec: 60 },
      now: () => clock,
    });
    closers.push(() => limited.close());
    const client = newClient({ apiUrl: limited.apiUrl, now: () => clock });
    const sent: string[] = [];
    for (let i = 0; i < 3; i++) {
      const item = { artist: 'R', track: `Rate ${i}`, timestamp: Math.floor(clock / 1000) - 60 };
      await client.submitSingle(TOKEN, item);
      sent.push(item.track);
      expect(client.rateLimit).toMatchObject({ limit: 3, remaining: 2 - i, resetInSec: 57 });
    }
    const over = { artist: 'R', track: 'Rate over', timestamp: Math.floor(clock / 1000) - 60 };
    const err = await failure(client.submitSingle(TOKEN, over));
    expect(err).toMatchObject({
      kind: 'rate-limited',
      errorClass: 'rate-limited',
      retryAfterMs: 57_000,
    });
    expect(limited.listens.map((l) => l.track)).toEqual(sent);

    clock += 57_000;
    await client.submitSingle(TOKEN, over);
    expect(limited.listens.filter((l) => l.track === 'Rate over')).toHaveLength(1);
  });

  it('an injected 429 with Reset-In: retryAfterMs from the header', async () => {
    fake.injectFault({ kind: 'rate-limit', resetInSec: 42 }, { route: 'submit' });
    const item = listen();
    const err = await failure(newClient().submitSingle(TOKEN, item));
    expect(err).toMatchObject({
      errorClass: 'rate-limited',
      retryAfterMs: 42_000,
      httpStatus: 429,
    });
    expect(err.transient).toBe(true);
    expect(storedCount(item.track)).toBe(0);
  });
});

interface FaultCase {
  name: string;
  fault: Fault;
  kind: ListenBrainzError['kind'];
  errorClass: ListenBrainzError['errorClass'];
  storedAnyway: boolean;
}

const faults: FaultCase[] = [
  {
    name: 'HTTP 500',
    fault: { kind: 'status', status: 500 },
    kind: 'http-status',
    errorClass: 'transient',
    storedAnyway: false,
  },
  {
    name: 'HTTP 503',
    fault: { kind: 'status', status: 503 },
    kind: 'http-status',
    errorClass: 'transient',
    storedAnyway: false,
  },
  {
    name: 'a cut-off JSON body',
    fault: { kind: 'malformed' },
    kind: 'unreadable',
    errorClass: 'transient',
    storedAnyway: false,
  },
  {
    name: 'a reset before processing',
    fault: { kind: 'reset' },
    kind: 'network',
    errorClass: 'transient',
    storedAnyway: false,
  },
  {
    name: 'a reset after processing',
    fault: { kind: 'reset-after' },
    kind: 'network',
    errorClass: 'transient',
    storedAnyway: true,
  },
];

describe('faults', () => {
  it.each(faults)('$name: $kind/$errorClass, then a retry stores it once', async (c) => {
    const client = newClient();
    const item = listen();
    fake.injectFault(c.fault, { route: 'submit' });
    const err = await failure(client.submitSingle(TOKEN, item));
    expect(err).toMatchObject({ kind: c.kind, errorClass: c.errorClass });
    expect(storedCount(item.track)).toBe(c.storedAnyway ? 1 : 0);
    if (c.storedAnyway) expect(err.maybeProcessed).toBe(true);
    await client.submitSingle(TOKEN, item);
    expect(storedCount(item.track)).toBe(1);
  });

  it('a lost answer: look the listens up before sending again (crash recovery)', async () => {
    const client = newClient({ responseTimeoutMs: 200 });
    const items = [listen(), listen(), listen()];
    fake.injectFault({ kind: 'delay', ms: 10_000 }, { route: 'submit' });
    const err = await failure(client.submitImport(TOKEN, items));
    expect(err).toMatchObject({ kind: 'network', errorClass: 'transient', maybeProcessed: true });
    expect(err.message).toMatch(
      /^ListenBrainz submit import failed: 127\.0\.0\.1:\d+ did not answer/,
    );

    const from = Math.min(...items.map((i) => i.timestamp)) - 1;
    const to = Math.max(...items.map((i) => i.timestamp)) + 1;
    const found = await client.listensBetween('alice', from, to, TOKEN);
    const missing = items.filter(
      (i) => !found.some((f) => f.listenedAt === i.timestamp && f.track === i.track),
    );
    expect(missing).toEqual([]);
    for (const item of items) expect(storedCount(item.track)).toBe(1);
  });

  it('a server that hangs, then one that is down: transient; back up, stored once', async () => {
    const own = await startFakeListenBrainz({ tokens: { [TOKEN]: 'alice' } });
    closers.push(() => own.close());
    const client = newClient({ apiUrl: own.apiUrl, responseTimeoutMs: 200 });
    own.injectFault({ kind: 'hang' }, { route: 'submit' });
    const item = listen();
    expect(await failure(client.submitSingle(TOKEN, item))).toMatchObject({ kind: 'network' });
    await own.goDown();
    const err = await failure(client.submitSingle(TOKEN, item));
    expect(err).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', maybeProcessed: false });
    await own.comeBack();
    await client.submitSingle(TOKEN, item);
    expect(own.listens.filter((l) => l.track === item.track)).toHaveLength(1);
  });

  it('a token the server echoes back is redacted', async () => {
    fake.injectFault(
      {
        kind: 'status',
        status: 400,
        body: JSON.stringify({ code: 400, error: `bad Token ${TOKEN}` }),
      },
      { route: 'submit' },
    );
    const err = await failure(newClient().submitSingle(TOKEN, listen()));
    expect(err.message).toContain('[redacted]');
  });
});

describe('listensBetween', () => {
  it('reads every page (more than 1000 listens), newest first, each once', async () => {
    const own = await startFakeListenBrainz({ tokens: { [TOKEN]: 'carol' } });
    closers.push(() => own.close());
    const client = newClient({ apiUrl: own.apiUrl });
    const base = nowSec() - 100_000;
    const all = Array.from({ length: 1500 }, (_, i) => ({
      artist: 'Pager',
      track: `Page ${i}`,
      timestamp: base + Math.floor(i / 2),
    }));
    await client.submitImport(TOKEN, all.slice(0, 1000));
    await client.submitImport(TOKEN, all.slice(1000));
    const found = await client.listensBetween('carol', base - 1, base + 10_000);
    expect(found).toHaveLength(1500);
    expect(new Set(found.map((f) => f.track)).size).toBe(1500);
    expect(found[0]!.listenedAt).toBeGreaterThanOrEqual(found.at(-1)!.listenedAt);
  });

  it('an unknown user is not-found (permanent)', async () => {
    const err = await failure(newClient().listensBetween('nobody', 0, nowSec()));
    expect(err).toMatchObject({ kind: 'not-found', errorClass: 'permanent' });
  });
});
