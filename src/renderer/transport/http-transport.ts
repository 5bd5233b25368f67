import type { CoreEvent } from '../../shared/core-events.js';
import type { FieldProblem } from '../../shared/validation.js';
import { CoreCallError, type CoreTransport } from './core-transport.js';

// The headless client: calls are POST /api/call/<method> with a JSON body, events arrive as
// Server-Sent Events from /api/events. The access token travels in the HttpOnly cookie the
// server set when the printed address was opened, so this code never sees it.

interface ApiReply {
  ok: boolean;
  result?: unknown;
  error?: { message?: unknown; problems?: unknown };
}

export function createHttpTransport(baseUrl = ''): CoreTransport {
  const listeners = new Set<(e: CoreEvent) => void>();
  let source: EventSource | null = null;

  // One stream for all listeners, opened with the first and closed with the last.
  const openStream = () => {
    source = new EventSource(`${baseUrl}/api/events`);
    source.onmessage = (message: MessageEvent<string>) => {
      let event: CoreEvent;
      try {
        event = JSON.parse(message.data) as CoreEvent;
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
  };

  return {
    async call(method, input) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/call/${encodeURIComponent(method)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        throw new CoreCallError(
          'Cannot reach Scrobbletray. Is `scrobbletray serve` still running?',
        );
      }
      const reply = await readReply(response);
      if (reply?.ok === true) return reply.result;
      const message =
        typeof reply?.error?.message === 'string'
          ? reply.error.message
          : `Scrobbletray answered with HTTP ${response.status}.`;
      throw new CoreCallError(message, {
        problems: asProblems(reply?.error?.problems),
        status: response.status,
      });
    },

    onEvent(listener) {
      listeners.add(listener);
      if (!source) openStream();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

async function readReply(response: Response): Promise<ApiReply | null> {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null && 'ok' in body ? (body as ApiReply) : null;
  } catch {
    return null;
  }
}

function asProblems(value: unknown): FieldProblem[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(
    (p): p is FieldProblem =>
      typeof p === 'object' &&
      p !== null &&
      typeof (p as FieldProblem).field === 'string' &&
      typeof (p as FieldProblem).message === 'string',
  );
}
