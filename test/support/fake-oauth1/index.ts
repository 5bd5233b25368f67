// A standalone fake OAuth 1.0a provider on 127.0.0.1:0 (the fake SoundCloud mounts the same
// provider next to its API).
import { FakeOAuth1Provider } from './provider.js';
import type { FakeOAuth1Options } from './provider.js';
import { startHttp } from './http-server.js';
import type { FakeRequest } from './http-server.js';

export { DEFAULT_CONSUMER, FakeOAuth1Provider } from './provider.js';
export type { AccessGrant, FakeOAuth1Options } from './provider.js';
export { decideInBrowser, visit } from './browser.js';

export interface FakeOAuth1 {
  provider: FakeOAuth1Provider;
  origin: string;
  requestTokenUrl: string;
  authorizeUrl: string;
  accessTokenUrl: string;
  /** URL of a protected resource answering the signed-in user's name (GET /whoami). */
  whoamiUrl: string;
  readonly requests: FakeRequest[];
  close(): Promise<void>;
}

export async function startFakeOAuth1(opts: FakeOAuth1Options = {}): Promise<FakeOAuth1> {
  const provider = new FakeOAuth1Provider(opts);
  const server = await startHttp((req) => {
    if (req.url.pathname === '/whoami') {
      const who = provider.authenticate(req);
      return 'status' in who
        ? who
        : { status: 200, headers: { 'content-type': 'text/plain' }, body: who.user };
    }
    return provider.handle(req);
  });
  return {
    provider,
    origin: server.origin,
    requestTokenUrl: `${server.origin}${provider.paths.requestToken}`,
    authorizeUrl: `${server.origin}${provider.paths.authorize}`,
    accessTokenUrl: `${server.origin}${provider.paths.accessToken}`,
    whoamiUrl: `${server.origin}/whoami`,
    requests: server.requests,
    close: () => server.close(),
  };
}
