// A fake YouTube oEmbed endpoint on 127.0.0.1:0, answering as YouTube does: JSON with title
// and author_name for a known public video, 401 for a private or non-embeddable one, 404 for
// an unknown one, 400 for a URL that is not a YouTube video.
import { jsonBody, startHttp } from '../fake-oauth1/http-server.js';
import type { FakeRequest } from '../fake-oauth1/http-server.js';

export type FakeVideo = { title: string; author_name: string } | 'private';

export interface FakeYouTubeOEmbed {
  /** SCROBBLETRAY_OEMBED_URL_YOUTUBE for this fake. */
  url: string;
  readonly requests: FakeRequest[];
  close(): Promise<void>;
}

const text = (status: number, body: string) => ({
  status,
  headers: { 'content-type': 'text/html' },
  body,
});

export async function startFakeYouTubeOEmbed(
  videos: Record<string, FakeVideo>,
): Promise<FakeYouTubeOEmbed> {
  const server = await startHttp((req) => {
    if (req.url.pathname !== '/oembed') return null;
    let page: URL;
    try {
      page = new URL(req.url.searchParams.get('url') ?? '');
    } catch {
      return text(400, 'Bad Request');
    }
    const id =
      page.hostname === 'www.youtube.com' && page.pathname === '/watch'
        ? page.searchParams.get('v')
        : null;
    if (id === null) return text(400, 'Bad Request');
    const video = videos[id];
    if (video === undefined) return text(404, 'Not Found');
    if (video === 'private') return text(401, 'Unauthorized');
    return jsonBody(200, {
      ...video,
      type: 'video',
      version: '1.0',
      provider_name: 'YouTube',
      author_url: `https://www.youtube.com/@${video.author_name.replace(/\s+/g, '')}`,
    });
  });
  return { url: `${server.origin}/oembed`, requests: server.requests, close: () => server.close() };
}
