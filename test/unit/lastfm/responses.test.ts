// How an HTTP answer or a network failure becomes a LastfmError. Pure: the transport hands
// interpretResponse() the status, headers and body it read; networkFailure() the thrown error.
import { describe, expect, it } from 'vitest';
import { LastfmError } from '../../../src/main/lastfm/errors.js';
import type { ErrorClass } from '../../../src/main/lastfm/errors.js';
import { networkFailure, parseRetryAfter } from '../../../src/main/lastfm/failures.js';
import { interpretResponse } from '../../../src/main/lastfm/transport.js';
import type { RawResponse } from '../../../src/main/lastfm/transport.js';

const SK = 'd580d57f32848f5dcf574d1ce18d78b2';

function answer(over: Partial<RawResponse>): RawResponse {
  return {
    method: 'track.scrobble',
    host: '127.0.0.1:1234',
    status: 200,
    retryAfterMs: null,
    body: '{}',
    authenticated: true,
    secrets: [SK],
    ...over,
  };
}

function failure(r: RawResponse): LastfmError {
  try {
    interpretResponse(r);
  } catch (err) {
    if (err instanceof LastfmError) return err;
    throw err;
  }
  throw new Error('expected a LastfmError');
}

const lastfmError = (code: number | string, message = 'Something') =>
  JSON.stringify({ error: code, message });

describe('Last.fm error codes', () => {
  const cases: [code: number, authenticated: boolean, expected: ErrorClass][] = [
    [2, true, 'permanent'],
    [3, true, 'permanent'],
    [4, true, 'reauth'],
    [4, false, 'permanent'],
    [5, true, 'permanent'],
    [6, true, 'permanent'],
    [7, true, 'permanent'],
    [8, true, 'transient'],
    [9, true, 'reauth'],
    [9, false, 'reauth'],
    [10, true, 'permanent'],
    [11, true, 'transient'],
    [13, true, 'permanent'],
    [14, false, 'permanent'],
    [15, false, 'permanent'],
    [16, true, 'transient'],
    [26, true, 'permanent'],
    [29, true, 'rate-limited'],
  ];
  it.each(cases)('code %i (session: %s) is %s', (code, authenticated, expected) => {
    const err = failure(answer({ body: lastfmError(code), authenticated }));
    expect(err.errorClass).toBe(expected);
    expect(err.code).toBe(code);
  });

  it('reads a code sent as a string', () => {
    expect(failure(answer({ body: lastfmError('9') })).errorClass).toBe('reauth');
  });

  it("words the message from the method, the server's text and the code", () => {
    const err = failure(answer({ status: 429, body: lastfmError(29, 'Rate limit exceeded') }));
    expect(err.message).toBe('track.scrobble failed: Rate limit exceeded (Last.fm error 29)');
  });

  it('falls back to the known wording when the server gives none', () => {
    const err = failure(answer({ body: JSON.stringify({ error: 11 }) }));
    expect(err.message).toBe('track.scrobble failed: Service offline (Last.fm error 11)');
  });

  it('lets an error body win over the HTTP status (errors come with 200 and 29 with 429)', () => {
    const with200 = failure(answer({ status: 200, body: lastfmError(9) }));
    expect(with200.errorClass).toBe('reauth');
    expect(with200.httpStatus).toBe(200);
    const with429 = failure(answer({ status: 429, retryAfterMs: 60_000, body: lastfmError(29) }));
    expect(with429.errorClass).toBe('rate-limited');
    expect(with429.retryAfterMs).toBe(60_000);
    const with503 = failure(answer({ status: 503, body: lastfmError(10) }));
    expect(with503.errorClass).toBe('permanent');
  });

  it('reads the XML error form from a server that ignores format=json', () => {
    const body = '<lfm status="failed">\n\t<error code="9">Invalid session key</error></lfm>';
    const err = failure(answer({ body }));
    expect(err.errorClass).toBe('reauth');
    expect(err.code).toBe(9);
  });

  it('redacts secrets a server echoes in its message', () => {
    const echo = `Bad request sk=${SK}&api_sig=0123456789abcdef&password=hunter22 for ${SK}`;
    const err = failure(answer({ body: lastfmError(6, echo) }));
    expect(err.message).not.toContain(SK);
    expect(err.message).not.toContain('0123456789abcdef');
    expect(err.message).not.toContain('hunter22');
    expect(err.message).toContain('[redacted]');
  });
});

