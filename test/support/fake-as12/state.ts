// What the fake Audioscrobbler 1.2 server knows and how it answers, following GNU FM's
// gnukebox (submissions/1.2/handshake.php, submissions/1.2/index.php) and what was observed on
// a running GNU FM (PROTOCOLS.md), plus the 1.2.1 spec's rules in strict mode. Each handler
// returns the reply body; the HTTP side is in server.ts.

import { createHash } from 'node:crypto';

import { at, phpEmpty, scalar } from './php-form.js';
import type { PhpValue } from './php-form.js';
import type {
  DroppedScrobble,
  FakeAs12Options,
  RecordedAction,
  RecordedAs12NowPlaying,
  RecordedAs12Scrobble,
  RecordedHandshake,
} from './types.js';

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

/** GNU FM: plays at or before this are "invalid timestamps" (2001-12-22). */
const STUPID_TIME = 1_009_000_000;
const SPEC_MAX_TRACKS = 50;
const TRACK_KEYS = ['a', 't', 'i', 'o', 'r', 'l', 'b', 'n', 'm'] as const;
const NOW_PLAYING_KEYS = ['s', 'a', 't', 'b', 'l', 'n', 'm'] as const;
const SOURCES = /^(P|R|E|U|L[0-9a-f]{0,5})$/;

interface Session {
  user: string;
  client: string;
  expiresAt: number;
}

export class FakeAs12State {
  readonly users = new Map<string, string>();
  readonly webSessions = new Map<string, string>();
  readonly sessions = new Map<string, Session>();
  readonly scrobbles: RecordedAs12Scrobble[] = [];
  readonly dropped: DroppedScrobble[] = [];
  readonly handshakes: RecordedHandshake[] = [];
  readonly actions: RecordedAction[] = [];
  readonly #nowPlaying = new Map<string, RecordedAs12NowPlaying>();
  #clockOffsetMs = 0;
  readonly #now: () => number;
  readonly #tolerance: number;
  readonly #lifetime: number;
  readonly #banned: ReadonlySet<string>;
  readonly #strict: boolean;
  readonly #caseBug: boolean;

  constructor(opts: FakeAs12Options) {
    for (const [name, pw] of Object.entries(opts.users ?? { alice: 'alice-password' })) {
      this.users.set(name, pw);
    }
    this.#now = opts.now ?? Date.now;
    this.#tolerance = opts.toleranceSec ?? 300;
    this.#lifetime = opts.sessionLifetimeSec ?? 86_400;
    this.#banned = new Set(opts.bannedClients ?? []);
    this.#strict = opts.strict ?? true;
    this.#caseBug = opts.artistCaseBug ?? false;
  }

  nowMs(): number {
    return this.#now() + this.#clockOffsetMs;
  }

