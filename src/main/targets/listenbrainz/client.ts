// A ListenBrainz API client: validate a user token, submit listens (single, import,
// playing_now) and read listens back for crash recovery. Stateless apart from the last
// rate-limit headers seen, which a sender reads to pace itself (see pacing/rate-window.ts).
// The token is passed per call and goes only into the Authorization header.

import { cleanServerMessage } from '../../lastfm/failures.js';
import { classifyHttpStatus } from '../../lastfm/errors.js';
import { HttpExchange, NetworkFaultError } from '../as12/http-exchange.js';
import type { HttpAnswer, HttpRequest } from '../as12/http-exchange.js';
import { readRateLimitHeaders } from '../pacing/rate-window.js';
import type { RateLimitHeaders } from '../pacing/rate-window.js';
import { ListenBrainzError, TOKEN_PAGE } from './errors.js';
import { listenProblem, MAX_LISTENS_PER_IMPORT, submitBody } from './payload.js';
import type { Listen, ListenTrack, ListenType } from './payload.js';

export const DEFAULT_LISTENBRAINZ_API_URL = 'https://api.listenbrainz.org/';
/** The server's most per listens request. */
const MAX_LISTENS_PER_GET = 1000;

export interface ListenBrainzClientOptions {
  /** API root, e.g. `https://api.listenbrainz.org/` (paths `1/...` are relative to it). */
  apiUrl: string;
  /** Sent as additional_info.submission_client_version. */
  clientVersion: string;
  userAgent?: string;
  connectTimeoutMs?: number;
  responseTimeoutMs?: number;
  now?: () => number;
}

export interface RateLimitInfo extends RateLimitHeaders {
  /** Client clock (ms) when the headers arrived. */
  observedAt: number;
}

export interface SubmitResult {
  /** Listens the server took ("status": "ok"); it answers for the request as a whole. */
  accepted: number;
}

/** A listen as ListenBrainz recorded it. */
export interface RecordedListen {
  listenedAt: number;
  artist: string;
  track: string;
  album: string | null;
  recordingMsid: string | null;
}

export class ListenBrainzClient {
  readonly #root: string;
  readonly #host: string;
  readonly #clientVersion: string;
  readonly #now: () => number;
  readonly #http: HttpExchange;
  #rateLimit: RateLimitInfo | null = null;

