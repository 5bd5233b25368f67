// How the fake ListenBrainz answers, after listenbrainz-server (webserver/views/api.py,
// api_tools.validate_listen): token auth, payload validation with 400 + {"code","error"},
// listen types, the 1000-listen limit, duplicates stored once, and a fixed-window rate limit
// whose headers go on every answer (429 over the limit).

import type { HttpReply } from '../fake-as12/loopback.js';
import type { FakeListenBrainzOptions, RecordedSubmit, StoredListen } from './types.js';

const MAX_LISTENS_PER_REQUEST = 1000;
const MAX_ITEMS_PER_GET = 1000;
const DEFAULT_ITEMS_PER_GET = 25;
const LISTEN_MINIMUM_TS = 1_033_430_400;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class BadRequest extends Error {}

export class FakeListenBrainzState {
  readonly tokens = new Map<string, string>();
  readonly listens: StoredListen[] = [];
  readonly submits: RecordedSubmit[] = [];
  /** Requests answered 429 by the rate limit (not by an injected fault). */
  rateLimited = 0;
  readonly #playingNow = new Map<string, StoredListen>();
  readonly #windows = new Map<string, { start: number; used: number }>();
  readonly #now: () => number;
  readonly #limit: number;
  readonly #windowSec: number;
  readonly #skew: number;
  #offsetMs = 0;

  constructor(opts: FakeListenBrainzOptions) {
    for (const [t, u] of Object.entries(opts.tokens ?? {})) this.tokens.set(t, u);
    this.#now = opts.now ?? Date.now;
    this.#limit = opts.rateLimit?.limit ?? 50;
    this.#windowSec = opts.rateLimit?.windowSec ?? 10;
    this.#skew = opts.maxSkewSec ?? 3600;
  }

  nowMs(): number {
    return this.#now() + this.#offsetMs;
  }

  advanceClock(ms: number): void {
    this.#offsetMs += ms;
  }

  playingNow(user: string): StoredListen | undefined {
    return this.#playingNow.get(user);
  }

