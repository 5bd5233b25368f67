// The service's catalogue as the fronts see it: search as you type (track, artist and album
// search), an album's tracklist with lengths, and another user's recent plays. Reads go to
// the signed-in Last.fm, else the first signed-in Last.fm-compatible service, else Last.fm
// when its API key is set up. Failures come out in plain words with an error kind; the
// server's codes stay in the cause, which is never sent to a window.

import {
  PROFILE_PAGE_SIZE,
  type CatalogueAlbum,
  type CatalogueKind,
  type CatalogueMatch,
  type CatalogueSearchResult,
  type ProfilePage,
} from '../../shared/catalogue.js';
import { CoreError, InvalidInputError, NotFoundError } from '../../shared/errors.js';
import { loadApiCredentials } from '../auth/api-credentials.js';
import { LastfmClient } from '../lastfm/client.js';
import { LastfmError } from '../lastfm/errors.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { ServiceEndpoints } from '../settings/service-config.js';

export interface CatalogueDeps {
  /** Every known service id, built-in first. */
  serviceIds(): string[];
  endpoints(serviceId: string): ServiceEndpoints;
  isSignedIn(serviceId: string): boolean;
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  http: { userAgent: string; connectTimeoutMs?: number; responseTimeoutMs?: number };
}

export interface SearchInput {
  service?: string;
  query: string;
  kind: CatalogueKind;
  /** Track searches only: titles by this artist. */
  artist?: string;
  limit?: number;
}

/** Searches repeat while people type and erase; answers are kept for a while. */
const CACHE_ENTRIES = 200;
const CACHE_MS = 10 * 60 * 1000;
/**
 * After a search finds the service unreachable, further searches (one per pause in typing)
 * get the same answer without a request for this long: no load on a struggling server, and
 * no log line per keystroke pause while offline. Album lookups and profiles, which people ask
 * for one at a time, always try.
 */
const SEARCH_PAUSE_MS = 30 * 1000;

interface Chosen {
  id: string;
  name: string;
  flavor: 'lastfm' | 'gnufm';
  client: LastfmClient;
}

export class CatalogueService {
  readonly #deps: CatalogueDeps;
  readonly #now: () => number;
  readonly #clients = new Map<string, LastfmClient>();
  readonly #cache = new Map<string, { at: number; value: CatalogueSearchResult }>();
  readonly #searchDown = new Map<string, { until: number; error: Error }>();

  constructor(deps: CatalogueDeps, now: () => number = Date.now) {
    this.#deps = deps;
    this.#now = now;
  }

