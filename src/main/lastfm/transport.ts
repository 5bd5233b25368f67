// HTTP for the Last.fm 2.0 API: one keep-alive pool per client, GET for reads and a form POST
// for writes, JSON always. Every failure comes out as a LastfmError the sender can act on.

import { AgentPool } from '../net/agent-pool.js';
import { request } from '../net/undici.js';
import {
  httpFailure,
  lastfmFailure,
  networkFailure,
  parseRetryAfter,
  unreadableFailure,
} from './failures.js';
import { isRecord, text, toInt } from './json.js';

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_RESPONSE_TIMEOUT_MS = 20_000;
/** Far above any real answer (200 recent tracks is ~200 KB); stops a runaway server. */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Parameters whose values are credentials; they are redacted from anything the server says. */
const SECRET_PARAMS = ['sk', 'api_sig', 'password', 'authToken', 'token'] as const;

export type HttpVerb = 'GET' | 'POST';

export function userAgentFor(version: string): string {
  return `Scrobbletray/${version}`;
}

export interface LastfmTransportOptions {
  /** API root, used as given (e.g. `https://ws.audioscrobbler.com/2.0/`). */
  apiUrl: string;
  /** Full User-Agent, see userAgentFor(). */
  userAgent: string;
  connectTimeoutMs?: number;
  /** Applies to the headers and, separately, to each gap in the body. */
  responseTimeoutMs?: number;
  /** Values to redact from any server text we quote (the API secret); per-call secrets are added. */
  secrets?: readonly string[];
  /** Clock for Retry-After dates; tests pass their own. */
  now?: () => number;
}

export class LastfmTransport {
  readonly #apiUrl: string;
  readonly #host: string;
  readonly #userAgent: string;
  readonly #connectTimeoutMs: number;
  readonly #responseTimeoutMs: number;
  readonly #secrets: readonly string[];
  readonly #now: () => number;
  readonly #pool: AgentPool;

  constructor(opts: LastfmTransportOptions) {
    this.#apiUrl = opts.apiUrl;
    this.#host = new URL(opts.apiUrl).host;
    this.#userAgent = opts.userAgent;
    this.#connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.#responseTimeoutMs = opts.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS;
    this.#secrets = opts.secrets ?? [];
    this.#now = opts.now ?? Date.now;
    this.#pool = new AgentPool({
      connectTimeoutMs: this.#connectTimeoutMs,
      responseTimeoutMs: this.#responseTimeoutMs,
      maxResponseBytes: MAX_RESPONSE_BYTES,
    });
  }

  /**
   * Call one API method. `params` holds everything but `format` (added here): api_key,
   * method, sk and api_sig included. Resolves to the parsed JSON of a successful answer.
   */
  async call(
    apiMethod: string,
    params: Readonly<Record<string, string>>,
    verb: HttpVerb,
  ): Promise<unknown> {
    const all = new URLSearchParams({ ...params, format: 'json' });
    const secrets = [...this.#secrets, ...SECRET_PARAMS.map((name) => params[name] ?? '')];
    const timeouts = {
      connectTimeoutMs: this.#connectTimeoutMs,
      responseTimeoutMs: this.#responseTimeoutMs,
    };
    const headers: Record<string, string> = {
      'user-agent': this.#userAgent,
      accept: 'application/json',
    };
    let url: URL | string = this.#apiUrl;
    let body: string | undefined;
    if (verb === 'GET') {
      url = new URL(this.#apiUrl);
      for (const [name, value] of all) url.searchParams.append(name, value);
    } else {
      headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
      body = all.toString();
    }

    let status: number;
    let retryAfter: string | string[] | undefined;
    let raw: string;
    try {
      const response = await request(url, {
        method: verb,
        headers,
        body,
        dispatcher: this.#pool.dispatcher(),
      });
      status = response.statusCode;
      retryAfter = response.headers['retry-after'];
      raw = await response.body.text();
    } catch (err) {
      throw networkFailure(apiMethod, this.#host, err, timeouts);
    }

    return interpretResponse({
      method: apiMethod,
      host: this.#host,
      status,
      retryAfterMs: parseRetryAfter(retryAfter, this.#now()),
      body: raw,
      authenticated: (params['sk'] ?? '') !== '',
      secrets,
    });
  }

  /** Close the pool; a later call opens a new one. */
  async close(): Promise<void> {
    await this.#pool.close();
  }
}

export interface RawResponse {
  method: string;
  host: string;
  status: number;
  retryAfterMs: number | null;
  body: string;
  authenticated: boolean;
  secrets: readonly string[];
}

/**
 * Decide what an HTTP answer means. A Last.fm error in the body wins over the status (errors
 * arrive with 200, and code 29 with 429); then the status; then the body must be JSON.
 */
export function interpretResponse(r: RawResponse): unknown {
  const parsed = parseJson(r.body);
  const error = lastfmErrorIn(parsed, r.body);
  if (error) {
    throw lastfmFailure({
      method: r.method,
      code: error.code,
      serverMessage: error.message,
      authenticated: r.authenticated,
      httpStatus: r.status,
      retryAfterMs: r.retryAfterMs,
      secrets: r.secrets,
    });
  }
  if (r.status < 200 || r.status > 299) {
    throw httpFailure(r.method, r.host, r.status, r.retryAfterMs);
  }
  if (parsed === undefined) throw unreadableFailure(r.method, r.host, r.status);
  return parsed;
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

const XML_ERROR = /<error\s+code\s*=\s*["'](\d+)["']\s*>([^<]*)<\/error>/;

/** `{"error": 9, "message": "..."}`, or the XML form from servers that ignore format=json. */
function lastfmErrorIn(
  parsed: unknown,
  body: string,
): { code: number; message: string } | undefined {
  if (isRecord(parsed) && parsed['error'] !== undefined) {
    const error = parsed['error'];
    const code = toInt(error);
    if (code !== undefined) return { code, message: text(parsed['message']) };
    // GNU FM's XML layer: {"error": {"#text": "Invalid resource specified", "code": "7"}}.
    const nested = isRecord(error) ? toInt(error['code']) : undefined;
    if (nested !== undefined) return { code: nested, message: text(error) };
  }
  if (parsed === undefined) {
    const m = XML_ERROR.exec(body);
    if (m?.[1] !== undefined) return { code: Number.parseInt(m[1], 10), message: m[2] ?? '' };
  }
  return undefined;
}
