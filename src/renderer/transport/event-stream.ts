// Server-Sent Events read with fetch(), because EventSource cannot send an Authorization
// header and the access token must not ride in a cookie (access-token.ts). Reconnects by
// itself like EventSource does, backing off while the server is away; stops for good on 401
// (the server restarted with a new token: only a new address helps).

import { dataOf } from './sse-block.js';

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

export interface EventStreamOptions {
  url: string;
  headers: Record<string, string>;
  /** Called with each event's `data` (multi-line data joined by "\n"). */
  onData(data: string): void;
  /** Waits between reconnects, doubling (1 s to 30 s unless given). */
  retry?: { firstMs: number; maxMs: number };
}

/** Opens the stream; the returned function closes it for good. */
export function openEventStream(opts: EventStreamOptions): () => void {
  const abort = new AbortController();
  void (async () => {
    const first = opts.retry?.firstMs ?? FIRST_RETRY_MS;
    const max = opts.retry?.maxMs ?? MAX_RETRY_MS;
    let retryMs = first;
    while (!abort.signal.aborted) {
      let status = 0;
      try {
        status = await readOnce(opts, abort.signal, () => (retryMs = first));
      } catch {
        // Network gone or stream cut: try again below.
      }
      if (abort.signal.aborted || status === 401) return;
      await new Promise((r) => setTimeout(r, retryMs));
      retryMs = Math.min(retryMs * 2, max);
    }
  })();
  return () => abort.abort();
}

/** One connection, read until it ends; returns the HTTP status. */
async function readOnce(
  opts: EventStreamOptions,
  signal: AbortSignal,
  onOpen: () => void,
): Promise<number> {
  const response = await fetch(opts.url, {
    // The server answers with Cache-Control: no-store.
    headers: { Accept: 'text/event-stream', ...opts.headers },
    signal,
  });
  if (!response.ok || !response.body) return response.status;
  onOpen();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return response.status;
    buffer += value.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const data = dataOf(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (data !== null) opts.onData(data);
    }
  }
}
