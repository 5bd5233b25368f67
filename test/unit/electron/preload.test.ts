// The preload as a sandboxed renderer runs it: compiled to CommonJS, wrapped the way
// Electron's sandboxed loader wraps preloads, with a `require` that knows only 'electron'.
// contextBridge and ipcRenderer are stand-ins (no Electron runtime here) that record what
// is exposed and what goes over IPC.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../../src/main/electron/ipc.js';

const SOURCE = new URL('../../../src/main/electron/preload.cts', import.meta.url);

type Listener = (event: unknown, ...args: unknown[]) => void;

function loadPreload() {
  const exposed = new Map<string, unknown>();
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const required: string[] = [];
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => void exposed.set(key, api),
    },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        invoked.push(args);
        return Promise.resolve({ answered: args[1] });
      },
      on: (channel: string, fn: Listener) => {
        const set = listeners.get(channel) ?? new Set();
        listeners.set(channel, set.add(fn));
      },
      removeListener: (channel: string, fn: Listener) => void listeners.get(channel)?.delete(fn),
    },
  };
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`module not found: ${name}`);
  };
  const js = ts.transpileModule(readFileSync(SOURCE, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const wrapped = `(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {\n${js}\n})`;
  const fn = runInNewContext(wrapped, {}) as (...args: unknown[]) => void;
  const exports = {};
  fn(sandboxRequire, {}, undefined, {}, undefined, undefined, exports, { exports });
  const deliver = (payload: unknown) => {
    const senderEvent = { sender: { secret: 'ipc internals' }, ports: [] };
    for (const l of listeners.get(EVENT_CHANNEL) ?? []) l(senderEvent, payload);
  };
  return { exposed, invoked, listeners, required, deliver };
}

interface Bridge {
  call(method: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
}

describe('preload', () => {
  it('exposes window.scrobbletray with call and onEvent, and nothing else', () => {
    const p = loadPreload();
    expect([...p.exposed.keys()]).toEqual(['scrobbletray']);
    const bridge = p.exposed.get('scrobbletray') as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent']);
    expect(typeof bridge.call).toBe('function');
    expect(typeof bridge.onEvent).toBe('function');
    expect(p.required).toEqual(['electron']);
  });

  it('call invokes the one call channel with method and input', async () => {
    const p = loadPreload();
    const bridge = p.exposed.get('scrobbletray') as Bridge;
    await expect(bridge.call('queue.stats', { target: 'lastfm' })).resolves.toEqual({
      answered: 'queue.stats',
    });
    expect(p.invoked).toEqual([[CALL_CHANNEL, 'queue.stats', { target: 'lastfm' }]]);
  });

  it('onEvent hands the page the payload only, and stops when asked', () => {
    const p = loadPreload();
    const bridge = p.exposed.get('scrobbletray') as Bridge;
    const seen: unknown[][] = [];
    const stop = bridge.onEvent((...args) => seen.push(args));
    const event = { type: 'queue-changed', target: 'lastfm' };
    p.deliver(event);
    expect(seen).toEqual([[event]]);
    stop();
    p.deliver(event);
    expect(seen).toHaveLength(1);
    expect(p.listeners.get(EVENT_CHANNEL)?.size).toBe(0);
  });

  it('listeners are independent', () => {
    const p = loadPreload();
    const bridge = p.exposed.get('scrobbletray') as Bridge;
    const a: unknown[] = [];
    const b: unknown[] = [];
    const stopA = bridge.onEvent((e) => a.push(e));
    bridge.onEvent((e) => b.push(e));
    stopA();
    p.deliver({ type: 'account-changed', target: 'lastfm' });
    expect(a).toEqual([]);
    expect(b).toHaveLength(1);
  });
});
