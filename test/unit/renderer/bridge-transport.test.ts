// The window's side of Electron IPC, wired to the real IPC binding through a stand-in for
// ipcMain/ipcRenderer (Electron's runtime cannot run here): a refusal reaches the window with
// the same kind and field problems as over HTTP, not as a bare message.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core.js';
import { bindIpc, type IpcCallEvent } from '../../../src/main/electron/ipc.js';
import { ScrobbleValidationError } from '../../../src/main/queue/queue-service.js';
import { NotFoundError } from '../../../src/shared/errors.js';
import { createBridgeTransport } from '../../../src/renderer/transport/bridge-transport.js';
import { CoreCallError } from '../../../src/renderer/transport/core-transport.js';

const APP_URL = 'app://scrobbletray/index.html';

function bridgeTo(queue: Record<string, (...args: unknown[]) => unknown>) {
  let handler: ((event: IpcCallEvent, ...args: unknown[]) => unknown) | undefined;
  const core = { queue, events: { on: () => () => undefined } } as unknown as Core;
  const binding = bindIpc({
    ipcMain: { handle: (_c, fn) => void (handler = fn), removeHandler: () => undefined },
    core,
    isAppUrl: (url) => url.startsWith(APP_URL),
  });
  binding.addWindow({
    id: 1,
    send: () => undefined,
    getURL: () => APP_URL,
    isDestroyed: () => false,
  });
  const event: IpcCallEvent = { sender: { id: 1 }, senderFrame: { url: APP_URL } };
  return createBridgeTransport({
    call: async (method, input) => handler?.(event, method, input),
    onEvent: () => () => undefined,
  });
}

async function callError(promise: Promise<unknown>): Promise<CoreCallError> {
  const error = await promise.then(
    () => expect.fail('expected a refusal'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CoreCallError);
  return error as CoreCallError;
}

describe('bridge transport', () => {
  it('returns the core answer', async () => {
    const transport = bridgeTo({ stats: () => ({ queued: 3 }) });
    await expect(transport.call('queue.stats', {})).resolves.toEqual({ queued: 3 });
  });

  it('a refusal keeps its kind', async () => {
    const transport = bridgeTo({
      remove: () => {
        throw new NotFoundError('No scrobble with id 7.');
      },
    });
    const error = await callError(transport.call('queue.remove', { ids: [7] }));
    expect(error.message).toBe('No scrobble with id 7.');
    expect(error.kind).toBe('not-found');
  });

  it('a refused scrobble keeps its field problems', async () => {
    const problems = [{ field: 'artist', message: 'Required' }];
    const transport = bridgeTo({
      enqueue: () => {
        throw new ScrobbleValidationError(problems);
      },
    });
    const error = await callError(
      transport.call('queue.enqueue', { items: [{ track: 'x', timestamp: 1 }], source: 'manual' }),
    );
    expect(error.kind).toBe('invalid-input');
    expect(error.problems).toEqual(problems);
  });

  it('a bad input is refused by the contract before the core', async () => {
    const transport = bridgeTo({});
    const error = await callError(transport.call('queue.get', { id: -1 } as never));
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toMatch(/^Invalid input for queue\.get: id/);
  });
});
