import { createBridgeTransport } from './bridge-transport.js';
import type { CoreTransport } from './core-transport.js';
import { createHttpTransport } from './http-transport.js';

/** The preload bridge when running in Electron, else the headless server's HTTP client. */
export function pickTransport(): CoreTransport {
  const bridge = window.scrobbletray;
  return bridge ? createBridgeTransport(bridge) : createHttpTransport();
}
