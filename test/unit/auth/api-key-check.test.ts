// The API key check against the fake Last.fm on 127.0.0.1:0 (real HTTP, the real client): a
// good pair passes, a wrong key or secret is refused in words that say what to fix, a pair
// given the wrong way round is recognised as such, a server that is not there fails at once,
// and no message ever carries the secret.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiKeyRejectedError,
  checkApiCredentials,
  checkBeforeSignIn,
  ServiceUnreachableError,
  type AuthApiFactory,
} from '../../../src/main/auth/api-key-check.js';
import { LastfmClient } from '../../../src/main/lastfm/client.js';
import type { ServiceEndpoints } from '../../../src/main/settings/service-config.js';
import { LASTFM, LIBREFM } from '../../../src/shared/services.js';
import { startFakeLastfm, type FakeLastfm } from '../../support/fake-lastfm/index.js';

const KEY = randomBytes(16).toString('hex');
const SECRET = randomBytes(16).toString('hex');

let fake: FakeLastfm | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const clients: AuthApiFactory = (endpoints, credentials) =>
  new LastfmClient({ apiUrl: endpoints.apiUrl, flavor: endpoints.preset.flavor, ...credentials });

async function lastfm(): Promise<ServiceEndpoints> {
  fake = await startFakeLastfm({ apiKey: KEY, apiSecret: SECRET });
  return { preset: LASTFM, apiUrl: fake.apiUrl, authUrl: fake.authUrl, apiKey: null };
}

