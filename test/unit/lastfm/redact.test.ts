import { describe, expect, it } from 'vitest';
import { redact, redactSecrets, redactUrlSecrets } from '../../../src/main/lastfm/redact.js';

const SK = 'd580d57f32848f5dcf574d1ce18d78b2';

describe('redactSecrets', () => {
  it('replaces every occurrence of each secret', () => {
    expect(redactSecrets(`a ${SK} b ${SK}`, [SK])).toBe('a [redacted] b [redacted]');
  });

  it('also replaces the URL- and form-encoded forms of a secret', () => {
    const password = 'p@ss word&1';
    const text = `body=password=${new URLSearchParams({ p: password }).toString().slice(2)} url=${encodeURIComponent(password)}`;
    const out = redactSecrets(text, [password]);
    expect(out).not.toContain('p%40ss');
    expect(out).toBe('body=password=[redacted] url=[redacted]');
  });

  it('ignores empty and very short secrets, which would garble the text', () => {
    expect(redactSecrets('a cat sat', ['', 'a', 'cat'])).toBe('a cat sat');
  });

  it('replaces a longer secret whole when it contains a shorter one', () => {
    expect(redactSecrets('xx abcdefgh yy', ['abcd', 'abcdefgh'])).toBe('xx [redacted] yy');
  });
});

describe('redactUrlSecrets', () => {
  it('redacts credential values in query strings and form bodies', () => {
    const url = `https://ws.example/2.0/?method=user.getInfo&sk=${SK}&api_sig=abc123&format=json`;
    expect(redactUrlSecrets(url)).toBe(
      'https://ws.example/2.0/?method=user.getInfo&sk=[redacted]&api_sig=[redacted]&format=json',
    );
    expect(redactUrlSecrets('username=rj&password=hunter2&authToken=ffee')).toBe(
      'username=rj&password=[redacted]&authToken=[redacted]',
    );
  });

  it('redacts credential values in JSON', () => {
    expect(redactUrlSecrets(`{"sk": "${SK}", "name":"rj"}`)).toBe(
      '{"sk": "[redacted]", "name":"rj"}',
    );
  });

  it('leaves names that merely end in a credential name alone', () => {
    expect(redactUrlSecrets('task=1&risk=low')).toBe('task=1&risk=low');
  });
});

describe('redact', () => {
  it('does both', () => {
    expect(redact(`key ${SK} and password=x1`, [SK])).toBe(
      'key [redacted] and password=[redacted]',
    );
  });
});
