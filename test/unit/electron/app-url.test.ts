import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appPageUrl,
  appResponseHeaders,
  CONTENT_SECURITY_POLICY,
  isAppPageUrl,
  resolveAppFile,
} from '../../../src/main/electron/app-url.js';

const ROOT = resolve('/opt/Scrobbletray/resources/app.asar/dist/renderer');

describe('app page URLs', () => {
  it('the main and manual windows load our one document', () => {
    expect(appPageUrl()).toBe('app://scrobbletray/index.html');
    expect(appPageUrl('#/manual')).toBe('app://scrobbletray/index.html#/manual');
  });

  it.each(['app://scrobbletray/index.html', 'app://scrobbletray/index.html#/manual'])(
    '%s is ours',
    (url) => expect(isAppPageUrl(url)).toBe(true),
  );

  it.each([
    'app://scrobbletray/assets/index.js',
    'app://scrobbletray/index.html?x=1',
    'app://evil/index.html',
    'app://user:pw@scrobbletray/index.html',
    'file:///opt/Scrobbletray/dist/renderer/index.html',
    'https://scrobbletray/index.html',
    'http://127.0.0.1:5173/index.html',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
  ])('%s is not', (url) => expect(isAppPageUrl(url)).toBe(false));
});

describe('serving app:// requests from dist/renderer', () => {
  it('maps a request to the file under the renderer folder', () => {
    expect(resolveAppFile(ROOT, 'app://scrobbletray/index.html')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://scrobbletray/assets/index-Bx1.js')).toBe(
      join(ROOT, 'assets', 'index-Bx1.js'),
    );
    expect(resolveAppFile(ROOT, 'app://scrobbletray/')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://scrobbletray/index.html#/manual')).toBe(
      join(ROOT, 'index.html'),
    );
  });

  it.each([
    'app://scrobbletray/../../../../etc/passwd',
    'app://scrobbletray/%2e%2e/%2e%2e/package.json',
    'app://scrobbletray/assets/%2E%2E%2F%2E%2E%2Fmain.js',
    'app://scrobbletray/assets/..%2F..%2F..%2Fmain.js',
    'app://scrobbletray/..%5c..%5cmain.js',
    'app://scrobbletray//etc/passwd',
  ])('never leaves the renderer folder: %s', (url) => {
    const file = resolveAppFile(ROOT, url);
    if (file !== null) expect(file.startsWith(ROOT + sep)).toBe(true);
  });

  it('refuses an encoded way out rather than guessing', () => {
    expect(
      resolveAppFile(ROOT, 'app://scrobbletray/assets/%2E%2E%2F%2E%2E%2F%2E%2E%2Fmain.js'),
    ).toBeNull();
  });

  it.each([
    'app://scrobbletray/..%5c..%5cmain.js',
    'app://scrobbletray/index.html%00.png',
    'app://scrobbletray/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(ROOT, url)).toBeNull();
  });

  it('sends the strict CSP with every file, with its type and no sniffing', () => {
    expect(appResponseHeaders(join(ROOT, 'index.html'))).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
    expect(appResponseHeaders('a/b.JS')['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(appResponseHeaders('a/b.css')['Content-Type']).toBe('text/css; charset=utf-8');
    expect(appResponseHeaders('a/b.bin')['Content-Type']).toBe('application/octet-stream');
  });

  it('the CSP allows only our own code: no inline script, eval, network, frames or plugins', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:/);
  });
});
