import { dispatch } from '../api/dispatch.js';
import type { Core } from '../core.js';
import type { CoreEvent } from '../../shared/core-events.js';
import { errorView, isCallerError } from '../errors/error-kinds.js';
import type { CallReply } from '../../shared/call-reply.js';
import { CoreError } from '../../shared/errors.js';

// The one place the windows reach the core. A single invoke channel carries every contract
// method: the handler checks the caller is one of our windows showing our page, then hands
// the call to dispatch(), which validates the input against the shared contract. Core events
// go out on one event channel, to our windows only. Written against the few members of
// ipcMain and WebContents it uses, so a unit test drives it without Electron.

export const CALL_CHANNEL = 'scrobbletray:call';
export const EVENT_CHANNEL = 'scrobbletray:event';

/** What the handler reads from Electron's IpcMainInvokeEvent. */
export interface IpcCallEvent {
  sender: { id: number };
  /** Null once the frame navigated away or was destroyed. */
  senderFrame: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, fn: (event: IpcCallEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  id: number;
  send(channel: string, payload: unknown): void;
  getURL(): string;
  isDestroyed(): boolean;
}

export interface IpcBindingOptions {
  ipcMain: IpcMainLike;
  core: Core;
  /** True for our own page; see isAppPageUrl(). */
  isAppUrl: (url: string) => boolean;
  /** Sign-in pages the core hands back become openable in the browser (windows.ts). */
  externalUrls?: { add(url: string): unknown };
  /** Told about failures that are not the caller's fault, with their stack, for the log. */
  onInternalError?: (method: string, error: unknown) => void;
}

export interface IpcBinding {
  /** Let this window call the core and receive events. */
  addWindow(contents: WebContentsLike): void;
  removeWindow(contents: WebContentsLike): void;
  /** Unregister the handler and stop forwarding events. */
  dispose(): void;
}

export class RefusedSenderError extends CoreError {
  override readonly name = 'RefusedSenderError';
  constructor() {
    super('invalid-input', 'Refused: only Scrobbletray windows may call the core.');
  }
}

export function bindIpc(opts: IpcBindingOptions): IpcBinding {
  const windows = new Map<number, WebContentsLike>();

  const isOurSender = (event: IpcCallEvent): boolean => {
    const contents = windows.get(event.sender.id);
    if (!contents || contents.isDestroyed()) return false;
    const frameUrl = event.senderFrame?.url;
    return frameUrl !== undefined && opts.isAppUrl(frameUrl);
  };

  // Every call answers a CallReply (src/shared/call-reply.ts), failures included: a thrown
  // error would reach the window as its message alone, without its kind or field problems.
  opts.ipcMain.handle(CALL_CHANNEL, async (event, method, input): Promise<CallReply> => {
    if (!isOurSender(event)) return failed(new RefusedSenderError());
    const name = typeof method === 'string' ? method : String(method);
    try {
      const result = await dispatch(opts.core, name, input);
      // The approval page the core just made may open in the system browser (SoundCloud too).
      const approval = name === 'account.startSignIn' || name === 'soundcloud.connect';
      if (approval && hasUrl(result)) opts.externalUrls?.add(result.url);
      return { ok: true, result };
    } catch (error) {
      if (!isCallerError(error)) opts.onInternalError?.(name, error);
      return failed(error);
    }
  });

  const stopEvents = opts.core.events.on((event: CoreEvent) => {
    for (const [id, contents] of windows) {
      if (contents.isDestroyed()) windows.delete(id);
      else if (opts.isAppUrl(contents.getURL())) contents.send(EVENT_CHANNEL, event);
    }
  });

  return {
    addWindow: (contents) => void windows.set(contents.id, contents),
    removeWindow: (contents) => void windows.delete(contents.id),
    dispose: () => {
      opts.ipcMain.removeHandler(CALL_CHANNEL);
      stopEvents();
      windows.clear();
    },
  };
}

/** What a failed call tells the renderer: its kind and words for people, never a stack. */
export function failed(error: unknown): CallReply & { ok: false } {
  const { kind, message, problems } = errorView(error);
  return { ok: false, error: problems ? { message, kind, problems } : { message, kind } };
}

function hasUrl(value: unknown): value is { url: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { url?: unknown }).url === 'string'
  );
}
