import { describe, expect, it } from 'vitest';
import { ExternalUrlAllowlist, webUrl } from '../../../src/main/electron/external-urls.js';
import {
  decideNavigation,
  decideWindowOpen,
  sameDocument,
} from '../../../src/main/electron/navigation-policy.js';

const PAGE = 'app://scrobbletray/index.html#/queue';
const SIGN_IN = 'https://www.last.fm/api/auth/?api_key=abc&cb=http%3A%2F%2F127.0.0.1%3A41234%2F';

function allowlist(now = { t: 0 }) {
  return new ExternalUrlAllowlist({ ttlMs: 10 * 60_000, now: () => now.t });
}

describe('external URL allowlist', () => {
  it('allows an http(s) URL the app produced, for a while', () => {
    const clock = { t: 0 };
    const list = allowlist(clock);
    expect(list.add(SIGN_IN)).toBe(true);
    expect(list.allows(SIGN_IN)).toBe(true);
    clock.t = 10 * 60_000 - 1;
    expect(list.allows(SIGN_IN)).toBe(true);
    clock.t = 10 * 60_000;
    expect(list.allows(SIGN_IN)).toBe(false);
  });

  it('allows that exact URL only', () => {
    const list = allowlist();
    list.add(SIGN_IN);
    expect(list.allows('https://www.last.fm/api/auth/?api_key=evil')).toBe(false);
    expect(list.allows('https://www.last.fm/')).toBe(false);
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'app://scrobbletray/index.html',
    'smb://host/share',
    'https://user:pw@www.last.fm/',
    'not a url',
  ])('never allows %s', (url) => {
    const list = allowlist();
    expect(list.add(url)).toBe(false);
    expect(list.allows(url)).toBe(false);
  });

  it('compares URLs in their canonical form', () => {
    expect(webUrl('HTTPS://WWW.LAST.FM/api/auth/')).toBe('https://www.last.fm/api/auth/');
    const list = allowlist();
    list.add('https://WWW.last.fm/api/auth/?token=t');
    expect(list.allows('https://www.last.fm/api/auth/?token=t')).toBe(true);
  });
});

describe('window.open', () => {
  it('denies everything, except that an allowed page opens in the browser', () => {
    const list = allowlist();
    expect(decideWindowOpen(SIGN_IN, list)).toBe('deny');
    list.add(SIGN_IN);
    expect(decideWindowOpen(SIGN_IN, list)).toBe('open-external');
    expect(decideWindowOpen('app://scrobbletray/index.html#/manual', list)).toBe('deny');
    expect(decideWindowOpen('https://evil.example/', list)).toBe('deny');
  });
});

describe('navigation', () => {
  it('stays for a move within the same document', () => {
    expect(decideNavigation(PAGE, 'app://scrobbletray/index.html#/manual', allowlist())).toBe(
      'allow',
    );
    expect(sameDocument(PAGE, 'app://scrobbletray/index.html')).toBe(true);
  });

  it('is stopped for any other page, ours or not', () => {
    const list = allowlist();
    for (const url of [
      'https://evil.example/',
      'app://scrobbletray/other.html',
      'file:///etc/passwd',
      'app://scrobbletray/index.html?x=1',
      'garbage',
    ]) {
      expect(decideNavigation(PAGE, url, list)).toBe('deny');
    }
  });

  it('sends an allowed page to the browser instead of loading it in the window', () => {
    const list = allowlist();
    list.add(SIGN_IN);
    expect(decideNavigation(PAGE, SIGN_IN, list)).toBe('open-external');
  });
});
