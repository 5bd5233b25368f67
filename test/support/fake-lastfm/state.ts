// Everything the fake remembers: users, tokens, sessions, scrobbles and its own clock.
// User names are matched case-insensitively, as on Last.fm.

import { createHash, randomBytes } from 'node:crypto';

import { DEFAULT_CATALOGUE, type FakeCatalogueAlbum } from './catalogue.js';
import type {
  FakeLastfmOptions,
  LovedTrack,
  RecordedNowPlaying,
  RecordedRequest,
  RecordedScrobble,
} from './types.js';

/** Tokens from auth.getToken or the auth page live 60 minutes (last.fm/api/desktopauth). */
export const TOKEN_LIFETIME_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface FakeLastfmConfig {
  flavor: 'lastfm' | 'gnufm';
  apiKey: string;
  apiSecret: string;
  dailyCap: number;
  /** Null: no rule in days (GNU FM: only plays before GNU_FM_OLDEST are too old). */
  maxAgeDays: number | null;
  futureToleranceSec: number;
  corrections: ReadonlyMap<string, string>;
  rejectArtists: ReadonlySet<string>;
  poisonTracks: ReadonlySet<string>;
  now: () => number;
  catalogue: readonly FakeCatalogueAlbum[];
}

interface UserRecord {
  name: string;
  password: string;
  registeredAt: number;
}

interface TokenRecord {
  createdAt: number;
  approvedFor: string | null;
  used: boolean;
}

export type TokenExchange =
  | { ok: true; user: string; sessionKey: string }
  | { ok: false; code: 4 | 14 | 15; message: string };

export type TokenCheck = 'valid' | 'unknown' | 'used' | 'expired';

/** 32 lowercase hex digits, the shape of Last.fm tokens and session keys. */
function randomHex32(): string {
  return randomBytes(16).toString('hex');
}

export function resolveConfig(opts: FakeLastfmOptions): FakeLastfmConfig {
  const corrections = opts.corrections ?? { 'the beatles': 'The Beatles' };
  return {
    flavor: opts.flavor ?? 'lastfm',
    apiKey: opts.apiKey ?? 'test-api-key',
    apiSecret: opts.apiSecret ?? 'test-api-secret',
    dailyCap: opts.dailyCap ?? 2800,
    // A real GNU FM (nixtape's scrobble-utils.php, and checked by hand): no 14-day rule,
    // and more than 300 s ahead is too new.
    maxAgeDays: opts.maxAgeDays ?? (opts.flavor === 'gnufm' ? null : 14),
    futureToleranceSec: opts.futureToleranceSec ?? (opts.flavor === 'gnufm' ? 300 : 600),
    corrections: new Map(Object.entries(corrections).map(([k, v]) => [k.toLowerCase(), v])),
    rejectArtists: new Set((opts.rejectArtists ?? ['spam artist']).map((a) => a.toLowerCase())),
    poisonTracks: new Set((opts.poisonTracks ?? ['poisoned track']).map((t) => t.toLowerCase())),
    now: opts.now ?? Date.now,
    catalogue: opts.catalogue ?? DEFAULT_CATALOGUE,
  };
}

export class FakeLastfmState {
  readonly config: FakeLastfmConfig;
  readonly scrobbles: RecordedScrobble[] = [];
  /** Today's accepted scrobbles per user, counted up to index `upTo` (see acceptedToday). */
  #tally = { dayStart: Number.NaN, upTo: 0, counts: new Map<string, number>() };
  readonly requests: RecordedRequest[] = [];
  private clockOffsetMs = 0;
  private readonly users = new Map<string, UserRecord>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly sessions = new Map<string, { user: string; revoked: boolean }>();
  private readonly nowPlayingByUser = new Map<string, RecordedNowPlaying>();
  private readonly lovedByUser = new Map<string, LovedTrack[]>();

  constructor(config: FakeLastfmConfig, users: Record<string, string>) {
    this.config = config;
    for (const [name, password] of Object.entries(users)) this.addUser(name, password);
  }

  /** The records the catalogue reads search (track/artist/album.search, album.getInfo). */
  get catalogue(): readonly FakeCatalogueAlbum[] {
    return this.config.catalogue;
  }

  nowMs(): number {
    return this.config.now() + this.clockOffsetMs;
  }

  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  addUser(name: string, password: string): void {
    this.users.set(name.toLowerCase(), { name, password, registeredAt: this.nowMs() });
  }

  /** Canonical name of a user, or undefined when there is none. */
  findUser(name: string): string | undefined {
    return this.users.get(name.toLowerCase())?.name;
  }

  userNames(): string[] {
    return [...this.users.values()].map((u) => u.name);
  }

  registeredAt(user: string): number {
    return this.users.get(user.toLowerCase())?.registeredAt ?? 0;
  }

  checkPassword(name: string, password: string): string | undefined {
    const user = this.users.get(name.toLowerCase());
    return user && user.password === password ? user.name : undefined;
  }

  /** GNU FM's mobile sign-in: authToken = md5(lowercase(user name) + md5(password)). */
  checkAuthToken(name: string, authToken: string): string | undefined {
    const user = this.users.get(name.toLowerCase());
    if (!user) return undefined;
    const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
    return md5(name.toLowerCase() + md5(user.password)) === authToken ? user.name : undefined;
  }

