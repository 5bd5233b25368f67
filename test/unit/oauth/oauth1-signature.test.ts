// RFC 5849 signing on the RFC's own vectors (§1.2 and §3.4.1.1 with erratum 2550) and the
// §3.6 encoding rules. The cross-check against python3-oauthlib on random inputs is in
// test/integration/oauth/oauthlib-crosscheck.test.ts (it starts a process).
import { describe, expect, it } from 'vitest';
import { percentEncode } from '../../../src/main/oauth/oauth1/percent-encode.js';
import { authorizationHeader, signRequest } from '../../../src/main/oauth/oauth1/sign-request.js';
import type { SignRequestInput } from '../../../src/main/oauth/oauth1/sign-request.js';
import {
  baseStringUri,
  collectParameters,
  hmacSha1Signature,
  normalizeParameters,
  signatureBaseString,
} from '../../../src/main/oauth/oauth1/signature.js';

describe('RFC 5849 percent-encoding (§3.6)', () => {
  it('keeps only the unreserved characters and encodes UTF-8 bytes in uppercase hex', () => {
    expect(percentEncode('AZaz09-._~')).toBe('AZaz09-._~');
    expect(percentEncode("!*'() +&=/?:@%")).toBe('%21%2A%27%28%29%20%2B%26%3D%2F%3F%3A%40%25');
    expect(percentEncode('Björk – Jóga 🎵')).toBe(
      'Bj%C3%B6rk%20%E2%80%93%20J%C3%B3ga%20%F0%9F%8E%B5',
    );
  });
});

describe('RFC 5849 signature', () => {
  it('signs the §1.2 request-token example to the recomputed value', () => {
    const url = 'https://photos.example.net/initiate';
    const params = collectParameters({
      url,
      oauth: [
        ['realm', 'Photos'],
        ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
        ['oauth_signature_method', 'HMAC-SHA1'],
        ['oauth_timestamp', '137131200'],
        ['oauth_nonce', 'wIjqoS'],
        ['oauth_callback', 'http://printer.example.com/ready'],
      ],
    });
    const base = signatureBaseString('post', url, params);
    expect(hmacSha1Signature(base, 'kd94hf93k423kf44')).toBe('74KNZJeDHnMBp0EMJ9ZHt/XKycU=');
  });

  it('builds the §3.4.1.1 base string and signs it to the erratum 2550 value', () => {
    const url = 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b';
    const params = collectParameters({
      url,
      form: [
        ['c2', ''],
        ['a3', '2 q'],
      ],
      oauth: [
        ['realm', 'Example'],
        ['oauth_consumer_key', '9djdj82h48djs9d2'],
        ['oauth_token', 'kkk9d7dh3k39sjv7'],
        ['oauth_signature_method', 'HMAC-SHA1'],
        ['oauth_timestamp', '137131201'],
        ['oauth_nonce', '7d8f3e4a'],
        ['oauth_signature', 'ignored'],
      ],
    });
    const base = signatureBaseString('POST', url, params);
    expect(base).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
    expect(hmacSha1Signature(base, 'j49sk3j29djd', 'dh893hdasih9')).toBe(
      'r6/TJjbCOr97/+UU0NsvSne7s5g=',
    );
  });

  it('sorts by encoded name, then by encoded value, keeping repeated names', () => {
    expect(
      normalizeParameters([
        ['b', '2'],
        ['a', 'z'],
        ['a', 'Z'],
        ['a', ' '],
        ['a-b', '1'],
      ]),
    ).toBe('a=%20&a=Z&a=z&a-b=1&b=2');
  });

  it('drops default ports, lowercases scheme and host, and never leaves the path empty', () => {
    expect(baseStringUri('HTTP://Example.COM:80/r%20v/X?id=123')).toBe(
      'http://example.com/r%20v/X',
    );
    expect(baseStringUri('https://www.example.net:8080/?q=1')).toBe(
      'https://www.example.net:8080/',
    );
    expect(baseStringUri('https://example.net:443')).toBe('https://example.net/');
  });

  it('puts every protocol parameter, signature included, in an encoded Authorization header', () => {
    const inputs: SignRequestInput = {
      method: 'GET',
      url: 'https://api.example.com/me?x=1',
      consumer: { key: 'key one', secret: 's' },
      token: { token: 't/1', secret: 'ts' },
      nonce: 'n',
      timestamp: 100,
    };
    const signed = signRequest({ ...inputs, realm: 'api' });
    expect(signed.authorization).toMatch(
      /^OAuth realm="api", oauth_consumer_key="key%20one", oauth_token="t%2F1", /,
    );
    expect(signed.authorization).toContain(
      `oauth_signature="${percentEncode(signed.oauthParams.oauth_signature!)}"`,
    );
    // The same inputs (the realm is not signed) give the same signature; a different token
    // secret gives another.
    const again = signRequest(inputs);
    expect(again.oauthParams.oauth_signature).toBe(signed.oauthParams.oauth_signature);
    const other = signRequest({ ...inputs, token: { token: 't/1', secret: 'other' } });
    expect(other.oauthParams.oauth_signature).not.toBe(signed.oauthParams.oauth_signature);
    expect(authorizationHeader({ a: 'é' })).toBe('OAuth a="%C3%A9"');
  });
});
