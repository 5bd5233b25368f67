// A fake SoundCloud on 127.0.0.1:0: the API (me, resolve, tracks, liked tracks paged by
// next_href, oEmbed) behind both sign-in methods, which it mounts as SoundCloud has them:
// OAuth 1.0a token calls under the API root plus a 1.0a approval page, and an OAuth 2.1
// authorize page and token endpoint. `env(method)` gives the contract environment variables
// that point Scrobbletray (or its CLI) at this fake.
import { FakeOAuth1Provider } from '../fake-oauth1/provider.js';
import type { FakeOAuth1Options } from '../fake-oauth1/provider.js';
import { jsonBody, redirect, startHttp } from '../fake-oauth1/http-server.js';
import type { FakeRequest, HttpReply } from '../fake-oauth1/http-server.js';
import { FakeOAuth2Provider } from '../fake-oauth2/provider.js';
import type { FakeOAuth2Options } from '../fake-oauth2/provider.js';

export interface FakeTrack {
  id: number;
  title: string;
  /** The uploader's username. */
  user: string;
  durationMs: number;
  /** "user/slug": the track lives at https://soundcloud.com/user/slug. */
  permalink: string;
  publisher?: { artist?: string; album_title?: string; release_title?: string };
}

export interface FakeSoundCloudOptions {
  /** The app's credentials, used for both methods. */
  consumer?: { key: string; secret: string };
  users?: string[];
  tracks?: FakeTrack[];
  /** "user/sets/name" permalinks that resolve to playlists. */
  playlists?: string[];
  /** username -> liked track ids, newest first. */
  likes?: Record<string, number[]>;
  oauth1?: Omit<FakeOAuth1Options, 'consumers' | 'users'>;
  oauth2?: Omit<FakeOAuth2Options, 'clients' | 'users'>;
}

export interface FakeSoundCloud {
  origin: string;
  apiUrl: string;
  consumer: { key: string; secret: string };
  oauth1: FakeOAuth1Provider;
  oauth2: FakeOAuth2Provider;
  oembedUrl: string;
  /** SCROBBLETRAY_SOUNDCLOUD_* and SCROBBLETRAY_OEMBED_URL_SOUNDCLOUD for this fake. */
  env(method: 'oauth1' | 'oauth2'): Record<string, string>;
  /** The next request to `path` gets this status instead (one shot). */
  failNext(path: string, status: number): void;
  readonly requests: FakeRequest[];
  close(): Promise<void>;
}

export const FAKE_SOUNDCLOUD_APP = { key: 'fake-sc-client', secret: 'fake-sc-secret/+=' };

