// OAuth 2.1 (authorization code + PKCE S256) sign-in end to end over real HTTP on 127.0.0.1:
// the app's loopback server, the fake SoundCloud's OAuth 2.1 provider (redirect_uri check,
// PKCE check, single-use codes, rotating refresh tokens with reuse detection) and a test
// playing the browser. Also: keeping the token fresh, rotation, and reuse being refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLoopbackManager } from '../../../src/main/auth/loopback-manager.js';
import { SignInCancelledError } from '../../../src/main/auth/auth-api.js';
import { OAuthError } from '../../../src/main/oauth/errors.js';
import {
  exchangeAuthorizationCode,
  refreshAccessToken,
} from '../../../src/main/oauth/oauth2/token-endpoint.js';
import type { SoundCloudCredential } from '../../../src/main/oauth/soundcloud-credential.js';
import { soundCloudEndpoints } from '../../../src/main/oauth/soundcloud-endpoints.js';
import { signInToSoundCloud } from '../../../src/main/oauth/soundcloud-sign-in.js';
import { connectSoundCloud } from '../../../src/main/soundcloud/connect.js';
import { SoundCloudError } from '../../../src/main/soundcloud/errors.js';
import { decideInBrowser, visit } from '../../support/fake-oauth1/browser.js';
import { startFakeSoundCloud } from '../../support/fake-soundcloud/index.js';
import type { FakeSoundCloud } from '../../support/fake-soundcloud/index.js';
import { signInThroughFake, startSignIn } from '../../support/fake-soundcloud/sign-in.js';
import { expectNoSecretIn, failure } from '../../support/sign-in-failure.js';

let fake: FakeSoundCloud;
beforeEach(async () => {
  fake = await startFakeSoundCloud({ users: ['alice'] });
});
afterEach(() => fake.close());

function allSecrets(): string[] {
  return [
    fake.consumer.secret,
    ...fake.oauth2.codes.keys(),
    ...fake.oauth2.accessTokens.keys(),
    ...fake.oauth2.refreshTokens.keys(),
  ];
}

const tokenCalls = () => fake.requests.filter((r) => r.url.pathname === '/oauth/token');

