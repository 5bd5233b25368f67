// undici's `request()` and `Agent`, loaded without undici's index. The index also builds
// fetch, WebSocket, the Cache API, cookies and the mock agents, none of which we use; on
// Node 20 compiling them cost about 80 ms of every `scrobbletray scrobble` (a player hook
// runs it once per track, see docs/PERFORMANCE.md). The modules loaded here are the same
// undici code the index re-exports (the same files, so the same classes), and `request()`
// below does what the index's wrapper does before it hands the call to the dispatcher.
// test/unit/net/undici.test.ts checks it against the index's own request().

import { createRequire } from 'node:module';
import type * as Undici from 'undici';

const load = createRequire(import.meta.url);

type RequestFn = (this: Undici.Dispatcher, opts: Record<string, unknown>) => Promise<unknown>;

export const Agent = load('undici/lib/dispatcher/agent.js') as typeof Undici.Agent;
export type Agent = Undici.Agent;
const apiRequest = load('undici/lib/api/api-request.js') as RequestFn;
const { getGlobalDispatcher } = load('undici/lib/global.js') as {
  getGlobalDispatcher: typeof Undici.getGlobalDispatcher;
};
const { parseURL } = load('undici/lib/core/util.js') as { parseURL: (url: unknown) => URL };

/** undici's `request(url, options)`: same arguments, same answer, same errors. */
export const request = ((url: string | URL, options: Record<string, unknown> = {}) => {
  const { dispatcher = getGlobalDispatcher(), ...rest } = options as {
    dispatcher?: Undici.Dispatcher;
    [key: string]: unknown;
  };
  const parsed = parseURL(url); // throws undici's InvalidArgumentError, as the index does
  return apiRequest.call(dispatcher, {
    ...rest,
    origin: parsed.origin,
    path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname,
    method: rest['method'] ?? (rest['body'] ? 'PUT' : 'GET'),
  });
}) as typeof Undici.request;
