import { createReadStream, existsSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendHtml, sendText } from './http-responses.js';
import { NOT_BUILT_PAGE } from './pages.js';

// The window's files (Vite's output in dist/renderer), served read-only. Paths are resolved
// inside that folder and checked after following links, so `..`, encoded or not, and
// symlinks cannot reach anything else.

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * dist/renderer of this package, found by walking up from this module to the folder with
 * package.json: the same answer from src/main/server (tsx, tests) and dist/main/server (built).
 */
export function findRendererDir(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'renderer');
    const parent = dirname(dir);
    if (parent === dir) return join(from, '..', '..', 'renderer');
    dir = parent;
  }
}

/** Serve `pathname` from `root`; `/` is index.html, or a "not built" page when it is missing. */
export async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const file = await resolveInside(
    root,
    pathname.endsWith('/') ? `${pathname}index.html` : pathname,
  );
  if (file === 'bad') {
    sendText(res, 400, 'Bad path.\n');
    return;
  }
  if (!file) {
    if (pathname === '/') sendHtml(res, 200, NOT_BUILT_PAGE);
    else sendText(res, 404, 'Not found.\n');
    return;
  }
  const { size } = await stat(file);
  res.statusCode = 200;
  res.setHeader('Content-Type', contentTypeFor(file));
  res.setHeader('Content-Length', size);
  // Always revalidate: a rebuild must show at once, and the files are local anyway.
  res.setHeader('Cache-Control', 'no-cache');
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      res.destroy();
      done();
    });
    stream.on('end', done);
    stream.pipe(res);
  });
}

/** The real path of a regular file under root, null when there is none, 'bad' for junk. */
async function resolveInside(root: string, pathname: string): Promise<string | null | 'bad'> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return 'bad';
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return 'bad';
  // Hidden files (.DS_Store, .git) are never part of the window.
  if (decoded.split('/').some((segment) => segment.startsWith('.'))) return null;
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return null;
  }
  const candidate = resolve(realRoot, `.${decoded}`);
  if (!isInside(realRoot, candidate)) return null;
  try {
    const real = await realpath(candidate);
    if (!isInside(realRoot, real)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

function isInside(root: string, path: string): boolean {
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}
