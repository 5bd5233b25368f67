// The approval page the fake providers show (1.0a and 2.1 alike): a form naming the app, a
// user to sign in as, and Allow / Deny buttons. Everything interpolated is escaped.
import type { HttpReply } from './http-server.js';

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function approvalPage(opts: {
  action: string;
  hidden: Record<string, string>;
  users: readonly string[];
  app: string;
}): HttpReply {
  const hidden = Object.entries(opts.hidden)
    .map(([name, value]) => `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`)
    .join('\n');
  const options = opts.users
    .map((u, i) => `<option value="${esc(u)}"${i === 0 ? ' selected' : ''}>${esc(u)}</option>`)
    .join('');
  const body = `<!doctype html><html><head><title>Connect ${esc(opts.app)}</title></head><body>
<h1>Connect ${esc(opts.app)} to your account?</h1>
<form method="post" action="${esc(opts.action)}">
${hidden}
<select name="user">${options}</select>
<button name="decision" value="allow">Allow</button>
<button name="decision" value="deny">Deny</button>
</form></body></html>`;
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

export function errorPage(status: number, message: string): HttpReply {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!doctype html><html><body><h1>${esc(message)}</h1></body></html>`,
  };
}