  nowSec(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  advanceClock(ms: number): void {
    this.#clockOffsetMs += ms;
  }

  nowPlaying(user: string): RecordedAs12NowPlaying | undefined {
    return this.#nowPlaying.get(user);
  }

  createWebSession(user: string): string {
    if (!this.users.has(user)) throw new Error(`fake-as12: no user ${user}`);
    const sk = md5(`web-session:${user}:${this.webSessions.size}:${Math.random()}`);
    this.webSessions.set(sk, user);
    return sk;
  }

  /** GET /?hs=true&p=...: the handshake, checks in GNU FM's order. */
  handshake(q: URLSearchParams, origin: string): string {
    const web = q.has('api_key') && q.has('sk');
    const record = (reply: string): string => {
      this.handshakes.push({
        user: q.get('u'),
        t: q.get('t'),
        client: q.get('c'),
        protocol: q.get('p'),
        form: web ? 'web-service' : 'standard',
        reply: reply.split('\n')[0] ?? '',
        at: this.nowMs(),
      });
      return reply;
    };
    const p = q.get('p');
    const u = q.get('u');
    const t = q.get('t');
    const a = q.get('a');
    const c = q.get('c');
    if (p === null || u === null || t === null || a === null || c === null) {
      return record('BADAUTH\n');
    }
    if (c === 'import') return record('FAILED Import scripts are broken\n');
    if (p !== '1.2' && p !== '1.2.1') return record('FAILED Unsupported protocol version\n');
    if (this.#banned.has(c)) return record('BANNED\n');
    // PHP: abs("x" - time()) is time() for a non-number, so garbage is BADTIME too.
    const tNum = /^-?\d+$/.test(t.trim()) ? Number(t) : 0;
    if (Math.abs(tNum - this.nowSec()) > this.#tolerance) return record('BADTIME\n');

    const authed = web ? this.#webAuth(u, q.get('sk') ?? '') : this.#standardAuth(u, t, a);
    if (!authed) return record('BADAUTH\n');

    // GNU FM: session id = md5(a . time()); the same a in the same second is the same key.
    const sessionId = md5(a + String(this.nowSec()));
    if (this.sessions.has(sessionId)) {
      return record(
        'FAILED ERROR:  duplicate key value violates unique constraint "scrobble_sessions_pkey"\n',
      );
    }
    const canonical = [...this.users.keys()].find((n) => n.toLowerCase() === u.toLowerCase()) ?? u;
    this.sessions.set(sessionId, {
      user: canonical,
      client: c,
      expiresAt: this.nowSec() + this.#lifetime,
    });
    return record(`OK\n${sessionId}\n${origin}/nowplaying/1.2/\n${origin}/submissions/1.2/\n`);
  }

  /** Observed: the standard form finds the user whatever the case of `u`. */
  #standardAuth(user: string, t: string, token: string): boolean {
    const name = [...this.users.keys()].find((n) => n.toLowerCase() === user.toLowerCase());
    const password = name === undefined ? undefined : this.users.get(name);
    return password !== undefined && token === md5(md5(password) + t);
  }

  /** Observed on GNU FM: `a` is not checked; the session key must be the user's, case exact. */
  #webAuth(user: string, sk: string): boolean {
    return this.webSessions.get(sk) === user;
  }

  #session(sessionId: string): Session | undefined {
    for (const [id, s] of this.sessions) {
      if (s.expiresAt < this.nowSec()) this.sessions.delete(id);
    }
    return this.sessions.get(sessionId);
  }