describe('HTTP statuses without a Last.fm error body', () => {
  const cases: [status: number, expected: ErrorClass][] = [
    [301, 'permanent'],
    [400, 'permanent'],
    [401, 'permanent'],
    [403, 'permanent'],
    [404, 'permanent'],
    [408, 'transient'],
    [429, 'rate-limited'],
    [500, 'transient'],
    [502, 'transient'],
    [503, 'transient'],
    [504, 'transient'],
  ];
  it.each(cases)('HTTP %i is %s', (status, expected) => {
    const err = failure(answer({ status, body: '<html>Oops</html>' }));
    expect(err.errorClass).toBe(expected);
    expect(err.httpStatus).toBe(status);
    expect(err.code).toBeNull();
  });

  it('says which status came from which host, and keeps Retry-After', () => {
    const err = failure(
      answer({ method: 'user.getInfo', status: 503, retryAfterMs: 5000, body: '' }),
    );
    expect(err.message).toBe('user.getInfo failed: HTTP 503 from 127.0.0.1:1234');
    expect(err.retryAfterMs).toBe(5000);
  });
});

describe('bodies that cannot be read', () => {
  it.each([
    ['empty', ''],
    ['truncated JSON', '{"scrobbles":{"scrobble":'],
    ['HTML', '<html><body>Service Unavailable</body></html>'],
  ])('%s body with 200 is transient', (_name, body) => {
    const err = failure(answer({ body }));
    expect(err.errorClass).toBe('transient');
    expect(err.message).toContain('returned a response Scrobbletray could not read');
  });

  it('passes a good answer through as parsed JSON', () => {
    expect(interpretResponse(answer({ body: '{"token":"abc"}' }))).toEqual({ token: 'abc' });
  });
});

describe('network failures', () => {
  const timeouts = { connectTimeoutMs: 10_000, responseTimeoutMs: 20_000 };
  const fail = (err: unknown) => networkFailure('auth.getSession', 'example.org', err, timeouts);
  const withCode = (code: string) => Object.assign(new Error('boom'), { code });

  it.each([
    'ECONNREFUSED',
    'ECONNRESET',
    'EPIPE',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ETIMEDOUT',
    'CERT_HAS_EXPIRED',
    'SOMETHING_NEW',
  ])('%s is transient', (code) => {
    expect(fail(withCode(code)).errorClass).toBe('transient');
  });

  it('an invalid request is permanent', () => {
    expect(fail(withCode('UND_ERR_INVALID_ARG')).errorClass).toBe('permanent');
  });

  it('words resets and timeouts for people', () => {
    expect(fail(withCode('ECONNRESET')).message).toBe(
      'auth.getSession failed: connection reset by the server',
    );
    expect(fail(withCode('UND_ERR_HEADERS_TIMEOUT')).message).toBe(
      'auth.getSession failed: example.org did not answer within 20 s',
    );
    expect(fail(withCode('UND_ERR_CONNECT_TIMEOUT')).message).toBe(
      'auth.getSession failed: could not connect to example.org within 10 s',
    );
  });

  it('finds the code inside an AggregateError (happy eyeballs) or a cause', () => {
    const agg = new AggregateError([withCode('ECONNREFUSED')], 'all failed');
    expect(fail(agg).message).toBe('auth.getSession failed: connection refused by example.org');
    const wrapped = new TypeError('fetch failed', { cause: withCode('ECONNRESET') });
    expect(fail(wrapped).message).toContain('connection reset');
  });

  it('keeps only the code of the raw error, never the error itself', () => {
    const raw = Object.assign(new Error(`POST https://x/?sk=${SK}`), { code: 'ECONNRESET' });
    const err = fail(raw);
    expect(err.cause).toEqual({ code: 'ECONNRESET' });
    expect(JSON.stringify(err)).not.toContain(SK);
    expect(String(err.stack)).not.toContain(SK);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(['7'], now)).toBe(7000);
  });
  it('reads an HTTP date, and a date in the past means now', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
  });
  it('ignores an absent or unreadable value', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
});