describe('SoundCloud sign-in by OAuth 2.1 with PKCE', () => {
  it('signs in: S256 challenge, loopback redirect_uri, code exchanged, user kept', async () => {
    const before = Date.now();
    const run = startSignIn(fake, 'oauth2');
    const approval = new URL(await run.approvalUrl);
    expect(approval.searchParams.get('code_challenge_method')).toBe('S256');
    expect(approval.searchParams.get('response_type')).toBe('code');
    expect(approval.searchParams.get('redirect_uri')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/callback$/,
    );
    expect(approval.searchParams.get('state')).toMatch(/^[\w-]{43}$/);

    const location = await decideInBrowser(approval.toString(), 'allow');
    const [tab, credential] = await Promise.all([visit(location), run.result]);
    expect(tab.status).toBe(200);
    expect(tab.body).toContain('<strong>alice</strong>');
    expect(credential).toMatchObject({ method: 'oauth2', user: { username: 'alice' } });
    if (credential.method !== 'oauth2') throw new Error('unreachable');
    expect(fake.oauth2.accessTokens.has(credential.accessToken)).toBe(true);
    expect(fake.oauth2.refreshTokens.has(credential.refreshToken!)).toBe(true);
    expect(credential.expiresAt).toBeGreaterThanOrEqual(before + 3600_000);
    expect(credential.expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000);
    expect(run.kept).toEqual([credential]);
    // The verifier went to the token endpoint only, in the body.
    const exchange = tokenCalls()[0]!;
    expect(new Map(exchange.form).get('redirect_uri')).toBe(
      approval.searchParams.get('redirect_uri'),
    );
    expect(exchange.url.search).toBe('');
    expect(fake.oauth2.tokenErrors).toEqual([]);
  });

  it('ignores a callback with the wrong state and still takes the real one', async () => {
    const run = startSignIn(fake, 'oauth2');
    const location = new URL(await decideInBrowser(await run.approvalUrl, 'allow'));
    const forged = new URL(location);
    forged.searchParams.set('state', 'x'.repeat(43));
    const forgedTab = await visit(forged.toString());
    expect(forgedTab.status).toBe(400);
    expect(forgedTab.body).toContain('not the one Scrobbletray is waiting for');
    expect(tokenCalls()).toHaveLength(0);
    const [tab, credential] = await Promise.all([visit(location.toString()), run.result]);
    expect(tab.status).toBe(200);
    expect(credential.user.username).toBe('alice');
  });

  it('uses a callback once: a replay gets "already used", the code is exchanged once', async () => {
    const run = startSignIn(fake, 'oauth2');
    const location = await decideInBrowser(await run.approvalUrl, 'allow');
    const [a, b] = await Promise.all([visit(location), visit(location), run.result]);
    expect([a.status, b.status].sort()).toEqual([200, 410]);
    expect(tokenCalls()).toHaveLength(1);
  });

  it('says so in plain words when the user denies access, without waiting for the timeout', async () => {
    const run = startSignIn(fake, 'oauth2', { timeoutMs: 60_000 });
    const location = await decideInBrowser(await run.approvalUrl, 'deny');
    expect(new URL(location).searchParams.get('error')).toBe('access_denied');
    const [tab, error] = await Promise.all([visit(location), failure(run.result)]);
    expect(tab.status).toBe(403);
    expect((error as OAuthError).kind).toBe('denied');
    expect(error.message).toMatch(/not approved on SoundCloud's page/);
    expect(tokenCalls()).toHaveLength(0);
    expectNoSecretIn(error, allSecrets());
  });

  it('a provider with another registered redirect refuses to send the browser anywhere', async () => {
    const other = await startFakeSoundCloud({ users: ['alice'] });
    other.oauth2.clients.get(other.consumer.key)!.redirectPath = '/elsewhere';
    try {
      const run = startSignIn(other, 'oauth2');
      await expect(decideInBrowser(await run.approvalUrl, 'allow')).rejects.toThrow(
        /HTTP 400: The redirect_uri or client_id is not registered/,
      );
      run.loopback.cancel();
      expect(await failure(run.result)).toBeInstanceOf(SignInCancelledError);
    } finally {
      await other.close();
    }
  });

  it('a code exchanged with another redirect_uri or a wrong PKCE verifier is refused', async () => {
    // A stolen code is useless without the verifier, which never left the app.
    const run = startSignIn(fake, 'oauth2');
    const location = new URL(await decideInBrowser(await run.approvalUrl, 'allow'));
    const code = location.searchParams.get('code')!;
    const redirectUri = `${location.origin}${location.pathname}`;
    const base = {
      tokenUrl: fake.env('oauth2').SCROBBLETRAY_SOUNDCLOUD_TOKEN_URL!,
      client: { clientId: fake.consumer.key, clientSecret: fake.consumer.secret },
      service: 'SoundCloud',
      code,
    };
    const wrongVerifier = await failure(
      exchangeAuthorizationCode({ ...base, redirectUri, codeVerifier: 'v'.repeat(43) }),
    );
    expect(wrongVerifier).toBeInstanceOf(OAuthError);
    expect((wrongVerifier as OAuthError).code).toBe('invalid_grant');
    expect(wrongVerifier.message).toMatch(/refused the sign-in code.*PKCE verification failed/);
    const wrongRedirect = await failure(
      exchangeAuthorizationCode({
        ...base,
        redirectUri: 'http://127.0.0.1:1/callback',
        codeVerifier: 'v'.repeat(43),
      }),
    );
    expect(wrongRedirect.message).toMatch(/redirect_uri does not match/);
    expectNoSecretIn(wrongVerifier, allSecrets());
    expectNoSecretIn(wrongRedirect, allSecrets());
    // The app's own exchange, with the right verifier, still works.
    const [tab, credential] = await Promise.all([visit(location.toString()), run.result]);
    expect(tab.status).toBe(200);
    expect(credential.user.username).toBe('alice');
  });

  it('reports wrong app credentials as a setting to fix, without quoting the secret', async () => {
    const run = startSignIn(fake, 'oauth2', { consumerSecret: 'wrong-secret-value' });
    const location = await decideInBrowser(await run.approvalUrl, 'allow');
    const [tab, error] = await Promise.all([visit(location), failure(run.result)]);
    expect(tab.status).toBe(500);
    expect((error as OAuthError).kind).toBe('config');
    expect(error.message).toMatch(/SCROBBLETRAY_SOUNDCLOUD_CONSUMER_KEY/);
    expect(error.message).not.toContain('wrong-secret-value');
    expect(run.kept).toEqual([]);
  });

  it('gives up, in plain words, when the browser never comes back', async () => {
    const run = startSignIn(fake, 'oauth2', { timeoutMs: 300 });
    await run.approvalUrl;
    const pending = run.loopback.current!;
    const error = await failure(run.result);
    expect((error as OAuthError).kind).toBe('unreachable');
    expect(error.message).toBe(
      "Nobody came back from SoundCloud's approval page in time: start signing in again.",
    );
    await pending.closed;
  });

  it('asks for the app credentials when none are set', async () => {
    const error = await failure(
      signInToSoundCloud({
        method: 'oauth2',
        consumer: { key: '', secret: '' },
        loopback: createLoopbackManager(),
        openUrl: () => undefined,
        endpoints: soundCloudEndpoints('oauth2', fake.env('oauth2')),
      }),
    );
    expect(error.message).toMatch(
      /set SCROBBLETRAY_SOUNDCLOUD_CONSUMER_KEY and SCROBBLETRAY_SOUNDCLOUD_CONSUMER_SECRET/,
    );
  });
});

describe('keeping an OAuth 2.1 sign-in fresh', () => {
  function connect(
    credential: SoundCloudCredential,
    now: () => number,
    saved: SoundCloudCredential[],
  ) {
    return connectSoundCloud({
      credential,
      endpoints: soundCloudEndpoints('oauth2', fake.env('oauth2')),
      consumer: fake.consumer,
      save: (c) => {
        saved.push(c);
        return Promise.resolve();
      },
      now,
    });
  }

  it('refreshes an expired token once, saves the rotated pair first, and the old refresh token is dead', async () => {
    const credential = await signInThroughFake(fake, 'oauth2');
    if (credential.method !== 'oauth2') throw new Error('unreachable');
    let offset = 0;
    const saved: SoundCloudCredential[] = [];
    const api = connect(credential, () => Date.now() + offset, saved);
    expect((await api.me()).username).toBe('alice');
    expect(saved).toEqual([]);

    // Two hours later: the access token has expired on both clocks.
    offset = 2 * 3600_000;
    fake.oauth2.advance(offset);
    const refreshesBefore = tokenCalls().length;
    const users = await Promise.all([api.me(), api.me(), api.likes()]);
    expect(users[0].username).toBe('alice');
    // Concurrent calls share one refresh: two with the same token would look like theft.
    expect(tokenCalls().length - refreshesBefore).toBe(1);
    expect(saved).toHaveLength(1);
    const rotated = saved[0]!;
    if (rotated.method !== 'oauth2') throw new Error('unreachable');
    expect(rotated.refreshToken).not.toBe(credential.refreshToken);
    expect(rotated.accessToken).not.toBe(credential.accessToken);
    expect(rotated.user).toEqual(credential.user);

    // The replaced refresh token is refused, and presenting it revokes the whole sign-in.
    const reuse = await failure(
      refreshAccessToken({
        tokenUrl: fake.env('oauth2').SCROBBLETRAY_SOUNDCLOUD_TOKEN_URL!,
        client: { clientId: fake.consumer.key, clientSecret: fake.consumer.secret },
        service: 'SoundCloud',
        refreshToken: credential.refreshToken!,
      }),
    );
    expect((reuse as OAuthError).kind).toBe('reauth');
    expect(reuse.message).toMatch(
      /no longer accepts Scrobbletray's saved sign-in.*Sign in to SoundCloud again/,
    );
    expectNoSecretIn(reuse, allSecrets());
    const afterTheft = await failure(api.me());
    expect(afterTheft).toBeInstanceOf(SoundCloudError);
    expect((afterTheft as SoundCloudError).kind).toBe('reauth');
    expectNoSecretIn(afterTheft, allSecrets());
  });

  it('a 401 on a token the app thought fresh triggers one refresh and a retry', async () => {
    const credential = await signInThroughFake(fake, 'oauth2');
    const saved: SoundCloudCredential[] = [];
    const api = connect(credential, Date.now, saved);
    fake.oauth2.advance(2 * 3600_000); // only the provider's clock moves
    expect((await api.me()).username).toBe('alice');
    expect(saved).toHaveLength(1);
    const meCalls = fake.requests.filter((r) => r.url.pathname === '/me');
    expect(meCalls.at(-2)?.headers.authorization).toBe(`OAuth ${credential.accessToken}`);
    expect(meCalls.at(-1)?.headers.authorization).toBe(`OAuth ${saved[0]!.accessToken}`);
  });

  it('a refresh that fails to save is not used (the rotated token is not lost silently)', async () => {
    const credential = await signInThroughFake(fake, 'oauth2');
    let offset = 0;
    const api = connectSoundCloud({
      credential,
      endpoints: soundCloudEndpoints('oauth2', fake.env('oauth2')),
      consumer: fake.consumer,
      save: () => Promise.reject(new Error('The keychain is locked.')),
      now: () => Date.now() + offset,
    });
    offset = 2 * 3600_000;
    fake.oauth2.advance(offset);
    await expect(api.me()).rejects.toThrow('The keychain is locked.');
    expect(fake.requests.filter((r) => r.url.pathname === '/me')).toHaveLength(1); // the sign-in's own
  });
});
