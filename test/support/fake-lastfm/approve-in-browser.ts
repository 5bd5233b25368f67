// Plays the user's browser on the fake auth page: load it, submit Allow, and hand back the
// redirect without following it, so a test can deliver it to the app's callback itself.

import { request } from 'undici';

export interface BrowserApproval {
  /** The Location of the redirect after Allow (web flow), or null when there was none. */
  redirect: string | null;
}

export async function approveInBrowser(
  authPageUrl: string,
  user?: string,
): Promise<BrowserApproval> {
  const pageRes = await request(authPageUrl);
  const html = await pageRes.body.text();
  if (pageRes.statusCode !== 200) {
    throw new Error(`auth page answered HTTP ${pageRes.statusCode}: ${headline(html)}`);
  }
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
  if (action === undefined) throw new Error('auth page has no form');

  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields.append(unescapeHtml(m[1] ?? ''), unescapeHtml(m[2] ?? ''));
  }
  const preselected = /<option value="([^"]*)" selected>/.exec(html)?.[1];
  fields.append('user', user ?? unescapeHtml(preselected ?? ''));
  fields.append('decision', 'allow');

  const submitRes = await request(new URL(unescapeHtml(action), authPageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  });
  const answer = await submitRes.body.text();
  if (submitRes.statusCode >= 300 && submitRes.statusCode < 400) {
    const location = submitRes.headers.location;
    return { redirect: typeof location === 'string' ? location : null };
  }
  if (submitRes.statusCode !== 200) {
    throw new Error(`auth form answered HTTP ${submitRes.statusCode}: ${headline(answer)}`);
  }
  return { redirect: null };
}

function headline(html: string): string {
  return unescapeHtml(/<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? 'no page title');
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
