// The small page the server shows when it cannot show the window. Static text only:
// nothing from the request is echoed back, so there is nothing to escape.

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem}
@media (prefers-color-scheme:dark){body{background:#1b1b1f;color:#e6e6ea}}
code{font-size:.95em}</style></head>
<body><h1>${title}</h1>${body}</body>
</html>
`;
}

export const NOT_BUILT_PAGE = page(
  'The Scrobbletray window is not built',
  `<p>The server is running, but the window’s files were not found. Run
<code>npm run build</code> in the Scrobbletray folder, then restart
<code>scrobbletray serve</code>.</p>`,
);
