import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect as pw } from '@playwright/test';
import { afterEach, describe, expect, it } from 'vitest';
import { e2eApp, type E2eApp } from '../support/e2e-app.js';
import { apiCall, bearer } from '../support/headless-client.js';
import { uniqueUser } from '../support/sign-in.js';

// The headless window's access token must never reach another web server on this machine.
// Browsers keep cookies per host, not per port, so a token cookie for 127.0.0.1 would go to
// every local server the user visits (a dev server, another app's web UI) and with it the
// whole API. Here a second local server records everything a browser sends it, after the
// window was opened in Debian's Chromium the way a user opens the address `serve` printed.

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

let app: E2eApp | undefined;
let recorder: { server: Server; base: string; seen: Seen[] } | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  await new Promise((done) => (recorder ? recorder.server.close(done) : done(undefined)));
  recorder = undefined;
});

/** Another local web server on 127.0.0.1, any port, that records every request. */
async function startRecorder() {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>Another local app</title><p>hello');
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  recorder = { server, base, seen };
  return recorder;
}

describe('the headless access token', () => {
  it('works in the window but never reaches another local web server', async () => {
    const user = uniqueUser('e2e');
    app = await e2eApp({ signedInAs: user });
    const { page, server } = app;
    // The window is in and its calls work: the account list came back from the API.
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Account', exact: true })
      .click();
    await pw(page.locator('article[data-service=lastfm]')).toContainText(`Signed in as ${user}`);
    // The token left the address bar, and no cookie holds it.
    expect(page.url()).not.toContain(server.token);
    const cookies = await page.context().cookies();
    expect(cookies.filter((c) => c.value.includes(server.token))).toEqual([]);

    // Events arrive too (their stream sends the token as a header, not a cookie).
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Queue', exact: true })
      .click();
    expect((await apiCall(server.port, 'queue.pause', {}, bearer(server.token))).status).toBe(200);
    const queued = await apiCall(
      server.port,
      'queue.enqueue',
      {
        items: [
          {
            artist: 'Stereolab',
            track: 'Token Test',
            timestamp: Math.floor(Date.now() / 1000) - 90,
          },
        ],
        source: 'manual',
      },
      bearer(server.token),
    );
    expect(queued.status).toBe(200);
    await pw(page.getByRole('main')).toContainText('Token Test', { timeout: 10_000 });

    // The user now visits another local server: in this tab, in a tab it opens, by a fetch.
    const other = await startRecorder();
    await page.goto(other.base);
    const [second] = await Promise.all([
      page.waitForEvent('popup'),
      page.evaluate(`void window.open(${JSON.stringify(`${other.base}second`)})`),
    ]);
    await second.waitForLoadState();
    await second.evaluate((url) => fetch(url, { credentials: 'include' }), `${other.base}fetch`);
    expect(other.seen.map((s) => s.url)).toEqual(
      expect.arrayContaining(['/', '/second', '/fetch']),
    );
    for (const request of other.seen) {
      expect(JSON.stringify(request), request.url).not.toContain(server.token);
      expect(request.headers.cookie, request.url).toBeUndefined();
    }

    // The same tab coming back to the window stays signed in (the token is in this tab's
    // storage for our origin only); a fresh tab without the address is told what to open.
    await page.goto(`http://127.0.0.1:${server.port}/`);
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Account', exact: true })
      .click();
    await pw(page.locator('article[data-service=lastfm]')).toContainText(`Signed in as ${user}`);
    await app.screenshot('headless-token-kept');
    await second.close();
  });

  it('would catch a cookie: the recorder sees cookies a browser holds for 127.0.0.1', async () => {
    // The check above could only fail if the recorder can see such a cookie at all: set one
    // for 127.0.0.1 the way a Set-Cookie from another port would, and it does arrive.
    app = await e2eApp();
    const other = await startRecorder();
    await app.page
      .context()
      .addCookies([{ name: 'from_another_port', value: 'visible', url: app.server.url }]);
    await app.page.goto(other.base);
    expect(other.seen[0]?.headers.cookie).toBe('from_another_port=visible');
  });
});
