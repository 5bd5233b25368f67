// The few HTTP exchanges OAuth needs (form POSTs to token endpoints, signed GETs), on undici
// with time-outs and a size cap. Failures to connect become OAuthError('unreachable') naming
// only the host: a URL can carry parameters, and parameters can carry secrets.
import { request } from '../net/undici.js';
import { OAuthError } from './errors.js';

export const DEFAULT_TIMEOUT_MS = 20_000;
/** Token answers are a few hundred bytes and API pages a few hundred kB: this stops a runaway. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** A form body (application/x-www-form-urlencoded, UTF-8). */
  form?: URLSearchParams;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export const USER_AGENT = 'Scrobbletray';

export async function httpCall(call: HttpCall): Promise<HttpAnswer> {
  const timeoutMs = call.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept: 'application/json, application/x-www-form-urlencoded;q=0.9, */*;q=0.1',
    ...call.headers,
  };
  let body: string | undefined;
  if (call.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
    body = call.form.toString();
  }
  const host = hostOf(call.url);
  try {
    const res = await request(call.url, {
      method: call.method,
      headers,
      body,
      signal: call.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        res.body.destroy();
        throw new OAuthError('unreadable', `${host} sent an answer far too large to be real.`);
      }
      chunks.push(chunk);
    }
    return {
      status: res.statusCode,
      headers: res.headers,
      text: Buffer.concat(chunks).toString('utf8'),
    };
  } catch (error) {
    if (error instanceof OAuthError) throw error;
    if (call.signal?.aborted) throw call.signal.reason ?? error;
    const code = (error as { code?: unknown }).code;
    const why = typeof code === 'string' ? ` (${code})` : '';
    throw new OAuthError(
      'unreachable',
      `Could not reach ${host}${why}. Check your connection and try again.`,
      { cause: error },
    );
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

/** Parses `a=1&b=2` answers (OAuth 1.0a token endpoints). */
export function parseForm(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(text.trim())) {
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
