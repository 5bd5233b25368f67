import { createBridgeTransport } from './bridge-transport.js';
import type { CoreTransport } from './core-transport.js';
import { takeAccessToken, type TokenPlace } from './access-token.js';
import { createHttpTransport } from './http-transport.js';

/** The preload bridge when running in Electron, else the headless server's HTTP client. */
export function pickTransport(): CoreTransport {
  const bridge = window.scrobbletray;
  return bridge
    ? createBridgeTransport(bridge)
    : createHttpTransport(takeAccessToken(browserTokenPlace()));
}

/** The browser's own places; storage access can throw when site data is blocked. */
function browserTokenPlace(): TokenPlace {
  let storage: TokenPlace['storage'];
  try {
    storage = window.sessionStorage;
  } catch {
    storage = null;
  }
  return { location: window.location, history: window.history, storage };
}