/** A loopback port nobody listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function refusal(p: Promise<unknown>): Promise<Error & { problems?: unknown }> {
  try {
    await p;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected the check to refuse');
}

const getTokenCalls = () => fake?.requests.filter((r) => r.method === 'auth.getToken').length;

describe('checkApiCredentials', () => {
  it('accepts the key and secret the service knows, with one signed call', async () => {
    const endpoints = await lastfm();
    await checkApiCredentials(endpoints, { apiKey: KEY, apiSecret: SECRET }, clients);
    expect(getTokenCalls()).toBe(1);
  });

  it('refuses an unknown key, saying where to copy the right one', async () => {
    const endpoints = await lastfm();
    const other = randomBytes(16).toString('hex');
    const error = await refusal(
      checkApiCredentials(endpoints, { apiKey: other, apiSecret: SECRET }, clients),
    );
    expect(error).toBeInstanceOf(ApiKeyRejectedError);
    expect((error as ApiKeyRejectedError).reason).toBe('unknown-key');
    expect(error.message).toBe(
      'Last.fm does not know this API key. Copy it from your API account page (https://www.last.fm/api/accounts).',
    );
    expect((error as ApiKeyRejectedError).problems).toContainEqual({
      field: 'apiKey',
      message: 'Last.fm does not know this API key.',
    });
    expect(JSON.stringify({ m: error.message, p: error.problems })).not.toContain(SECRET);
  });

  it('refuses a secret that does not belong to the key', async () => {
    const endpoints = await lastfm();
    const wrong = randomBytes(16).toString('hex');
    const error = await refusal(
      checkApiCredentials(endpoints, { apiKey: KEY, apiSecret: wrong }, clients),
    );
    expect((error as ApiKeyRejectedError).reason).toBe('wrong-secret');
    expect(error.message).toMatch(/^The shared secret does not belong to this API key/);
    expect((error as ApiKeyRejectedError).problems).toContainEqual({
      field: 'apiSecret',
      message: 'This shared secret does not match the key.',
    });
    expect(JSON.stringify({ m: error.message, p: error.problems })).not.toContain(wrong);
  });

  it('notices a key and secret given the wrong way round', async () => {
    const endpoints = await lastfm();
    const error = await refusal(
      checkApiCredentials(endpoints, { apiKey: SECRET, apiSecret: KEY }, clients),
    );
    expect((error as ApiKeyRejectedError).reason).toBe('swapped');
    expect(error.message).toMatch(/wrong way round/);
    expect((error as ApiKeyRejectedError).kind).toBe('invalid-input');
    // Tried as entered, then swapped: two calls, nothing more.
    expect(getTokenCalls()).toBe(2);
  });

  it('says a suspended key is suspended', async () => {
    const endpoints = await lastfm();
    fake?.injectFault({ kind: 'error', code: 26 }, { method: 'auth.getToken' });
    const error = await refusal(
      checkApiCredentials(endpoints, { apiKey: KEY, apiSecret: SECRET }, clients),
    );
    expect((error as ApiKeyRejectedError).reason).toBe('suspended');
    expect(error.message).toMatch(/suspended this API key/);
  });

  it('fails at once with plain words when the server is not there', async () => {
    const port = await closedPort();
    const endpoints: ServiceEndpoints = {
      preset: LASTFM,
      apiUrl: `http://127.0.0.1:${port}/2.0/`,
      authUrl: `http://127.0.0.1:${port}/api/auth/`,
      apiKey: null,
    };
    const error = await refusal(
      checkApiCredentials(endpoints, { apiKey: KEY, apiSecret: SECRET }, clients),
    );
    expect(error).toBeInstanceOf(ServiceUnreachableError);
    expect(error.message).toBe(
      `Could not reach Last.fm (127.0.0.1:${port}). Check your internet connection; if it works, Last.fm may be down: try again in a few minutes.`,
    );
    // The technical reason is kept for a "details" disclosure, not in the message.
    expect(error.problems).toEqual([
      {
        field: 'details',
        message: expect.stringMatching(/auth\.getToken failed: connection refused/),
      },
    ]);
  });

  it('treats a server error (HTTP 503) as the server being down, not as a bad key', async () => {
    const endpoints = await lastfm();
    fake?.injectFault({ kind: 'status', status: 503 }, { method: 'auth.getToken' });
    const error = await refusal(
      checkApiCredentials(endpoints, { apiKey: KEY, apiSecret: SECRET }, clients),
    );
    expect(error).toBeInstanceOf(ServiceUnreachableError);
  });
});

describe('checkBeforeSignIn', () => {
  it('passes for a working key and refuses a saved key the service no longer knows', async () => {
    const endpoints = await lastfm();
    const good = new LastfmClient({ apiUrl: endpoints.apiUrl, apiKey: KEY, apiSecret: SECRET });
    await checkBeforeSignIn(good, endpoints);
    await good.close();

    const other = randomBytes(16).toString('hex');
    const bad = new LastfmClient({ apiUrl: endpoints.apiUrl, apiKey: other, apiSecret: SECRET });
    const error = await refusal(checkBeforeSignIn(bad, endpoints));
    await bad.close();
    expect(error).toBeInstanceOf(ApiKeyRejectedError);
    // A saved key: the fix is to enter it again, and the failure is "sign in first".
    expect(error.message).toBe(
      'Last.fm does not know this API key. Enter the API key and shared secret again.',
    );
    expect((error as ApiKeyRejectedError).kind).toBe('needs-sign-in');
  });

  it('names the service that cannot be reached (Libre.fm down)', async () => {
    const port = await closedPort();
    const endpoints: ServiceEndpoints = {
      preset: LIBREFM,
      apiUrl: `http://127.0.0.1:${port}/2.0/`,
      authUrl: `http://127.0.0.1:${port}/api/auth/`,
      apiKey: null,
    };
    const api = new LastfmClient({
      apiUrl: endpoints.apiUrl,
      flavor: 'gnufm',
      apiKey: LIBREFM.defaultApiKey ?? '',
      apiSecret: LIBREFM.defaultApiSecret ?? '',
    });
    const error = await refusal(checkBeforeSignIn(api, endpoints));
    await api.close();
    expect(error.message).toMatch(/^Could not reach Libre\.fm \(127\.0\.0\.1:\d+\)/);
  });
});
