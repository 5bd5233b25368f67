// `scrobbletray serve` as a user runs it: a real child process on a real data dir, the fake
// Last.fm and the real keychain (run under scripts/with-keyring.sh). It prints the address,
// answers with the token and refuses without it, sends queued scrobbles by itself, and stops
// cleanly on SIGTERM and SIGINT.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliProcess } from '../support/cli.js';
import { queueCliContext, recorded, type QueueCliContext } from '../support/cli-queue.js';
import { startFakeLastfm, type FakeLastfm } from '../support/fake-lastfm/index.js';
import { apiCall, bearer, headlessRequest } from '../support/headless-client.js';
import { portRefuses, until } from '../support/sign-in.js';

let fake: FakeLastfm;
let ctx: QueueCliContext;

beforeAll(async () => {
  fake = await startFakeLastfm();
  ctx = queueCliContext(fake, 'serve');
});
afterAll(async () => {
  await ctx.close();
  await fake.close();
});

const ADDRESS = /Scrobbletray is running at (http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]+))\n/;

describe('scrobbletray serve', () => {
  it('prints the address, answers with its token, sends by itself, and stops on SIGTERM', async () => {
    const env = await ctx.signedIn();
    const serve = cliProcess(['serve', '--port', '0'], env);
    try {
      const [, url, portText, token] = await serve.waitFor(ADDRESS);
      const port = Number(portText);

      const refused = await apiCall(port, 'queue.stats', {}, {});
      expect(refused.status).toBe(401);
      const page = await headlessRequest(port, { path: '/' });
      expect(page.status).toBe(200);
      expect(url).toBe(`http://127.0.0.1:${port}/#token=${token}`);

      const accounts = await apiCall(port, 'account.list', {}, bearer(token!));
      expect(accounts.status).toBe(200);
      expect(accounts.json()).toMatchObject({
        ok: true,
        result: expect.arrayContaining([
          expect.objectContaining({ service: 'lastfm', user: ctx.user }),
        ]),
      });

      // No flush call: the core sends on its own, as the tray app does.
      const queued = await apiCall(
        port,
        'queue.enqueue',
        {
          items: [
            { artist: 'Stereolab', track: 'Served', timestamp: Math.floor(Date.now() / 1000) - 90 },
          ],
          source: 'manual',
        },
        bearer(token!),
      );
      expect(queued.status).toBe(200);
      await until(() => recorded(fake, ctx.user, 'Served').length === 1, 'the auto-send');

      serve.kill('SIGTERM');
      const run = await serve.done;
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('Scrobbletray stopped.');
      expect(await portRefuses(port)).toBe(true);
    } finally {
      serve.kill('SIGKILL');
    }
  });

  it('--json prints one line with the url and port; SIGINT stops it too', async () => {
    const serve = cliProcess(['serve', '--json'], ctx.signedOut());
    try {
      const [line] = await serve.waitFor(/^\{.*\}\n/);
      const { url, port } = JSON.parse(line) as { url: string; port: number };
      expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/#token=[\\w-]{43}$`));
      const token = new URL(url).hash.slice('#token='.length);
      const stats = await apiCall(port, 'queue.stats', {}, bearer(token));
      expect(stats.status).toBe(200);
      serve.kill('SIGINT');
      const run = await serve.done;
      expect(run.code, run.stderr).toBe(0);
      expect(await portRefuses(port)).toBe(true);
    } finally {
      serve.kill('SIGKILL');
    }
  });

  it('exits 1 with a clear message when the port is taken', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const run = await cli(['serve', '--port', String(port)], ctx.signedOut());
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(run.stderr).toContain('--port');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('exits 2 on a port that is not a port', async () => {
    for (const bad of ['http', '1.5', '70000']) {
      const run = await cli(['serve', '--port', bad], ctx.signedOut());
      expect(run.code, bad).toBe(2);
      expect(run.stderr).toContain('--port must be a port number');
    }
  });
});
