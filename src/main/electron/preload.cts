// The window's only way into the process: two functions on window.scrobbletray, nothing else.
// It runs in a sandboxed renderer, where preload scripts are plain CommonJS that may require
// only 'electron' (hence .cts, and the channel names written out rather than imported;
// test/unit/electron/preload.test.ts checks they match ipc.ts). The IpcRendererEvent never reaches
// the page.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- sandboxed preloads are CommonJS
import electron = require('electron');

const CALL_CHANNEL = 'scrobbletray:call';
const EVENT_CHANNEL = 'scrobbletray:event';

electron.contextBridge.exposeInMainWorld('scrobbletray', {
  call: (method: string, input: unknown): Promise<unknown> =>
    electron.ipcRenderer.invoke(CALL_CHANNEL, method, input),
  onEvent: (listener: (event: unknown) => void): (() => void) => {
    const forward = (_event: unknown, payload: unknown) => listener(payload);
    electron.ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      electron.ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
});
