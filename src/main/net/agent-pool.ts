// One keep-alive undici pool, opened on first use and closed on demand, with the timeouts and
// the response-size cap a client was made with. Shared by the Last.fm transport and the
// exchange the other scrobbling protocols use.
import { Agent } from './undici.js';

export interface AgentPoolOptions {
  connectTimeoutMs: number;
  /** For the headers, and separately for each gap in the body. */
  responseTimeoutMs: number;
  /** Stops a runaway server. */
  maxResponseBytes: number;
}

export class AgentPool {
  readonly #opts: AgentPoolOptions;
  #agent: Agent | undefined;

  constructor(opts: AgentPoolOptions) {
    this.#opts = { ...opts };
  }

  /** The pool, opened now if it is not open. */
  dispatcher(): Agent {
    this.#agent ??= new Agent({
      connectTimeout: this.#opts.connectTimeoutMs,
      headersTimeout: this.#opts.responseTimeoutMs,
      bodyTimeout: this.#opts.responseTimeoutMs,
      maxResponseSize: this.#opts.maxResponseBytes,
    });
    return this.#agent;
  }

  /** Close the pool; a later call opens a new one. */
  async close(): Promise<void> {
    const agent = this.#agent;
    this.#agent = undefined;
    if (agent) await agent.destroy();
  }
}