  /** Whether the user already has this play (GNU FM answers such a scrobble with 91). */
  hasScrobble(user: string, artist: string, track: string, timestamp: number): boolean {
    return this.scrobbles.some(
      (s) =>
        s.user === user &&
        s.timestamp === timestamp &&
        s.artist.toLowerCase() === artist.toLowerCase() &&
        s.track.toLowerCase() === track.toLowerCase(),
    );
  }

  issueToken(): string {
    const token = randomHex32();
    this.tokens.set(token, { createdAt: this.nowMs(), approvedFor: null, used: false });
    return token;
  }

  checkToken(token: string): TokenCheck {
    const record = this.tokens.get(token);
    if (!record) return 'unknown';
    if (record.used) return 'used';
    if (this.nowMs() - record.createdAt >= TOKEN_LIFETIME_MS) return 'expired';
    return 'valid';
  }

  approveToken(token: string, user: string): void {
    const record = this.tokens.get(token);
    const name = this.findUser(user);
    if (!record) throw new Error('fake-lastfm: approveToken: unknown token');
    if (!name) throw new Error(`fake-lastfm: approveToken: unknown user ${user}`);
    record.approvedFor = name;
  }

  /** auth.getSession: a token is good once, within its lifetime, after the user approved it. */
  exchangeToken(token: string): TokenExchange {
    const check = this.checkToken(token);
    if (check === 'unknown' || check === 'used') {
      return { ok: false, code: 4, message: 'Unauthorized Token - This token has not been issued' };
    }
    if (check === 'expired') {
      return { ok: false, code: 15, message: 'Unauthorized Token - This token has expired' };
    }
    const record = this.tokens.get(token);
    if (!record?.approvedFor) {
      return {
        ok: false,
        code: 14,
        message: 'Unauthorized Token - This token has not been authorized',
      };
    }
    record.used = true;
    return {
      ok: true,
      user: record.approvedFor,
      sessionKey: this.createSession(record.approvedFor),
    };
  }

  createSession(user: string): string {
    const name = this.findUser(user);
    if (!name) throw new Error(`fake-lastfm: createSession: unknown user ${user}`);
    const key = randomHex32();
    this.sessions.set(key, { user: name, revoked: false });
    return key;
  }

  revokeSession(key: string): void {
    const session = this.sessions.get(key);
    if (session) session.revoked = true;
  }

  /** The session's user, or null when the key is unknown or revoked. */
  sessionUser(key: string): string | null {
    const session = this.sessions.get(key);
    return session && !session.revoked ? session.user : null;
  }

  correctArtist(artist: string): string {
    return this.config.corrections.get(artist.toLowerCase()) ?? artist;
  }

  isRejectedArtist(artist: string): boolean {
    return this.config.rejectArtists.has(artist.toLowerCase());
  }

  /** Scrobbles accepted for the user since 00:00 UTC of the server clock's day. */
  acceptedToday(user: string): number {
    const dayStart = Math.floor(this.nowMs() / DAY_MS) * DAY_MS;
    // Scrobbles are recorded in arrival order and only appended: a tally per day counts each
    // new one once, so a long day of scrobbles (the 100,000 of the pacing benchmark) does not
    // make every request slower. A new day (or a clock set back) starts the tally again by
    // walking back through that day's scrobbles only.
    if (this.#tally.dayStart !== dayStart) {
      let from = this.scrobbles.length;
      while (from > 0 && (this.scrobbles[from - 1]?.receivedAt ?? 0) >= dayStart) from--;
      this.#tally = { dayStart, upTo: from, counts: new Map() };
    }
    const tally = this.#tally;
    for (; tally.upTo < this.scrobbles.length; tally.upTo++) {
      const s = this.scrobbles[tally.upTo];
      if (s && s.receivedAt >= dayStart)
        tally.counts.set(s.user, (tally.counts.get(s.user) ?? 0) + 1);
    }
    return tally.counts.get(user) ?? 0;
  }

  scrobblesOf(user: string): RecordedScrobble[] {
    return this.scrobbles.filter((s) => s.user === user);
  }

  setNowPlaying(entry: RecordedNowPlaying): void {
    this.nowPlayingByUser.set(entry.user.toLowerCase(), entry);
  }

  nowPlaying(user: string): RecordedNowPlaying | undefined {
    return this.nowPlayingByUser.get(user.toLowerCase());
  }

  love(user: string, artist: string, track: string): void {
    if (this.isLoved(user, artist, track)) return;
    const list = this.lovedByUser.get(user.toLowerCase()) ?? [];
    list.push({ artist, track });
    this.lovedByUser.set(user.toLowerCase(), list);
  }

  unlove(user: string, artist: string, track: string): void {
    const list = this.lovedByUser.get(user.toLowerCase()) ?? [];
    const kept = list.filter((l) => !sameTrack(l, artist, track));
    this.lovedByUser.set(user.toLowerCase(), kept);
  }

  isLoved(user: string, artist: string, track: string): boolean {
    return this.loved(user).some((l) => sameTrack(l, artist, track));
  }

  loved(user: string): LovedTrack[] {
    return this.lovedByUser.get(user.toLowerCase()) ?? [];
  }
}

function sameTrack(loved: LovedTrack, artist: string, track: string): boolean {
  return (
    loved.artist.toLowerCase() === artist.toLowerCase() &&
    loved.track.toLowerCase() === track.toLowerCase()
  );
}
