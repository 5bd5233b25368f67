// A standalone fake OAuth 2.1 provider on 127.0.0.1:0 (the fake SoundCloud mounts the same
// provider next to its API).
import { startHttp } from '../fake-oauth1/http-server.js';
import type { FakeRequest } from '../fake-oauth1/http-server.js';
import { FakeOAuth2Provider } from './provider.js';
import type { FakeOAuth2Options } from './provider.js';

export { DEFAULT_CLIENT, FakeOAuth2Provider } from './provider.js';
export type { FakeOAuth2Client, FakeOAuth2Options } from './provider.js';

export interface FakeOAuth2 {
  provider: FakeOAuth2Provider;
  origin: string;
  authorizeUrl: string;
  tokenUrl: string;
  readonly requests: FakeRequest[];
  close(): Promise<void>;
}

export async function startFakeOAuth2(opts: FakeOAuth2Options = {}): Promise<FakeOAuth2> {
  const provider = new FakeOAuth2Provider(opts);
  const server = await startHttp((req) => provider.handle(req));
  return {
    provider,
    origin: server.origin,
    authorizeUrl: `${server.origin}${provider.paths.authorize}`,
    tokenUrl: `${server.origin}${provider.paths.token}`,
    requests: server.requests,
    close: () => server.close(),
  };
}