export async function startFakeSoundCloud(
  opts: FakeSoundCloudOptions = {},
): Promise<FakeSoundCloud> {
  const consumer = opts.consumer ?? FAKE_SOUNDCLOUD_APP;
  const users = opts.users ?? ['alice'];
  const tracks = opts.tracks ?? [];
  const likes = opts.likes ?? {};
  const oauth1 = new FakeOAuth1Provider({
    ...opts.oauth1,
    consumers: { [consumer.key]: consumer.secret },
    users,
  });
  const oauth2 = new FakeOAuth2Provider({
    ...opts.oauth2,
    clients: { [consumer.key]: { secret: consumer.secret, redirectPath: '/callback' } },
    users,
  });
  const faults = new Map<string, number>();
  let origin = '';

  const userJson = (name: string) => ({
    kind: 'user',
    id: users.indexOf(name) + 1,
    urn: `soundcloud:users:${users.indexOf(name) + 1}`,
    username: name,
    permalink_url: `https://soundcloud.com/${name}`,
  });
  const trackJson = (t: FakeTrack) => ({
    kind: 'track',
    id: t.id,
    urn: `soundcloud:tracks:${t.id}`,
    title: t.title,
    duration: t.durationMs,
    permalink_url: `https://soundcloud.com/${t.permalink}`,
    user: { kind: 'user', username: t.user },
    publisher_metadata: t.publisher ? { id: t.id, ...t.publisher } : null,
  });
  const byLink = (link: string | null): FakeTrack | undefined => {
    if (link === null) return undefined;
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      return undefined;
    }
    if (url.hostname !== 'soundcloud.com') return undefined;
    return tracks.find((t) => `/${t.permalink}` === url.pathname);
  };

  function signedInUser(req: FakeRequest): string | HttpReply {
    const header = req.headers.authorization ?? '';
    if (/oauth_signature=/.test(header)) {
      const who = oauth1.authenticate(req);
      return 'status' in who ? who : who.user;
    }
    return (
      oauth2.authenticate(header) ??
      jsonBody(401, { error: 'unauthorized' }, { 'www-authenticate': 'OAuth' })
    );
  }

  function api(req: FakeRequest): HttpReply | null {
    const path = req.url.pathname;
    if (path === '/oembed') {
      const track = byLink(req.url.searchParams.get('url'));
      if (req.url.searchParams.get('format') !== 'json') return jsonBody(501, { error: 'format' });
      if (!track)
        return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
      return jsonBody(200, {
        version: 1,
        type: 'rich',
        provider_name: 'SoundCloud',
        title: `${track.title} by ${track.user}`,
        author_name: track.user,
      });
    }
    if (
      !['/me', '/resolve', '/me/likes/tracks'].includes(path) &&
      !/^\/(tracks|playlists)\/\d+$/.test(path)
    )
      return null;
    if (req.method !== 'GET') return jsonBody(405, { error: 'method' });
    const user = signedInUser(req);
    if (typeof user !== 'string') return user;
    if (path === '/me') return jsonBody(200, userJson(user));
    if (path === '/resolve') {
      const link = req.url.searchParams.get('url');
      const track = byLink(link);
      if (track) return redirect(`${origin}/tracks/${track.id}`);
      const set = link ? (opts.playlists?.indexOf(new URL(link).pathname.slice(1)) ?? -1) : -1;
      if (set >= 0) return redirect(`${origin}/playlists/${set + 1}`);
      return jsonBody(404, { errors: [{ error_message: '404 - Not Found' }] });
    }
    const trackMatch = /^\/tracks\/(\d+)$/.exec(path);
    if (trackMatch) {
      const track = tracks.find((t) => t.id === Number(trackMatch[1]));
      return track ? jsonBody(200, trackJson(track)) : jsonBody(404, { errors: [] });
    }
    if (path.startsWith('/playlists/'))
      return jsonBody(200, { kind: 'playlist', id: Number(path.slice(11)), title: 'A set' });
    // /me/likes/tracks: linked partitioning, the cursor an opaque offset.
    const liked = (likes[user] ?? [])
      .map((id) => tracks.find((t) => t.id === id))
      .filter((t) => t !== undefined);
    const limit = Math.min(Math.max(Number(req.url.searchParams.get('limit') ?? 50) || 50, 1), 200);
    const cursor = req.url.searchParams.get('cursor');
    const offset = cursor === null ? 0 : Number(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) return jsonBody(400, { error: 'bad cursor' });
    const page = liked.slice(offset, offset + limit);
    let nextHref: string | null = null;
    if (offset + limit < liked.length) {
      const next = new URL(`${origin}/me/likes/tracks`);
      next.searchParams.set('limit', String(limit));
      next.searchParams.set('linked_partitioning', 'true');
      next.searchParams.set('cursor', Buffer.from(String(offset + limit)).toString('base64url'));
      nextHref = next.toString();
    }
    return jsonBody(200, { collection: page.map(trackJson), next_href: nextHref });
  }

  const server = await startHttp((req) => {
    const fault = faults.get(req.url.pathname);
    if (fault !== undefined) {
      faults.delete(req.url.pathname);
      return jsonBody(fault, { error: 'injected' });
    }
    return oauth1.handle(req) ?? oauth2.handle(req) ?? api(req);
  });
  origin = server.origin;

  return {
    origin,
    apiUrl: `${origin}/`,
    consumer,
    oauth1,
    oauth2,
    oembedUrl: `${origin}/oembed`,
    env: (method) => ({
      SCROBBLETRAY_SOUNDCLOUD_API_URL: `${origin}/`,
      SCROBBLETRAY_SOUNDCLOUD_AUTHORIZE_URL: `${origin}${method === 'oauth1' ? oauth1.paths.authorize : oauth2.paths.authorize}`,
      SCROBBLETRAY_SOUNDCLOUD_TOKEN_URL: `${origin}${oauth2.paths.token}`,
      SCROBBLETRAY_SOUNDCLOUD_CONSUMER_KEY: consumer.key,
      SCROBBLETRAY_SOUNDCLOUD_CONSUMER_SECRET: consumer.secret,
      SCROBBLETRAY_OEMBED_URL_SOUNDCLOUD: `${origin}/oembed`,
    }),
    failNext: (path, status) => faults.set(path, status),
    requests: server.requests,
    close: () => server.close(),
  };
}
