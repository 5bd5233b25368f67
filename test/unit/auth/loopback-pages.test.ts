import { describe, expect, it } from 'vitest';
import { defaultPages, escapeHtml } from '../../../src/main/auth/loopback-pages.js';

const HOSTILE = `<script>alert("x")</script><img src=x onerror='y'>&`;

describe('escapeHtml', () => {
  it('escapes every character that could open markup or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeHtml('plain text')).toBe('plain text');
  });
});

describe('default loopback pages', () => {
  it('tell the user they can close the tab and return to Scrobbletray on success', () => {
    const html = defaultPages.success('alice');
    expect(html).toContain('<strong>alice</strong>');
    expect(html).toContain('You can close this tab and return to Scrobbletray.');
  });

  it('work without a user name', () => {
    const html = defaultPages.success();
    expect(html).toContain('Scrobbletray is now signed in.');
    expect(html).not.toContain('<strong>');
  });

  it('say what went wrong in plain words on failure', () => {
    const html = defaultPages.failure('Last.fm did not accept the sign-in.');
    expect(html).toContain('Sign-in did not complete');
    expect(html).toContain('Last.fm did not accept the sign-in.');
    expect(html).toContain('try again from Scrobbletray');
  });

  it('escape a hostile user name or reason instead of rendering it', () => {
    for (const html of [defaultPages.success(HOSTILE), defaultPages.failure(HOSTILE)]) {
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img');
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    }
  });

  it('are self-contained: no scripts, links, images, fonts or imports', () => {
    for (const html of [defaultPages.success('bob'), defaultPages.failure('nope')]) {
      expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|href=|url\(|@import/i);
      expect(html).toMatch(/<style>[^<]*prefers-color-scheme:\s*dark/);
      expect(html).toContain('<meta charset="utf-8">');
    }
  });
});
