// SoundCloud's API, the three calls Scrobbletray needs: who is signed in (`me`), what a link
// points to (`resolve`), and the user's liked tracks (paged by next_href). Redirects (resolve
// answers 302 to the resource) are followed by hand, and only within the API's own origin,
// so the Authorization header is never sent anywhere else.
import { OAuthError } from '../oauth/errors.js';
import { httpCall, hostOf, parseJsonObject } from '../oauth/http.js';
import type { HttpAnswer } from '../oauth/http.js';
import type { RequestAuthorizer } from './authorizer.js';
import { SoundCloudError } from './errors.js';
import { parseLikesPage, parseTrack, parseUser } from './parse.js';
import type { LikesPage, SoundCloudTrack, SoundCloudUser } from './types.js';

const MAX_REDIRECTS = 3;
export const LIKES_PAGE_SIZE = 50;

export interface SoundCloudClientOptions {
  /** API root, e.g. https://api.soundcloud.com/ (SCROBBLETRAY_SOUNDCLOUD_API_URL). */
  apiUrl: string;
  auth: RequestAuthorizer;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export class SoundCloudClient {
  readonly #api: URL;
  readonly #auth: RequestAuthorizer;
  readonly #timeoutMs: number | undefined;
  readonly #signal: AbortSignal | undefined;

  constructor(opts: SoundCloudClientOptions) {
    this.#api = new URL(opts.apiUrl.endsWith('/') ? opts.apiUrl : `${opts.apiUrl}/`);
    this.#auth = opts.auth;
    this.#timeoutMs = opts.timeoutMs;
    this.#signal = opts.signal;
  }

  /** The signed-in user. */
  async me(): Promise<SoundCloudUser> {
    return parseUser(await this.#getJson('me', new URL('me', this.#api)));
  }

  /** The track a soundcloud.com link points to (with publisher metadata when the label set it). */
  async resolve(link: string): Promise<SoundCloudTrack> {
    const url = new URL('resolve', this.#api);
    url.searchParams.set('url', link);
    return parseTrack(await this.#getJson('resolve', url));
  }

  /** One page of the user's liked tracks, newest first; pass `next` back for the following one. */
  async likes(cursor: string | null = null): Promise<LikesPage> {
    let url: URL;
    if (cursor === null) {
      url = new URL('me/likes/tracks', this.#api);
      url.searchParams.set('limit', String(LIKES_PAGE_SIZE));
      url.searchParams.set('linked_partitioning', 'true');
    } else {
      url = this.#ownUrl(cursor, 'likes');
    }
    const page = parseLikesPage(await this.#getJson('likes', url));
    const tracks: SoundCloudTrack[] = [];
    for (const item of page.items) {
      try {
        tracks.push(parseTrack(item));
      } catch (error) {
        // A liked playlist or a removed track in the list is not a reason to lose the page.
        if (!(error instanceof SoundCloudError && error.kind === 'not-found')) throw error;
      }
    }
    const next = page.nextHref === null ? null : this.#ownUrl(page.nextHref, 'likes').toString();
    return { tracks, next };
  }

  /** A URL the API handed us (next_href, a redirect) must stay on the API's origin. */
  #ownUrl(href: string, call: string, base: URL = this.#api): URL {
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      throw new SoundCloudError(
        'unreadable',
        `SoundCloud's answer to ${call} pointed to an address that is not valid.`,
      );
    }
    if (url.origin !== this.#api.origin) {
      throw new SoundCloudError(
        'unreadable',
        `SoundCloud's answer to ${call} pointed away from ${this.#api.host}; Scrobbletray does not follow it with your sign-in.`,
      );
    }
    return url;
  }

  async #getJson(call: string, start: URL): Promise<unknown> {
    let url = start;
    let retried = false;
    for (let hop = 0; ;) {
      const header = await asSoundCloudError(this.#auth.header('GET', url.toString()));
      const res = await this.#send(call, url, header);
      if ([301, 302, 303, 307, 308].includes(res.status)) {
        const location = res.headers['location'];
        if (typeof location !== 'string' || ++hop > MAX_REDIRECTS) {
          throw new SoundCloudError(
            'unreadable',
            `SoundCloud redirected ${call} in circles.`,
            res.status,
          );
        }
        url = this.#ownUrl(location, call, url);
        continue;
      }
      if (res.status === 401 && !retried) {
        retried = true;
        if (await asSoundCloudError(this.#auth.rejected(header))) continue;
      }
      if (res.status >= 200 && res.status <= 299) {
        const body = parseJsonObject(res.text);
        if (!body) {
          throw new SoundCloudError(
            'unreadable',
            `SoundCloud answered ${call} with something that is not JSON.`,
            res.status,
          );
        }
        return body;
      }
      throw statusError(call, res.status, hostOf(url.toString()));
    }
  }

  async #send(call: string, url: URL, authorization: string): Promise<HttpAnswer> {
    try {
      return await httpCall({
        method: 'GET',
        url: url.toString(),
        headers: { authorization, accept: 'application/json' },
        timeoutMs: this.#timeoutMs,
        signal: this.#signal,
      });
    } catch (error) {
      if (error instanceof OAuthError) {
        throw new SoundCloudError(
          error.kind === 'unreachable' ? 'unreachable' : 'unreadable',
          `SoundCloud ${call}: ${error.message}`,
          undefined,
          error,
        );
      }
      throw error;
    }
  }
}

/** A refresh that failed (refused, unreachable) is reported as this client's own error kind. */
async function asSoundCloudError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    const kind =
      error.kind === 'reauth' ? 'reauth' : error.kind === 'unreachable' ? 'unreachable' : 'refused';
    throw new SoundCloudError(kind, error.message, error.status, error);
  }
}

function statusError(call: string, status: number, host: string): SoundCloudError {
  if (status === 401) {
    return new SoundCloudError(
      'reauth',
      `SoundCloud no longer accepts Scrobbletray's sign-in (HTTP 401 on ${call}). Sign in to SoundCloud again.`,
      status,
    );
  }
  if (status === 404) {
    return new SoundCloudError(
      'not-found',
      call === 'resolve'
        ? 'SoundCloud has no public track at this link: it may be private, removed, or mistyped.'
        : `SoundCloud answered HTTP 404 on ${call}.`,
      status,
    );
  }
  if (status === 429) {
    return new SoundCloudError(
      'rate-limited',
      `SoundCloud is limiting requests just now (HTTP 429 on ${call}). Try again later.`,
      status,
    );
  }
  if (status >= 500) {
    return new SoundCloudError(
      'unreachable',
      `${host} had a problem answering ${call} (HTTP ${status}). Try again later.`,
      status,
    );
  }
  return new SoundCloudError('refused', `SoundCloud refused ${call} (HTTP ${status}).`, status);
}
