// Plays the user's browser on a fake provider's approval page: load it, press Allow or Deny,
// and hand back where the provider redirects, without following it, so the test decides
// when (and how often, and with what changes) the loopback callback is delivered.
import { request } from 'undici';

export interface BrowserTab {
  status: number;
  body: string;
}

export async function decideInBrowser(
  authorizeUrl: string,
  decision: 'allow' | 'deny',
  user?: string,
): Promise<string> {
  const page = await request(authorizeUrl);
  const html = await page.body.text();
  if (page.statusCode !== 200) {
    throw new Error(`approval page answered HTTP ${page.statusCode}: ${headline(html)}`);
  }
  const action = /<form method="post" action="([^"]*)"/.exec(html)?.[1];
  if (action === undefined) throw new Error('approval page has no form');
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields.append(unescape(m[1] ?? ''), unescape(m[2] ?? ''));
  }
  fields.append(
    'user',
    user ?? unescape(/<option value="([^"]*)" selected>/.exec(html)?.[1] ?? ''),
  );
  fields.append('decision', decision);
  const res = await request(new URL(unescape(action), authorizeUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  });
  const answer = await res.body.text();
  const location = res.headers.location;
  if (res.statusCode !== 302 || typeof location !== 'string') {
    throw new Error(`approval answered HTTP ${res.statusCode}: ${headline(answer)}`);
  }
  return location;
}

/** The browser following a redirect to the app's loopback: resolves once the tab has its page. */
export async function visit(
  url: string,
  headers: Record<string, string> = {},
): Promise<BrowserTab> {
  const res = await request(url, { headers });
  return { status: res.statusCode, body: await res.body.text() };
}

function headline(html: string): string {
  return unescape(/<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? html.slice(0, 80));
}

function unescape(text: string): string {
  return text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
}
