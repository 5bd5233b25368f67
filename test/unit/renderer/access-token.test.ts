import { describe, expect, it } from 'vitest';
import { takeAccessToken, type TokenPlace } from '../../../src/renderer/transport/access-token.js';
import { dataOf } from '../../../src/renderer/transport/sse-block.js';

// Where the headless window finds `serve`'s token: the printed address's fragment first
// (then it is kept in the tab's sessionStorage and removed from the address bar), else the
// tab's storage. A Map stands in for sessionStorage and a recorder for history (no DOM here).

function place(hash: string, stored: Map<string, string> | null = new Map()) {
  const addresses: string[] = [];
  const where: TokenPlace = {
    location: { hash, pathname: '/', search: '' },
    history: { replaceState: (_data, _unused, url) => void addresses.push(String(url)) },
    storage: stored && {
      getItem: (key) => stored.get(key) ?? null,
      setItem: (key, value) => void stored.set(key, value),
    },
  };
  return { where, addresses, stored };
}

describe('takeAccessToken', () => {
  it('takes the token from #token=, keeps it for the tab and clears the address bar', () => {
    const first = place('#token=Zq3-_abc');
    expect(takeAccessToken(first.where)).toBe('Zq3-_abc');
    expect(first.addresses).toEqual(['/']);
    // A reload (no fragment any more) finds it in the tab's storage.
    const reload = place('#/history', first.stored);
    expect(takeAccessToken(reload.where)).toBe('Zq3-_abc');
    expect(reload.addresses).toEqual([]);
  });

  it('a newer address replaces the stored token', () => {
    const stored = new Map([['scrobbletray.accessToken', 'old']]);
    expect(takeAccessToken(place('#token=new', stored).where)).toBe('new');
    expect(takeAccessToken(place('', stored).where)).toBe('new');
  });

  it('has no token when neither the address nor the tab holds one', () => {
    expect(takeAccessToken(place('').where)).toBeNull();
    expect(takeAccessToken(place('#/queue').where)).toBeNull();
    expect(takeAccessToken(place('#token=').where)).toBeNull();
    expect(takeAccessToken(place('#token=a b').where)).toBeNull();
  });

  it('still works for the page when storage is refused', () => {
    const refused = place('#token=abc', null);
    expect(takeAccessToken(refused.where)).toBe('abc');
    expect(refused.addresses).toEqual(['/']);
    const throwing = place('#token=abc');
    throwing.where.storage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(takeAccessToken(throwing.where)).toBe('abc');
    throwing.where.location.hash = '';
    expect(takeAccessToken(throwing.where)).toBeNull();
  });
});

describe('dataOf (one Server-Sent Events block)', () => {
  it('reads data lines, joins several, and skips comments', () => {
    expect(dataOf('data: {"type":"queue-changed"}')).toBe('{"type":"queue-changed"}');
    expect(dataOf('data:a\ndata: b')).toBe('a\nb');
    expect(dataOf(': ping')).toBeNull();
    expect(dataOf('event: x\nid: 3')).toBeNull();
  });
});