  async search(input: SearchInput): Promise<CatalogueSearchResult> {
    const chosen = await this.#choose(input.service);
    const query = input.query.trim();
    const artist = input.kind === 'track' ? (input.artist?.trim() ?? '') : '';
    const limit = input.limit ?? 10;
    const key = [chosen.id, input.kind, limit, artist.toLowerCase(), query.toLowerCase()].join(
      '\u0000',
    );
    const cached = this.#cache.get(key);
    if (cached && this.#now() - cached.at < CACHE_MS) return cached.value;
    const down = this.#searchDown.get(chosen.id);
    if (down && this.#now() < down.until) throw down.error;
    let page;
    try {
      page = await chosen.client.search(input.kind, {
        query,
        limit,
        ...(artist ? { artist } : {}),
      });
    } catch (error) {
      const plain = this.#plain(error, chosen, 'search');
      if (error instanceof LastfmError && error.transient) {
        this.#searchDown.set(chosen.id, { until: this.#now() + SEARCH_PAUSE_MS, error: plain });
      }
      throw plain;
    }
    this.#searchDown.delete(chosen.id);
    const matches: CatalogueMatch[] = page.matches.map((m) => {
      const match: CatalogueMatch = { artist: m.artist, listeners: m.listeners };
      if (m.track !== undefined) match.track = m.track;
      if (m.album !== undefined) match.album = m.album;
      return match;
    });
    const value = { service: chosen.id, serviceName: chosen.name, kind: input.kind, matches };
    this.#remember(key, value);
    return value;
  }

  async album(input: { service?: string; artist: string; album: string }): Promise<CatalogueAlbum> {
    const chosen = await this.#choose(input.service);
    const artist = input.artist.trim();
    const album = input.album.trim();
    let info;
    try {
      info = await chosen.client.getAlbumInfo({ artist, album, autocorrect: true });
    } catch (error) {
      if (error instanceof LastfmError && (error.code === 6 || error.code === 7)) {
        throw new NotFoundError(
          `${chosen.name} does not know an album “${album}” by ${artist}. Check the spelling, or paste the tracklist instead.`,
        );
      }
      throw this.#plain(error, chosen, 'album');
    }
    if (info.tracks.length === 0) {
      throw new NotFoundError(
        `${chosen.name} knows “${info.album}” by ${info.artist} but not its tracks. Paste the tracklist instead.`,
      );
    }
    return { service: chosen.id, serviceName: chosen.name, ...info };
  }

  /** Someone's finished plays, newest first, PROFILE_PAGE_SIZE a page. */
  async recentPlays(input: { service?: string; user: string; page: number }): Promise<ProfilePage> {
    const chosen = await this.#choose(input.service);
    const user = input.user.trim();
    let page;
    try {
      page = await chosen.client.getRecentTracks({
        user,
        page: input.page,
        limit: PROFILE_PAGE_SIZE,
      });
    } catch (error) {
      if (error instanceof LastfmError && error.code === 6) {
        throw new NotFoundError(`${chosen.name} has no user named “${user}”.`);
      }
      // GNU FM answers 7 for a user with no plays (PROTOCOLS.md), and for no such user.
      if (error instanceof LastfmError && error.code === 7 && chosen.flavor === 'gnufm') {
        return { ...this.#named(chosen), user, page: 1, totalPages: 1, total: 0, plays: [] };
      }
      if (error instanceof LastfmError && error.code === 17) {
        throw new CoreError('conflict', `${user} keeps their listening history private.`);
      }
      throw this.#plain(error, chosen, 'profile');
    }
    const plays = page.tracks.flatMap((t) =>
      t.nowPlaying || t.timestamp === null
        ? []
        : [{ artist: t.artist, track: t.track, album: t.album, timestamp: t.timestamp }],
    );
    return {
      ...this.#named(chosen),
      user,
      page: page.page,
      totalPages: Math.max(page.totalPages, 1),
      total: page.total,
      plays,
    };
  }

  async close(): Promise<void> {
    const clients = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.all(clients.map((c) => c.close()));
  }

  #named(chosen: Chosen): { service: string; serviceName: string } {
    return { service: chosen.id, serviceName: chosen.name };
  }

  #remember(key: string, value: CatalogueSearchResult): void {
    this.#cache.delete(key);
    this.#cache.set(key, { at: this.#now(), value });
    if (this.#cache.size > CACHE_ENTRIES) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
  }

  /** The service asked for, or the first usable one (see the top of this file). */
  async #choose(service: string | undefined): Promise<Chosen> {
    if (service !== undefined) {
      const endpoints = this.#deps.endpoints(service);
      if (endpoints.preset.protocol !== 'lastfm2') {
        throw new InvalidInputError(
          `${endpoints.preset.name} has no catalogue to search: use Last.fm, Libre.fm or a GNU FM server.`,
        );
      }
      return this.#open(service, endpoints);
    }
    const lastfm2 = this.#deps
      .serviceIds()
      .filter((id) => this.#deps.endpoints(id).preset.protocol === 'lastfm2');
    const signedIn = lastfm2.filter((id) => this.#deps.isSignedIn(id));
    const order = [
      ...new Set([...signedIn.filter((id) => id === 'lastfm'), ...signedIn, 'lastfm']),
    ];
    for (const id of order) {
      if (!lastfm2.includes(id)) continue;
      try {
        return await this.#open(id, this.#deps.endpoints(id));
      } catch (error) {
        if (!(error instanceof CoreError && error.kind === 'needs-sign-in')) throw error;
      }
    }
    throw new CoreError(
      'needs-sign-in',
      'Searching the catalogue needs Last.fm’s API key, or a Libre.fm or GNU FM account: set one up under Account.',
    );
  }

  async #open(id: string, endpoints: ServiceEndpoints): Promise<Chosen> {
    let credentials;
    try {
      credentials = await loadApiCredentials(endpoints, this.#deps.secrets, this.#deps.env);
    } catch (error) {
      throw new CoreError(
        'needs-sign-in',
        `${endpoints.preset.name} needs its API key set up under Account first.`,
        { cause: error },
      );
    }
    // One client per service and key: a new key (entered again) gets a new client.
    const key = `${id}\u0000${endpoints.apiUrl}\u0000${credentials.apiKey}`;
    let client = this.#clients.get(key);
    if (!client) {
      client = new LastfmClient({
        apiUrl: endpoints.apiUrl,
        flavor: endpoints.preset.flavor,
        ...credentials,
        ...this.#deps.http,
      });
      this.#clients.set(key, client);
    }
    return { id, name: endpoints.preset.name, flavor: endpoints.preset.flavor, client };
  }

  /** A failed read in words a person can act on; the server's codes stay in the cause. */
  #plain(error: unknown, chosen: Chosen, what: 'search' | 'album' | 'profile'): Error {
    if (!(error instanceof LastfmError))
      return error instanceof Error ? error : new Error(String(error));
    const action = { search: 'search', album: 'look up albums', profile: 'show profiles' }[what];
    if (error.code === 10 || error.code === 26) {
      return new CoreError(
        'needs-sign-in',
        `${chosen.name} did not accept the API key. Enter it again under Account.`,
        { cause: error },
      );
    }
    if (error.code === 3) {
      return new CoreError('unavailable', `${chosen.name} cannot ${action}.`, { cause: error });
    }
    if (error.transient) {
      return new CoreError(
        'unavailable',
        `${chosen.name} could not be reached. Try again in a moment.`,
        { cause: error },
      );
    }
    return new CoreError('unavailable', `${chosen.name} could not ${action} just now.`, {
      cause: error,
    });
  }
}
