// One HTTP request/response over undici with the Last.fm transport's timeouts and its network
// fault classification, for protocols whose answers are not Last.fm JSON (Audioscrobbler 1.2
// plain text, ListenBrainz JSON). Each protocol reads the answer itself; this module only
// says "an answer arrived" or "none did, and here is why (transient or permanent)".

import { AgentPool } from '../../net/agent-pool.js';
import { request } from '../../net/undici.js';

import { networkFailure } from '../../lastfm/failures.js';
import type { ErrorClass } from '../../lastfm/errors.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_RESPONSE_TIMEOUT_MS } from '../../lastfm/transport.js';

/** No answer of these protocols comes near this; it stops a runaway server. */
const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export interface HttpExchangeOptions {
  userAgent: string;
  connectTimeoutMs?: number;
  /** For the headers, and separately for each gap in the body. */
  responseTimeoutMs?: number;
}

export interface HttpRequest {
  url: URL | string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpAnswer {
  status: number;
  /** Lower-case header names; a repeated header keeps its first value. */
  headers: Readonly<Record<string, string>>;
  body: string;
}

/** Why no answer arrived. Built only from the label, host and an error code: never the URL. */
export interface NetworkFault {
  errorClass: ErrorClass;
  message: string;
  /** The request may have reached the server (reset after sending, response timeout). */
  maybeProcessed: boolean;
  /** undici / socket error code, e.g. ECONNREFUSED, when there was one. */
  code: string | null;
}

export class NetworkFaultError extends Error {
  override readonly name = 'NetworkFaultError';
  constructor(readonly fault: NetworkFault) {
    super(fault.message);
  }
}

export class HttpExchange {
  readonly #userAgent: string;
  readonly #connectTimeoutMs: number;
  readonly #responseTimeoutMs: number;
  readonly #pool: AgentPool;

  constructor(opts: HttpExchangeOptions) {
    this.#userAgent = opts.userAgent;
    this.#connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.#responseTimeoutMs = opts.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS;
    this.#pool = new AgentPool({
      connectTimeoutMs: this.#connectTimeoutMs,
      responseTimeoutMs: this.#responseTimeoutMs,
      maxResponseBytes: MAX_RESPONSE_BYTES,
    });
  }

  /**
   * Send one request. Resolves with whatever status arrived; rejects with NetworkFaultError
   * when no complete answer did. `label` names the step in messages ("ListenBrainz submit").
   */
  async send(req: HttpRequest, label: string): Promise<HttpAnswer> {
    const host = new URL(req.url).host;
    try {
      const response = await request(req.url, {
        method: req.method,
        headers: { 'user-agent': this.#userAgent, ...req.headers },
        body: req.body,
        dispatcher: this.#pool.dispatcher(),
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        const first = Array.isArray(value) ? value[0] : value;
        if (first !== undefined) headers[name.toLowerCase()] = first;
      }
      return { status: response.statusCode, headers, body: await response.body.text() };
    } catch (err) {
      // The Last.fm transport's classifier, reused as is: same codes, same words, same rule
      // that the raw error (which may carry the request URL) is never kept.
      const failure = networkFailure(label, host, err, {
        connectTimeoutMs: this.#connectTimeoutMs,
        responseTimeoutMs: this.#responseTimeoutMs,
      });
      const cause = failure.cause as { code?: unknown } | undefined;
      throw new NetworkFaultError({
        errorClass: failure.errorClass,
        message: failure.message,
        maybeProcessed: failure.maybeProcessed,
        code: typeof cause?.code === 'string' ? cause.code : null,
      });
    }
  }

  /** Close the pool; a later request opens a new one. */
  async close(): Promise<void> {
    await this.#pool.close();
  }
}
