import type { ContractInput, ContractMethod } from '../../shared/contract.js';
import type { CoreEvent } from '../../shared/core-events.js';
import { parseBridgeError } from '../lib/bridge-error.js';
import { CoreCallError, type CoreTransport } from './core-transport.js';

// In Electron the preload script (src/main/electron/preload.cts) exposes `window.scrobbletray`
// through contextBridge; main validates every call against the shared contract. This is the
// window's only way into the process there.

export interface ScrobbletrayBridge {
  call(method: string, input: unknown): Promise<unknown>;
  /** Returns the function that stops listening. */
  onEvent(listener: (event: CoreEvent) => void): () => void;
}

declare global {
  interface Window {
    scrobbletray?: ScrobbletrayBridge;
  }
}

export function createBridgeTransport(bridge: ScrobbletrayBridge): CoreTransport {
  return {
    async call<M extends ContractMethod>(method: M, input: ContractInput<M>): Promise<unknown> {
      try {
        return await bridge.call(method, input);
      } catch (error) {
        throw asCallError(error);
      }
    },
    onEvent(listener: (e: CoreEvent) => void): () => void {
      return bridge.onEvent(listener);
    },
  };
}

/** The same error shape as the HTTP transport, whatever crossed the IPC boundary. */
function asCallError(error: unknown): CoreCallError {
  if (error instanceof CoreCallError) return error;
  const raw = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const failure = parseBridgeError(String(raw.message ?? error), raw.problems);
  return new CoreCallError(failure.message, failure.problems ? { problems: failure.problems } : {});
}
