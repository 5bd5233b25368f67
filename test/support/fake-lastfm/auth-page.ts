// The page a user sees at www.last.fm/api/auth/: GET shows an Allow/Deny form, POST carries
// out the decision. With `cb` (web flow) Allow issues an approved token and redirects to the
// callback; with `token` (desktop flow) Allow approves that token. There is no password field:
// picking the user stands in for being signed in to Last.fm.

import type { Params } from './method-spec.js';
import { escapeXml as escapeHtml } from './responses.js';
import type { HttpReply } from './responses.js';
import type { FakeLastfmState } from './state.js';

export function handleAuthPage(
  state: FakeLastfmState,
  httpMethod: string,
  fields: Params,
): HttpReply {
  const gnufm = state.config.flavor === 'gnufm';
  if (!gnufm && fields.api_key !== state.config.apiKey) {
    return page(400, 'Invalid API key', 'This application is not known to Last.fm.');
  }
  const token = fields.token || undefined;
  const cb = fields.cb || undefined;
  if (!token && !cb) return page(400, 'Invalid request', 'A cb or token parameter is required.');
  if (gnufm && token && cb) {
    return page(400, 'Invalid request', 'Give either cb or token, not both.');
  }
  if (cb !== undefined && !isHttpUrl(cb)) {
    return page(400, 'Invalid callback', 'The callback is not an http(s) URL.');
  }
  if (token !== undefined && state.checkToken(token) !== 'valid') {
    return page(400, 'Invalid token', 'This token is unknown, already used or expired.');
  }
  if (httpMethod !== 'POST') return authorizeForm(state, fields);

  const user = state.findUser(fields.user ?? '');
  if (!user) return page(400, 'Unknown user', 'There is no such Last.fm user.');
  if (fields.decision !== 'allow') {
    return page(200, 'Access denied', 'You denied the application access to your account.');
  }
  const approved = token ?? state.issueToken();
  state.approveToken(approved, user);
  if (cb !== undefined) {
    const location = `${cb}${cb.includes('?') ? '&' : '?'}token=${encodeURIComponent(approved)}`;
    return { status: 302, headers: { location, 'cache-control': 'no-store' }, body: '' };
  }
  return page(200, 'Application authorized', 'Application authorized, you can close this window.');
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function authorizeForm(state: FakeLastfmState, fields: Params): HttpReply {
  const hidden = ['api_key', 'cb', 'token']
    .filter((name) => fields[name])
    .map(
      (name) => `<input type="hidden" name="${name}" value="${escapeHtml(fields[name] ?? '')}">`,
    );
  const options = state.userNames().map((name, i) => {
    const value = escapeHtml(name);
    return `<option value="${value}"${i === 0 ? ' selected' : ''}>${value}</option>`;
  });
  const form = [
    '<p>An application would like to connect to your Last.fm account.</p>',
    '<form method="post" action="/api/auth/">',
    ...hidden,
    `<label>Signed in as <select name="user">${options.join('')}</select></label>`,
    '<button type="submit" name="decision" value="allow">Allow access</button>',
    '<button type="submit" name="decision" value="deny">Deny</button>',
    '</form>',
  ].join('\n');
  return html(200, 'Connect application', form);
}

function page(status: number, title: string, message: string): HttpReply {
  return html(status, title, `<p>${escapeHtml(message)}</p>`);
}

function html(status: number, title: string, content: string): HttpReply {
  const body = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)} | Last.fm (fake)</title></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    content,
    '</body></html>',
    '',
  ].join('\n');
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body,
  };
}
