import type { IncomingMessage } from 'node:http';

// The body of an API call: JSON only, and capped, so a stray client cannot make the server
// buffer without bound.

export const MAX_BODY_BYTES = 1024 * 1024;

/** Past this much, an oversized body is no longer read to the end: the connection is cut. */
const DRAIN_LIMIT_BYTES = 16 * MAX_BODY_BYTES;

export class BodyError extends Error {
  override readonly name = 'BodyError';
  readonly status: 400 | 413 | 415;
  /** False when the body was not read to its end: the connection must close after the reply. */
  readonly drained: boolean;
  constructor(status: 400 | 413 | 415, message: string, drained = true) {
    super(message);
    this.status = status;
    this.drained = drained;
  }
}

/**
 * A cross-site HTML form can send only urlencoded, multipart or text/plain bodies; a page
 * that wants to send JSON needs a CORS preflight, which we never answer. So demanding
 * application/json is itself a defence against cross-site requests.
 */
export function isJsonContentType(header: string | undefined): boolean {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}

/** Parsed JSON, or undefined for an empty body (the method's input defaults to {}). */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  if (!isJsonContentType(req.headers['content-type'])) {
    throw new BodyError(415, 'API calls must send Content-Type: application/json.', false);
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > DRAIN_LIMIT_BYTES) throw tooLarge(limit, false);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    // Over the cap, keep reading but drop the data: a client still sending when we close
    // would get a connection reset instead of the 413 and its message.
    if (size > DRAIN_LIMIT_BYTES) throw tooLarge(limit, false);
    if (size <= limit) chunks.push(buffer);
  }
  if (size > limit) throw tooLarge(limit);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, 'The request body is not valid JSON.');
  }
}

function tooLarge(limit: number, drained = true): BodyError {
  const message = `The request body is larger than ${Math.round(limit / 1024)} KB.`;
  return new BodyError(413, message, drained);
}