  constructor(opts: ListenBrainzClientOptions) {
    this.#root = opts.apiUrl.endsWith('/') ? opts.apiUrl : `${opts.apiUrl}/`;
    this.#host = new URL(this.#root).host;
    this.#clientVersion = opts.clientVersion;
    this.#now = opts.now ?? Date.now;
    this.#http = new HttpExchange({
      userAgent: opts.userAgent ?? `Scrobbletray/${opts.clientVersion}`,
      connectTimeoutMs: opts.connectTimeoutMs,
      responseTimeoutMs: opts.responseTimeoutMs,
    });
  }

  /** The rate-limit headers of the last answer (any call), or null before the first. */
  get rateLimit(): RateLimitInfo | null {
    return this.#rateLimit;
  }

  /** Whose token this is. An unknown token fails with kind 'invalid-token' (class reauth). */
  async validateToken(token: string): Promise<{ userName: string }> {
    const call = 'validate-token';
    if (token.trim() === '') throw this.#invalidToken(call);
    const answer = await this.#send(
      call,
      { url: this.#url('1/validate-token'), method: 'GET' },
      token,
      false,
    );
    const body = this.#json(call, answer, token, false);
    if (isRecord(body) && body['valid'] === true && typeof body['user_name'] === 'string') {
      return { userName: body['user_name'] };
    }
    if (isRecord(body) && body['valid'] === false) throw this.#invalidToken(call);
    throw this.#unreadable(call, answer.status, false);
  }

  /** One listen, as it finished playing. */
  async submitSingle(token: string, listen: Listen): Promise<SubmitResult> {
    return this.#submit(token, 'single', [listen]);
  }

  /** Up to 1000 listens in one request (a backlog, an import). */
  async submitImport(token: string, listens: readonly Listen[]): Promise<SubmitResult> {
    return this.#submit(token, 'import', listens);
  }

  /** What is playing now: no listened_at. Not stored as a listen. */
  async playingNow(token: string, track: ListenTrack): Promise<void> {
    await this.#submit(token, 'playing_now', [track]);
  }

  /**
   * The user's listens with min_ts < listened_at < max_ts, newest first, all pages: used to
   * find out whether listens whose answer was lost were stored before sending them again.
   */
  async listensBetween(
    user: string,
    minTs: number,
    maxTs: number,
    token?: string,
  ): Promise<RecordedListen[]> {
    const call = 'listens';
    const out: RecordedListen[] = [];
    let upper = maxTs;
    while (upper > minTs + 1) {
      const url = this.#url(`1/user/${encodeURIComponent(user)}/listens`);
      url.searchParams.set('min_ts', String(minTs));
      url.searchParams.set('max_ts', String(upper));
      url.searchParams.set('count', String(MAX_LISTENS_PER_GET));
      const answer = await this.#send(call, { url, method: 'GET' }, token ?? null, false);
      const page = parseListens(this.#json(call, answer, token ?? '', false));
      if (!page) throw this.#unreadable(call, answer.status, false);
      out.push(...page);
      if (page.length < MAX_LISTENS_PER_GET) break;
      // A full page: go on below its oldest second, including that second again (listens of
      // it may not have fitted; repeats are removed below), unless that would not move on.
      const oldest = Math.min(...page.map((l) => l.listenedAt));
      upper = oldest + 1 < upper ? oldest + 1 : oldest;
    }
    return dedupe(out);
  }

  async close(): Promise<void> {
    await this.#http.close();
  }

  async #submit(
    token: string,
    type: ListenType,
    listens: readonly (ListenTrack & { timestamp?: number })[],
  ): Promise<SubmitResult> {
    const call = `submit ${type}`;
    const max = type === 'import' ? MAX_LISTENS_PER_IMPORT : 1;
    if (listens.length === 0 || listens.length > max) {
      throw this.#invalidListen(
        call,
        type === 'import'
          ? `An import carries 1 to ${MAX_LISTENS_PER_IMPORT} listens; ${listens.length} were given.`
          : `A ${type} submission carries exactly one listen; ${listens.length} were given.`,
      );
    }
    if (token.trim() === '') throw this.#invalidToken(call);
    const nowSec = Math.floor(this.#now() / 1000);
    listens.forEach((l, i) => {
      const problem = listenProblem(l, i, type, nowSec);
      if (problem) throw this.#invalidListen(call, problem);
    });
    const answer = await this.#send(
      call,
      {
        url: this.#url('1/submit-listens'),
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: submitBody(type, listens, this.#clientVersion),
      },
      token,
      true,
    );
    const body = this.#json(call, answer, token, true);
    if (isRecord(body) && body['status'] === 'ok') return { accepted: listens.length };
    throw this.#unreadable(call, answer.status, true);
  }

  #url(path: string): URL {
    return new URL(path, this.#root);
  }

  async #send(
    call: string,
    req: HttpRequest,
    token: string | null,
    writes: boolean,
  ): Promise<HttpAnswer> {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (token) headers['authorization'] = `Token ${token}`;
    let answer: HttpAnswer;
    try {
      answer = await this.#http.send({ ...req, headers }, `ListenBrainz ${call}`);
    } catch (err) {
      if (!(err instanceof NetworkFaultError)) throw err;
      throw new ListenBrainzError({
        call,
        kind: 'network',
        errorClass: err.fault.errorClass,
        message: err.fault.message,
        maybeProcessed: writes && err.fault.maybeProcessed,
        code: err.fault.code,
      });
    }
    this.#rateLimit = { ...readRateLimitHeaders(answer.headers), observedAt: this.#now() };
    return answer;
  }

  /** The JSON of a 2xx answer; any other status becomes the matching error. */
  #json(call: string, answer: HttpAnswer, token: string, writes: boolean): unknown {
    let body: unknown;
    try {
      body = JSON.parse(answer.body) as unknown;
    } catch {
      body = undefined;
    }
    const status = answer.status;
    if (status >= 200 && status <= 299) {
      if (body === undefined) throw this.#unreadable(call, status, writes);
      return body;
    }
    const said =
      isRecord(body) && typeof body['error'] === 'string'
        ? cleanServerMessage(body['error'], [token])
        : '';
    const suffix = said ? `: ${said}` : '';
    if (status === 401) throw this.#invalidToken(call, said);
    if (status === 429) {
      const resetIn = readRateLimitHeaders(answer.headers).resetInSec;
      throw new ListenBrainzError({
        call,
        kind: 'rate-limited',
        errorClass: 'rate-limited',
        message: `ListenBrainz ${call} failed: too many requests (HTTP 429)${suffix}`,
        httpStatus: status,
        retryAfterMs: resetIn === null ? null : resetIn * 1000,
      });
    }
    if (status === 400) {
      throw new ListenBrainzError({
        call,
        kind: 'rejected',
        errorClass: 'permanent',
        message: `ListenBrainz refused the ${call}${suffix || ' (HTTP 400)'}`,
        httpStatus: status,
      });
    }
    if (status === 404) {
      throw new ListenBrainzError({
        call,
        kind: 'not-found',
        errorClass: 'permanent',
        message: `ListenBrainz ${call} failed: not found (HTTP 404)${suffix}`,
        httpStatus: status,
      });
    }
    throw new ListenBrainzError({
      call,
      kind: 'http-status',
      errorClass: classifyHttpStatus(status),
      message: `ListenBrainz ${call} failed: HTTP ${status} from ${this.#host}${suffix}`,
      httpStatus: status,
      maybeProcessed: writes && status >= 500,
    });
  }

  #invalidToken(call: string, said = ''): ListenBrainzError {
    return new ListenBrainzError({
      call,
      kind: 'invalid-token',
      errorClass: 'reauth',
      message:
        `ListenBrainz did not accept the user token${said ? ` (${said})` : ''}. Copy your ` +
        `token from ${TOKEN_PAGE} and sign in again.`,
      httpStatus: null,
    });
  }

  #unreadable(call: string, status: number, writes: boolean): ListenBrainzError {
    return new ListenBrainzError({
      call,
      kind: 'unreadable',
      errorClass: 'transient',
      message: `ListenBrainz ${call} failed: ${this.#host} returned a response Scrobbletray could not read (HTTP ${status})`,
      httpStatus: status,
      maybeProcessed: writes,
    });
  }

  #invalidListen(call: string, message: string): ListenBrainzError {
    return new ListenBrainzError({
      call,
      kind: 'invalid-listen',
      errorClass: 'permanent',
      message,
    });
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseListens(body: unknown): RecordedListen[] | null {
  if (!isRecord(body) || !isRecord(body['payload'])) return null;
  const listens = body['payload']['listens'];
  if (!Array.isArray(listens)) return null;
  const out: RecordedListen[] = [];
  for (const l of listens) {
    if (!isRecord(l) || !isRecord(l['track_metadata'])) return null;
    const meta = l['track_metadata'];
    const at = l['listened_at'];
    if (typeof at !== 'number' || typeof meta['artist_name'] !== 'string') return null;
    if (typeof meta['track_name'] !== 'string') return null;
    out.push({
      listenedAt: at,
      artist: meta['artist_name'],
      track: meta['track_name'],
      album: typeof meta['release_name'] === 'string' ? meta['release_name'] : null,
      recordingMsid: typeof l['recording_msid'] === 'string' ? l['recording_msid'] : null,
    });
  }
  return out;
}

const listenKey = (l: RecordedListen) => `${l.listenedAt}\n${l.artist}\n${l.track}`;

function dedupe(list: RecordedListen[]): RecordedListen[] {
  const keys = new Set<string>();
  return list.filter((l) => {
    const k = listenKey(l);
    if (keys.has(k)) return false;
    keys.add(k);
    return true;
  });
}