  /** Count this request against its key's window; the headers to send, and whether over. */
  rateLimit(key: string): { headers: Record<string, string>; over: boolean } {
    const nowSec = this.nowMs() / 1000;
    const start = Math.floor(nowSec / this.#windowSec) * this.#windowSec;
    let w = this.#windows.get(key);
    if (!w || w.start !== start) {
      w = { start, used: 0 };
      this.#windows.set(key, w);
    }
    w.used++;
    if (w.used > this.#limit) this.rateLimited++;
    const resetIn = Math.max(1, Math.ceil(start + this.#windowSec - nowSec));
    return {
      over: w.used > this.#limit,
      headers: this.limitHeaders(Math.max(0, this.#limit - w.used), resetIn),
    };
  }

  limitHeaders(remaining: number, resetInSec: number): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.#limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset-in': String(resetInSec),
      'x-ratelimit-reset': String(Math.floor(this.nowMs() / 1000) + resetInSec),
    };
  }

  /** `Authorization: Token T` -> T, or null. */
  static tokenOf(header: string | undefined): string | null {
    if (!header || !header.toLowerCase().startsWith('token ')) return null;
    return header.split(' ')[1] ?? null;
  }

  validateToken(token: string | null): HttpReply {
    if (!token)
      return json(400, { code: 400, error: 'You need to provide an Authorization token.' });
    const user = this.tokens.get(token);
    if (!user) return json(200, { code: 200, message: 'Token invalid.', valid: false });
    return json(200, { code: 200, message: 'Token valid.', valid: true, user_name: user });
  }

  submit(token: string | null, raw: string, authHeader: boolean): HttpReply {
    const record = (reply: HttpReply, type: string | null, n: number): HttpReply => {
      const body = JSON.parse(reply.body) as Obj;
      this.submits.push({
        listenType: type,
        listens: n,
        status: reply.status,
        error: typeof body['error'] === 'string' ? body['error'] : null,
      });
      return reply;
    };
    if (!authHeader) {
      return record(
        json(401, { code: 401, error: 'You need to provide an Authorization header.' }),
        null,
        0,
      );
    }
    const user = token ? this.tokens.get(token) : undefined;
    if (!user)
      return record(json(401, { code: 401, error: 'Invalid authorization token.' }), null, 0);
    let data: unknown;
    try {
      data = JSON.parse(raw) as unknown;
    } catch (e) {
      return record(bad(`Cannot parse JSON document: ${(e as Error).message}`), null, 0);
    }
    const type =
      isObj(data) && typeof data['listen_type'] === 'string' ? data['listen_type'] : null;
    const payload = isObj(data) ? data['payload'] : undefined;
    const n = Array.isArray(payload) ? payload.length : 0;
    try {
      const listens = this.#validate(data);
      const t = type as string;
      if (t === 'playing_now') {
        this.#playingNow.set(user, this.#stored(user, listens[0] as Obj, 0));
      } else {
        for (const l of listens) {
          const row = this.#stored(user, l, l['listened_at'] as number);
          // The listen store keeps one row per (user, listened_at, track_name).
          const dup = this.listens.some(
            (s) => s.user === user && s.listenedAt === row.listenedAt && s.track === row.track,
          );
          if (!dup) this.listens.push(row);
        }
      }
      return record(json(200, { status: 'ok' }), type, n);
    } catch (e) {
      if (e instanceof BadRequest) return record(bad(e.message), type, n);
      throw e;
    }
  }

  #stored(user: string, l: Obj, listenedAt: number): StoredListen {
    const meta = l['track_metadata'] as Obj;
    return {
      user,
      listenedAt,
      artist: meta['artist_name'] as string,
      track: meta['track_name'] as string,
      release: typeof meta['release_name'] === 'string' ? meta['release_name'] : null,
      additionalInfo: isObj(meta['additional_info']) ? meta['additional_info'] : {},
      insertedAt: this.nowMs(),
    };
  }

  #validate(data: unknown): Obj[] {
    if (!isObj(data)) {
      throw new BadRequest(
        'Invalid JSON document submitted. Top level of JSON document should be a json object.',
      );
    }
    const payload = data['payload'];
    if (payload === undefined || !('listen_type' in data))
      throw new BadRequest('Invalid JSON document submitted.');
    if (!Array.isArray(payload))
      throw new BadRequest('The payload in the JSON document should be a list of listens.');
    if (payload.length === 0) throw new BadRequest('JSON document does not contain any listens');
    if (payload.length > MAX_LISTENS_PER_REQUEST) {
      throw new BadRequest(
        `Too many listens. You may not submit more than ${MAX_LISTENS_PER_REQUEST} listens at once.`,
      );
    }
    const type = data['listen_type'];
    if (type !== 'single' && type !== 'import' && type !== 'playing_now') {
      throw new BadRequest('JSON document requires a valid listen_type key.');
    }
    if (type !== 'import' && payload.length > 1) {
      throw new BadRequest(
        'JSON document contains more than listen for a single/playing_now. It should contain only one.',
      );
    }
    return payload.map((l) => this.#validateListen(l, type));
  }

  #validateListen(l: unknown, type: string): Obj {
    if (!isObj(l)) throw new BadRequest('Listen is not a JSON object.');
    if (type === 'playing_now') {
      if ('listened_at' in l) {
        throw new BadRequest(
          'JSON document must not contain listened_at while submitting playing_now.',
        );
      }
    } else {
      if (!('listened_at' in l))
        throw new BadRequest('JSON document must contain the key listened_at at the top level.');
      if (typeof l['listened_at'] !== 'number' || !Number.isInteger(l['listened_at'])) {
        throw new BadRequest('JSON document must contain an int value for listened_at.');
      }
      if (Object.keys(l).length > 2) {
        throw new BadRequest(
          'JSON document may only contain listened_at and track_metadata top level keys',
        );
      }
      if (l['listened_at'] > Math.floor(this.nowMs() / 1000) + this.#skew) {
        throw new BadRequest('Value for key listened_at is too high.');
      }
      if (l['listened_at'] < LISTEN_MINIMUM_TS) {
        throw new BadRequest(
          `Value for key listened_at is too low. listened_at timestamp should be greater than ${LISTEN_MINIMUM_TS}.`,
        );
      }
    }
    const meta = l['track_metadata'];
    if (!isObj(meta))
      throw new BadRequest(
        'JSON document does not contain a valid metadata.track_name and/or track_metadata.artist_name.',
      );
    if (typeof meta['track_name'] !== 'string' || meta['track_name'].trim() === '') {
      throw new BadRequest('JSON document does not contain required track_metadata.track_name.');
    }
    if (typeof meta['artist_name'] !== 'string' || meta['artist_name'].trim() === '') {
      throw new BadRequest('JSON document does not contain required track_metadata.artist_name.');
    }
    const info = meta['additional_info'];
    if (info !== undefined) {
      if (!isObj(info)) throw new BadRequest('additional_info must be an object.');
      for (const key of ['release_mbid', 'recording_mbid', 'release_group_mbid', 'track_mbid']) {
        const v = info[key];
        if (v !== undefined && (typeof v !== 'string' || !UUID.test(v)))
          throw new BadRequest(`${key} MBID format invalid.`);
      }
      for (const key of ['artist_mbids', 'work_mbids']) {
        const v = info[key];
        if (
          v !== undefined &&
          (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !UUID.test(x)))
        ) {
          throw new BadRequest(`${key} MBID format invalid.`);
        }
      }
      const d = info['duration_ms'];
      if (d !== undefined && (typeof d !== 'number' || !Number.isInteger(d) || d <= 0)) {
        throw new BadRequest('duration_ms must be a positive integer.');
      }
    }
    return l;
  }

  /** GET /1/user/{name}/listens: newest first, min_ts < listened_at < max_ts. */
  listensOf(user: string, q: URLSearchParams): HttpReply {
    if (![...this.tokens.values()].includes(user))
      return json(404, { code: 404, error: `Cannot find user: ${user}` });
    const num = (k: string): number | null | 'bad' => {
      const v = q.get(k);
      if (v === null) return null;
      return /^\d+$/.test(v) ? Number(v) : 'bad';
    };
    const min = num('min_ts');
    const max = num('max_ts');
    const count = num('count');
    for (const [k, v] of [
      ['min_ts', min],
      ['max_ts', max],
      ['count', count],
    ] as const) {
      if (v === 'bad') return bad(`'${k}' should be a non-negative integer`);
    }
    if (min !== null && max !== null && (min as number) >= (max as number))
      return bad('min_ts should be less than max_ts');
    const limit = Math.min((count as number | null) ?? DEFAULT_ITEMS_PER_GET, MAX_ITEMS_PER_GET);
    const mine = this.listens
      .filter((l) => l.user === user)
      .filter(
        (l) =>
          (min === null || l.listenedAt > (min as number)) &&
          (max === null || l.listenedAt < (max as number)),
      )
      .sort((a, b) => b.listenedAt - a.listenedAt)
      .slice(0, limit);
    return json(200, {
      payload: {
        user_id: user,
        count: mine.length,
        listens: mine.map((l) => ({
          listened_at: l.listenedAt,
          inserted_at: Math.floor(l.insertedAt / 1000),
          user_name: l.user,
          recording_msid: `00000000-0000-4000-8000-${String(l.listenedAt).padStart(12, '0').slice(-12)}`,
          track_metadata: {
            artist_name: l.artist,
            track_name: l.track,
            ...(l.release === null ? {} : { release_name: l.release }),
            additional_info: l.additionalInfo,
          },
        })),
      },
    });
  }
}

export function json(status: number, body: unknown): HttpReply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function bad(error: string): HttpReply {
  return json(400, { code: 400, error });
}
