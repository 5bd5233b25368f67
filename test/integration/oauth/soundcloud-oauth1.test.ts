// OAuth 1.0a sign-in end to end over real HTTP on 127.0.0.1: the app's loopback server, the
// fake SoundCloud (whose 1.0a provider checks signatures with its own RFC 5849 code, nonces,
// timestamps, verifiers and single use) and a test playing the browser.
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SignInCancelledError } from '../../../src/main/auth/auth-api.js';
import { OAuthError } from '../../../src/main/oauth/errors.js';
import { connectSoundCloud } from '../../../src/main/soundcloud/connect.js';
import { decideInBrowser, visit } from '../../support/fake-oauth1/browser.js';
import { startFakeSoundCloud } from '../../support/fake-soundcloud/index.js';
import type { FakeSoundCloud } from '../../support/fake-soundcloud/index.js';
import { startSignIn } from '../../support/fake-soundcloud/sign-in.js';
import { expectNoSecretIn, failure } from '../../support/sign-in-failure.js';

let fake: FakeSoundCloud;
beforeEach(async () => {
  fake = await startFakeSoundCloud({ users: ['alice'] });
});
afterEach(() => fake.close());

/** Every token and secret the fake handed out, plus the app's consumer secret. */
function allSecrets(): string[] {
  const out = [fake.consumer.secret];
  for (const [token, t] of fake.oauth1.requestTokens) out.push(token, t.secret, t.verifier ?? '');
  for (const g of fake.oauth1.accessGrants.values()) out.push(g.token, g.secret);
  return out.filter((s) => s.length >= 6);
}

