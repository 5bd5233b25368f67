import { pathToFileURL } from 'node:url';
import { net, protocol, type Session } from 'electron';
import { APP_SCHEME, appResponseHeaders, resolveAppFile } from './app-url.js';

// Glue: serve dist/renderer on app://scrobbletray/ with our headers (CSP included), and lock
// the session's permissions. The path and header rules are in app-url.ts.

/** Must run before the app is ready: the scheme is standard (origin, relative URLs) and secure. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

export function serveRenderer(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const file = request.method === 'GET' ? resolveAppFile(rendererDir, request.url) : null;
    if (file === null) return new Response('Not found', { status: 404 });
    try {
      const body = await net.fetch(pathToFileURL(file).href);
      if (!body.ok) return new Response('Not found', { status: 404 });
      return new Response(body.body, { status: 200, headers: appResponseHeaders(file) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

/** The window needs no camera, location, notifications from the page, or anything else. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // Copying text (e.g. an error message) is the one capability the page may use.
  session.setPermissionCheckHandler(
    (_contents, permission) => permission === 'clipboard-sanitized-write',
  );
}
