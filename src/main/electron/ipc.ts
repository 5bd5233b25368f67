import { dispatch } from '../api/dispatch.js';
import type { Core } from '../core.js';
import type { CoreEvent } from '../../shared/core-events.js';
import { errorKindOf, errorView, isCallerError } from '../errors/error-kinds.js';
import type { ErrorKind } from '../../shared/errors.js';
import type { FieldProblem } from '../../shared/validation.js';

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

/** What a failed call tells the renderer: words for people, never a stack or a path. */
export interface RendererError {
  message: string;
  problems?: FieldProblem[];
}

export class RefusedSenderError extends Error {
  override readonly name = 'RefusedSenderError';
  constructor() {
    super('Refused: only Scrobbletray windows may call the core.');
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

  opts.ipcMain.handle(CALL_CHANNEL, async (event, method, input) => {
    if (!isOurSender(event)) throw rendererFailure(new RefusedSenderError());
    const name = typeof method === 'string' ? method : String(method);
    try {
      const result = await dispatch(opts.core, name, input);
      if (name === 'account.startSignIn' && hasUrl(result)) opts.externalUrls?.add(result.url);
      return result;
    } catch (error) {
      if (!isCallerError(error) && !(error instanceof RefusedSenderError)) {
        opts.onInternalError?.(name, error);
      }
      throw rendererFailure(error);
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

/** The renderer's view of a failure: its message and, for bad scrobbles, the field problems. */
export function toRendererError(error: unknown): RendererError {
  const { message, problems } = errorView(error);
  return problems ? { message, problems } : { message };
}

/**
 * A fresh Error carrying only the renderer's view: no stack frames, no cause, no other
 * properties. Electron passes only a thrown error's message to invoke(); the field problems
 * are in that message too (one "field: problem" per line), and on the error for main's log.
 */
export function rendererFailure(error: unknown): Error & RendererError & { kind: ErrorKind } {
  const view = toRendererError(error);
  const failure = new Error(view.message) as Error & RendererError & { kind: ErrorKind };
  failure.stack = `Error: ${view.message}`;
  if (view.problems) failure.problems = view.problems;
  // The shared error vocabulary's kind, as HTTP and the CLI classify the same failure. Not
  // enumerable: it is for main (tests, logs); Electron's invoke() carries only the message.
  Object.defineProperty(failure, 'kind', { value: errorKindOf(error), enumerable: false });
  return failure;
}

function hasUrl(value: unknown): value is { url: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { url?: unknown }).url === 'string'
  );
}
