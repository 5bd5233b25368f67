// The OAuth flows are not tied to SoundCloud: the same code signs in to the standalone fake
// providers with endpoints of their own, as any compatible server would have. OAuth 2.1 here
// is a public client (no secret), protected by PKCE alone.
import { afterEach, describe, expect, it } from 'vitest';
import { createLoopbackManager } from '../../../src/main/auth/loopback-manager.js';
import { httpCall } from '../../../src/main/oauth/http.js';
import { signInWithOAuth1 } from '../../../src/main/oauth/oauth1/flow.js';
import { signInWithOAuth2 } from '../../../src/main/oauth/oauth2/flow.js';
import { oauth1Authorizer } from '../../../src/main/soundcloud/authorizer.js';
import {
  DEFAULT_CONSUMER,
  decideInBrowser,
  startFakeOAuth1,
  visit,
} from '../../support/fake-oauth1/index.js';
import { startFakeOAuth2 } from '../../support/fake-oauth2/index.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function browserOpening(): { openUrl: (url: string) => void; opened: Promise<string> } {
  let openUrl!: (url: string) => void;
  const opened = new Promise<string>((resolve) => (openUrl = resolve));
  return { openUrl, opened };
}

describe('OAuth flows against providers with their own endpoints', () => {
  it('OAuth 1.0a', async () => {
    const fake = await startFakeOAuth1({
      users: ['bob'],
      paths: { requestToken: '/initiate', authorize: '/approve', accessToken: '/token' },
    });
    closers.push(fake.close);
    const consumer = { key: DEFAULT_CONSUMER.key, secret: DEFAULT_CONSUMER.secret };
    const browser = browserOpening();
    const result = signInWithOAuth1({
      service: 'Example',
      endpoints: {
        requestTokenUrl: fake.requestTokenUrl,
        authorizeUrl: fake.authorizeUrl,
        accessTokenUrl: fake.accessTokenUrl,
      },
      consumer,
      loopback: createLoopbackManager(),
      openUrl: browser.openUrl,
      async complete(access) {
        const url = fake.whoamiUrl;
        const header = await oauth1Authorizer(consumer, access).header('GET', url);
        const res = await httpCall({ method: 'GET', url, headers: { authorization: header } });
        return { result: { user: res.text, access }, user: res.text };
      },
    });
    const location = await decideInBrowser(await browser.opened, 'allow');
    const [tab, done] = await Promise.all([visit(location), result]);
    expect(tab.body).toContain('<strong>bob</strong>');
    expect(done.user).toBe('bob');
    expect(fake.provider.accessGrants.get(done.access.token)?.secret).toBe(done.access.secret);
    expect(fake.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /initiate',
      'GET /approve',
      'POST /approve',
      'POST /token',
      'GET /whoami',
    ]);
  });

  it('OAuth 2.1 with PKCE, public client', async () => {
    const fake = await startFakeOAuth2({
      clients: { 'public-app': { redirectPath: '/callback' } },
      users: ['carol'],
      paths: { authorize: '/o/authorize', token: '/o/token' },
    });
    closers.push(fake.close);
    const browser = browserOpening();
    const result = signInWithOAuth2({
      service: 'Example',
      endpoints: { authorizeUrl: fake.authorizeUrl, tokenUrl: fake.tokenUrl },
      client: { clientId: 'public-app' },
      loopback: createLoopbackManager(),
      openUrl: browser.openUrl,
      complete: (tokens) => {
        const user = fake.provider.authenticate(`OAuth ${tokens.accessToken}`) ?? 'nobody';
        return Promise.resolve({ result: tokens, user });
      },
    });
    const location = await decideInBrowser(await browser.opened, 'allow');
    const [tab, tokens] = await Promise.all([visit(location), result]);
    expect(tab.body).toContain('<strong>carol</strong>');
    expect(tokens.refreshToken).toBeDefined();
    const exchange = fake.requests.find((r) => r.url.pathname === '/o/token')!;
    expect(new Map(exchange.form).has('client_secret')).toBe(false);
    expect(new Map(exchange.form).get('code_verifier')).toMatch(/^[\w-]{43}$/);
  });
});
