import type { CoreEvent } from '../../shared/core-events.js';
import { readCallReply, type CallReply } from '../../shared/call-reply.js';
import { CoreCallError, type CoreTransport } from './core-transport.js';
import { openEventStream } from './event-stream.js';

// The headless client: calls are POST /api/call/<method> with a JSON body, events arrive as
// Server-Sent Events from /api/events. Both send `serve`'s access token as a bearer header
// (access-token.ts says where it comes from and why it is not a cookie).

/** What the window says when it has no token, or one from an earlier run. */
export const NEEDS_ADDRESS_MESSAGE =
  'This window needs the address `scrobbletray serve` printed (it ends in #token=…). ' +
  'Open that address again; each run of serve prints a new one.';

export function createHttpTransport(token: string | null, baseUrl = ''): CoreTransport {
  const listeners = new Set<(e: CoreEvent) => void>();
  const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  let closeStream: (() => void) | null = null;

  // One stream for all listeners, opened with the first and closed with the last.
  const openStream = () => {
    closeStream = openEventStream({ url: `${baseUrl}/api/events`, headers: auth, onData });
  };
  const onData = (data: string) => {
    let event: CoreEvent;
    try {
      event = JSON.parse(data) as CoreEvent;
    } catch {
      return;
    }
    if (typeof event !== 'object' || event === null || typeof event.type !== 'string') return;
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One broken view must not starve the others of events.
        console.error(error);
      }
    }
  };

  return {
    async call(method, input) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/call/${encodeURIComponent(method)}`, {
          method: 'POST',
          credentials: 'omit',
          headers: { 'Content-Type': 'application/json', ...auth },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        throw new CoreCallError(
          'Cannot reach Scrobbletray. Is `scrobbletray serve` still running?',
        );
      }
      if (response.status === 401) throw new CoreCallError(NEEDS_ADDRESS_MESSAGE, { status: 401 });
      const reply = await readReply(response);
      if (reply?.ok === true) return reply.result;
      if (reply === null) {
        throw new CoreCallError(`Scrobbletray answered with HTTP ${response.status}.`, {
          status: response.status,
        });
      }
      throw new CoreCallError(reply.error.message, {
        kind: reply.error.kind,
        problems: reply.error.problems,
        status: response.status,
      });
    },

    onEvent(listener) {
      listeners.add(listener);
      if (!closeStream) openStream();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && closeStream) {
          closeStream();
          closeStream = null;
        }
      };
    },
  };
}

async function readReply(response: Response): Promise<CallReply | null> {
  try {
    return readCallReply(await response.json());
  } catch {
    return null;
  }
}
