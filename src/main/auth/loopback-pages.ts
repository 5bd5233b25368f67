// The small HTML pages the browser sees at the end of a sign-in. Self-contained (inline CSS,
// no scripts, images or fonts) because the server sends `default-src 'none'`. Everything
// interpolated is escaped; the pages never echo anything from the request.

export interface LoopbackPages {
  /** Page for a completed sign-in; `user` is the name the service returned. */
  success(user?: string): string;
  /** Page for any failure; `reason` is plain text for a person. */
  failure(reason: string): string;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

const STYLE = `
:root{color-scheme:light dark;--bg:#f4f4f2;--fg:#1d1d1f;--card:#fff;--muted:#56565c;--ok:#1a7f37;--bad:#c62828}
@media (prefers-color-scheme:dark){:root{--bg:#161618;--fg:#ececef;--card:#232326;--muted:#a5a5ad;--ok:#4ac26b;--bad:#ff6b6b}}
body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:30rem;margin:1.5rem;padding:1.75rem 2rem;background:var(--card);border-radius:12px;border-top:5px solid var(--accent);box-shadow:0 1px 4px rgba(0,0,0,.18)}
.success{--accent:var(--ok)}.failure{--accent:var(--bad)}
h1{font-size:1.3rem;margin:0 0 .75rem}
p{margin:.5rem 0;color:var(--muted)}
strong{color:var(--fg)}
`.trim();

interface PageContent {
  tone: 'success' | 'failure';
  title: string;
  /** Already-escaped HTML paragraphs. */
  paragraphs: string[];
}

function renderPage({ tone, title, paragraphs }: PageContent): string {
  const body = paragraphs.map((p) => `<p>${p}</p>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)} – Scrobbletray</title>
<style>${STYLE}</style>
</head>
<body>
<main class="${tone}">
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

export const defaultPages: LoopbackPages = {
  success(user) {
    const who = user ? ` as <strong>${escapeHtml(user)}</strong>` : '';
    return renderPage({
      tone: 'success',
      title: 'Signed in',
      paragraphs: [
        `Scrobbletray is now signed in${who}.`,
        'You can close this tab and return to Scrobbletray.',
      ],
    });
  },
  failure(reason) {
    return renderPage({
      tone: 'failure',
      title: 'Sign-in did not complete',
      paragraphs: [escapeHtml(reason), 'You can close this tab and try again from Scrobbletray.'],
    });
  },
};