describe('SoundCloud sign-in by OAuth 1.0a', () => {
  it('signs in: confirmed callback, approval, verifier exchanged, user looked up and kept', async () => {
    const run = startSignIn(fake, 'oauth1');
    const approval = new URL(await run.approvalUrl);
    expect(`${approval.origin}${approval.pathname}`).toBe(
      fake.env('oauth1').SCROBBLETRAY_SOUNDCLOUD_AUTHORIZE_URL,
    );
    const requestToken = approval.searchParams.get('oauth_token')!;
    // The callback we registered is our loopback, with our own state in it.
    const callback = new URL(fake.oauth1.requestTokens.get(requestToken)!.callback);
    expect(callback.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(callback.searchParams.get('state')).toMatch(/^[\w-]{43}$/);

    const location = await decideInBrowser(approval.toString(), 'allow');
    const [tab, credential] = await Promise.all([visit(location), run.result]);
    expect(tab.status).toBe(200);
    expect(tab.body).toContain('<strong>alice</strong>');
    expect(credential).toMatchObject({ method: 'oauth1', user: { username: 'alice' } });
    const grant = fake.oauth1.accessGrants.get(credential.accessToken)!;
    expect(credential.method === 'oauth1' && credential.tokenSecret).toBe(grant.secret);
    expect(run.kept).toEqual([credential]);
    // The app sends tokens in the Authorization header only, never in a URL (the approval
    // page's URL carries the request token by design: that is the browser, not the app).
    for (const req of fake.requests) {
      expect(req.url.toString()).not.toContain(credential.accessToken);
      if (req.url.pathname !== '/oauth/authorize') {
        expect(req.url.toString()).not.toContain(requestToken);
      }
    }
    // The access token signs API calls.
    const api = connectSoundCloud({
      credential,
      endpoints: { apiUrl: fake.apiUrl, tokenUrl: '' },
      consumer: fake.consumer,
      save: () => Promise.resolve(),
    });
    expect((await api.me()).username).toBe('alice');
    expect(fake.oauth1.problems).toEqual([]);
  });

  it('refuses a callback carrying a token approved for someone else, and exchanges nothing', async () => {
    const run = startSignIn(fake, 'oauth1');
    const location = new URL(await decideInBrowser(await run.approvalUrl, 'allow'));
    // The attacker approved a request token of their own and swaps it in (the state is ours).
    const attacker = fake.oauth1.approvedRequestTokenFor('alice');
    location.searchParams.set('oauth_token', attacker.token);
    location.searchParams.set('oauth_verifier', attacker.verifier);
    const [tab, error] = await Promise.all([visit(location.toString()), failure(run.result)]);
    expect(tab.status).toBe(500);
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).kind).toBe('forged-callback');
    expect(error.message).toMatch(/different SoundCloud sign-in/);
    expect(fake.requests.filter((r) => r.url.pathname === '/oauth/access_token')).toHaveLength(0);
    expect(run.kept).toEqual([]);
    expectNoSecretIn(error, allSecrets());
  });

  it('ignores a callback without our state and still takes the real one', async () => {
    const run = startSignIn(fake, 'oauth1');
    const location = new URL(await decideInBrowser(await run.approvalUrl, 'allow'));
    const forged = new URL(location);
    forged.searchParams.delete('state');
    expect((await visit(forged.toString())).status).toBe(400);
    const wrongHost = await visit(location.toString(), { host: 'evil.example' });
    expect(wrongHost.status).toBe(421);
    const [tab, credential] = await Promise.all([visit(location.toString()), run.result]);
    expect(tab.status).toBe(200);
    expect(credential.user.username).toBe('alice');
  });

  it('uses a callback once: a replay gets "already used" and one access token is issued', async () => {
    const run = startSignIn(fake, 'oauth1');
    const location = await decideInBrowser(await run.approvalUrl, 'allow');
    const tabs = await Promise.all([visit(location), visit(location), run.result]);
    expect([tabs[0].status, tabs[1].status].sort()).toEqual([200, 410]);
    expect(fake.oauth1.accessGrants.size).toBe(1);
    // Afterwards the port is closed: a later replay reaches nothing.
    await expect(visit(location)).rejects.toThrow();
  });

  it('refuses a provider that does not confirm the callback (plain OAuth 1.0)', async () => {
    fake.oauth1.confirmCallback = false;
    const run = startSignIn(fake, 'oauth1');
    let opened = false;
    void run.approvalUrl.then(() => (opened = true));
    const error = await failure(run.result);
    expect((error as OAuthError).kind).toBe('insecure-provider');
    expect(error.message).toMatch(/old OAuth 1\.0.*will not use it/);
    expect(opened).toBe(false);
    expect(run.loopback.current === null || run.loopback.current.signal.aborted).toBe(true);
    expectNoSecretIn(error, allSecrets());
  });

  it('says so in plain words when the user denies access', async () => {
    const run = startSignIn(fake, 'oauth1');
    const location = await decideInBrowser(await run.approvalUrl, 'deny');
    expect(new URL(location).searchParams.has('denied')).toBe(true);
    const [tab, error] = await Promise.all([visit(location), failure(run.result)]);
    expect(tab.status).toBe(403);
    expect(tab.body).toContain('not approved');
    expect((error as OAuthError).kind).toBe('denied');
    expect(error.message).toMatch(/not approved on SoundCloud's page/);
    expectNoSecretIn(error, allSecrets());
  });

  it('reports a wrong consumer secret (the provider checks the signature) without quoting it', async () => {
    const run = startSignIn(fake, 'oauth1', { consumerSecret: 'not-the-right-secret' });
    const error = await failure(run.result);
    expect(fake.oauth1.problems).toEqual(['signature_invalid']);
    expect(error.message).toMatch(
      /refused the request token \(HTTP 401, signature_invalid\)\. Check the consumer key and secret/,
    );
    expect(error.message).not.toContain('not-the-right-secret');
  });

  it('reports a clock far off (timestamp refused)', async () => {
    const run = startSignIn(fake, 'oauth1', { now: () => Date.now() - 3_600_000 });
    const error = await failure(run.result);
    expect(fake.oauth1.problems).toEqual(['timestamp_refused']);
    expect(error.message).toMatch(/timestamp_refused.*clock/);
  });

  it('the fake refuses a replayed signed request (same nonce and timestamp)', async () => {
    const run = startSignIn(fake, 'oauth1');
    const location = await decideInBrowser(await run.approvalUrl, 'allow');
    await Promise.all([visit(location), run.result]);
    const signedMe = fake.requests.find((r) => r.url.pathname === '/me')!;
    const replay = await request(signedMe.url, {
      headers: { authorization: signedMe.headers.authorization! },
    });
    expect(replay.statusCode).toBe(401);
    expect(await replay.body.text()).toBe('oauth_problem=nonce_used');
  });

  it('cancelling stops waiting and closes the port', async () => {
    const run = startSignIn(fake, 'oauth1');
    await run.approvalUrl;
    const pending = run.loopback.current!;
    run.loopback.cancel();
    expect(await failure(run.result)).toBeInstanceOf(SignInCancelledError);
    await pending.closed;
  });
});