  #action(route: RecordedAction['route'], sid: string | null, tracks: number, reply: string) {
    this.actions.push({
      route,
      sessionId: sid,
      tracks,
      reply: reply.split('\n')[0] ?? '',
      at: this.nowMs(),
    });
    return reply;
  }

  /** POST /nowplaying/1.2/ */
  nowPlayingRequest(form: Map<string, PhpValue>): string {
    const sid = scalar(form.get('s')) ?? null;
    const done = (reply: string) => this.#action('nowplaying', sid, 1, reply);
    if (!form.has('s') || !form.has('a') || !form.has('t')) {
      return done('FAILED Required POST parameters are not set\n');
    }
    if (phpEmpty(form.get('s')) || phpEmpty(form.get('a')) || phpEmpty(form.get('t'))) {
      return done('FAILED Required POST parameters are empty\n');
    }
    // The spec (and Last.fm) check the session; gnukebox answers OK before looking at it.
    const session = this.#session(sid ?? '');
    if (!session) return done('BADSESSION\n');
    if (this.#strict) {
      const missing = NOW_PLAYING_KEYS.filter((k) => !form.has(k));
      if (missing.length > 0) return done(`FAILED Missing key(s): ${missing.join(', ')}\n`);
    }
    const get = (k: string) => scalar(form.get(k))?.trim() ?? '';
    this.#nowPlaying.set(session.user, {
      user: session.user,
      artist: get('a'),
      track: get('t'),
      album: get('b'),
      length: get('l'),
      trackNumber: get('n'),
      mbid: get('m'),
      receivedAt: this.nowMs(),
    });
    return done('OK\n');
  }

  /** POST /submissions/1.2/ : GNU FM's checks in its order; nothing stored unless OK. */
  submission(form: Map<string, PhpValue>): string {
    const sid = scalar(form.get('s')) ?? null;
    const a = form.get('a');
    const count = a instanceof Map ? a.size : 0;
    const done = (reply: string) => this.#action('submission', sid, count, reply);
    if (!form.has('s') || !form.has('a') || !form.has('t') || !form.has('i')) {
      return done('FAILED Required POST parameters are not set\n');
    }
    if (['s', 'a', 't', 'i'].some((k) => phpEmpty(form.get(k)))) {
      return done('FAILED Required POST parameters are empty\n');
    }
    if (!(a instanceof Map) || !(form.get('t') instanceof Map) || !(form.get('i') instanceof Map)) {
      return done('FAILED Track parameters must be arrays\n');
    }
    const session = this.#session(sid ?? '');
    if (!session) return done('BADSESSION\n');

    if (this.#strict) {
      const problem = this.#specProblem(form, count);
      if (problem) return done(`FAILED ${problem}\n`);
    }

    const rows: RecordedAs12Scrobble[] = [];
    let stupid = false;
    for (let i = 0; i < count; i++) {
      const artist = at(a, i);
      const track = at(form.get('t'), i);
      const time = at(form.get('i'), i);
      if (artist === undefined || track === undefined || time === undefined) {
        return done(`FAILED Track ${i} was submitted with empty mandatory field(s)\n`);
      }
      const timestamp = /^\d+$/.test(time.trim()) ? Number(time.trim()) : 0;
      if (timestamp - this.nowSec() > this.#tolerance) {
        return done('FAILED Submitted track has timestamp in the future\n');
      }
      if (timestamp <= STUPID_TIME) stupid = true;
      const row: RecordedAs12Scrobble = {
        user: session.user,
        artist: artist.trim(),
        track: track.trim(),
        album: at(form.get('b'), i)?.trim() ?? '',
        timestamp,
        source: at(form.get('o'), i) ?? '',
        rating: at(form.get('r'), i) ?? '',
        length: parseLength(at(form.get('l'), i)),
        trackNumber: at(form.get('n'), i) ?? '',
        mbid: at(form.get('m'), i) ?? '',
        sessionId: sid ?? '',
        receivedAt: this.nowMs(),
      };
      const drop = this.#dropReason(row);
      if (drop) {
        this.dropped.push({ ...pick(row), reason: drop });
        continue;
      }
      rows.push(row);
    }
    if (rows.length === 0 && stupid) {
      return done('FAILED Too many submitted tracks with invalid timestamps\n');
    }
    this.scrobbles.push(...rows);
    return done('OK\n');
  }

  /** Duplicates (same user, artist, track, time) are answered OK and dropped, as GNU FM does. */
  #dropReason(row: RecordedAs12Scrobble): DroppedScrobble['reason'] | null {
    const mine = this.scrobbles.filter((s) => s.user === row.user);
    if (
      mine.some(
        (s) => s.artist === row.artist && s.track === row.track && s.timestamp === row.timestamp,
      )
    ) {
      return 'duplicate';
    }
    if (this.#caseBug) {
      const lower = row.artist.toLowerCase();
      const known = this.scrobbles.some(
        (s) => s.artist !== row.artist && s.artist.toLowerCase() === lower,
      );
      if (known) return 'artist-case';
    }
    return null;
  }

  #specProblem(form: Map<string, PhpValue>, count: number): string | null {
    if (count > SPEC_MAX_TRACKS)
      return `Too many tracks in one submission (at most ${SPEC_MAX_TRACKS})`;
    for (let i = 0; i < count; i++) {
      const missing = TRACK_KEYS.filter((k) => at(form.get(k), i) === undefined);
      if (missing.length > 0) return `Track ${i} is missing key(s): ${missing.join(', ')}`;
      const source = at(form.get('o'), i) ?? '';
      if (!SOURCES.test(source)) return `Track ${i} has an invalid source "${source}"`;
      if (source === 'P' && (at(form.get('l'), i) ?? '') === '') {
        return `Track ${i} needs a length: it is required when the source is P`;
      }
    }
    return null;
  }
}

function parseLength(value: string | undefined): number | null {
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;
}

function pick(row: RecordedAs12Scrobble) {
  return { user: row.user, artist: row.artist, track: row.track, timestamp: row.timestamp };
}
