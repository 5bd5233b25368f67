// Injected failures: a queue consumed one matching request at a time, and the replies that
// stand in for the API's. 'reset' and 'delay' need the socket, so server.ts carries them out.

import { fail, jsonReply, renderApiResult, xmlReply } from './responses.js';
import type { HttpReply, ResponseFormat } from './responses.js';
import type { Fault, FaultOptions } from './types.js';

interface PendingFault {
  fault: Fault;
  method: string | null;
  remaining: number;
}

export class FaultQueue {
  private pending: PendingFault[] = [];

  inject(fault: Fault, opts: FaultOptions = {}): void {
    const times = opts.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error('fake-lastfm: times must be >= 1');
    this.pending.push({ fault, method: opts.method?.toLowerCase() ?? null, remaining: times });
  }

  clear(): void {
    this.pending = [];
  }

  /** The first fault that matches this request's method, consuming one of its uses. */
  take(method: string | null): Fault | undefined {
    const lower = method?.toLowerCase() ?? null;
    const entry = this.pending.find((p) => p.method === null || p.method === lower);
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining === 0) this.pending = this.pending.filter((p) => p !== entry);
    return entry.fault;
  }
}

/** The reply for a fault that answers in place of the API. */
export function faultReply(
  fault: Extract<Fault, { kind: 'status' | 'malformed' | 'error' }>,
  format: ResponseFormat,
): HttpReply {
  switch (fault.kind) {
    case 'error':
      return renderApiResult(fail(fault.code, fault.message), format);
    case 'malformed':
      // Cut off mid-document, like a proxy dropping the connection after the headers.
      return format === 'json'
        ? jsonReply(200, '{"scrobbles":{"@attr":{"accepted":"1","ign')
        : xmlReply(200, '<?xml version="1.0" encoding="UTF-8"?>\n<lfm status="ok"><scrob');
    case 'status': {
      const reply = statusReply(fault.status, fault.body);
      if (fault.retryAfterSec !== undefined)
        reply.headers['retry-after'] = String(fault.retryAfterSec);
      return reply;
    }
  }
}

function statusReply(status: number, body: string | undefined): HttpReply {
  if (body === undefined) {
    // What a load balancer sends: an HTML page, not an API body.
    const page = `<html><body><h1>${status} Error</h1></body></html>\n`;
    return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: page };
  }
  const trimmed = body.trimStart();
  const type = trimmed.startsWith('{')
    ? 'application/json'
    : trimmed.startsWith('<?xml') || trimmed.startsWith('<lfm')
      ? 'text/xml'
      : 'text/html';
  return { status, headers: { 'content-type': `${type}; charset=utf-8` }, body };
}
