import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/main/server/server.js';
import { openEventStream } from '../../src/renderer/transport/event-stream.js';
import type { CoreEvent } from '../../src/shared/core-events.js';
import { apiCall, bearer } from '../support/headless-client.js';
import { queueHarness, type QueueHarness } from '../support/queue-harness.js';

// The window's event stream in headless mode (fetch with the token as a bearer header, since
// EventSource cannot send one), run in Node against the real server: events arrive, the
// stream comes back after the server restarts, and a refused token stops the retries.

let h: QueueHarness;
beforeAll(async () => {
  h = await queueHarness();
});
afterAll(async () => h.close());

function until(check: () => boolean, what: string): Promise<void> {
  return new Promise((done, fail) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (check()) {
        clearInterval(poll);
        done();
      } else if (Date.now() - started > 10_000) {
        clearInterval(poll);
        fail(new Error(`timed out waiting for ${what}`));
      }
    }, 10);
  });
}

/** Queue a scrobble (a queue-changed event) every 100 ms until `seen`: the stream may still
 * be connecting when the first one goes out. */
async function pokeUntilSeen(server: RunningServer, seen: () => boolean, what: string) {
  let n = 0;
  await until(() => {
    if (n++ % 10 === 0) void enqueue(server, `Poke ${n}`).catch(() => undefined);
    return seen();
  }, what);
}

const enqueue = (server: RunningServer, track: string) =>
  apiCall(
    server.port,
    'queue.enqueue',
    {
      items: [{ artist: 'Broadcast', track, timestamp: Math.floor(h.now() / 1000) - 120 }],
      source: 'manual',
    },
    bearer(server.token),
  );

describe('openEventStream against serve', () => {
  it('delivers events, and picks up again after the server restarts', async () => {
    let server = await startServer({ core: h.core, staticDir: '/nonexistent' });
    const { port, token } = server;
    const events: CoreEvent[] = [];
    const close = openEventStream({
      url: `http://127.0.0.1:${port}/api/events`,
      headers: bearer(token),
      onData: (data) => events.push(JSON.parse(data) as CoreEvent),
      retry: { firstMs: 20, maxMs: 100 },
    });
    try {
      const changed = () => events.some((e) => e.type === 'queue-changed');
      await pokeUntilSeen(server, changed, 'the first queue-changed event');

      await server.close();
      events.length = 0;
      server = await startServer({ core: h.core, staticDir: '/nonexistent', port, token });
      await pokeUntilSeen(server, changed, 'an event after the restart');
    } finally {
      close();
      await server.close();
    }
  });

  it('stops for good when the token is refused (a new run has a new token)', async () => {
    let requests = 0;
    const refusing = createServer((_req, res) => {
      requests++;
      res.writeHead(401).end();
    });
    await new Promise<void>((ready) => refusing.listen(0, '127.0.0.1', ready));
    const { port } = refusing.address() as AddressInfo;
    const close = openEventStream({
      url: `http://127.0.0.1:${port}/api/events`,
      headers: bearer('old-token'),
      onData: () => undefined,
      retry: { firstMs: 5, maxMs: 5 },
    });
    try {
      await until(() => requests === 1, 'the first request');
      // Ten retry periods: a stream that kept retrying would have asked again by now.
      await new Promise((r) => setTimeout(r, 50));
      expect(requests).toBe(1);
    } finally {
      close();
      await new Promise((done) => refusing.close(done));
    }
  });
});
