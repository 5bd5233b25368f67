import type { ContractInput, ContractMethod } from '../../shared/contract.js';
import type { CoreEvent } from '../../shared/core-events.js';
import { readCallReply } from '../../shared/call-reply.js';
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
      let raw: unknown;
      try {
        raw = await bridge.call(method, input);
      } catch {
        // Main answers every call with a reply; a throw means the app itself is going away.
        throw new CoreCallError('Scrobbletray is not answering. Try again in a moment.');
      }
      const reply = readCallReply(raw);
      if (reply === null) throw new CoreCallError('Scrobbletray gave an answer it cannot read.');
      if (reply.ok) return reply.result;
      throw new CoreCallError(reply.error.message, {
        kind: reply.error.kind,
        problems: reply.error.problems,
      });
    },
    onEvent(listener: (e: CoreEvent) => void): () => void {
      return bridge.onEvent(listener);
    },
  };
}
