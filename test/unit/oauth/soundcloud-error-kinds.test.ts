// SoundCloud's, OAuth's and links' own failure kinds in the core's one vocabulary: what
// decides the HTTP status, the window's message and the CLI's exit code for each.
import { describe, expect, it } from 'vitest';
import { errorView } from '../../../src/main/errors/error-kinds.js';
import { LinkError } from '../../../src/main/links/errors.js';
import { OAuthError } from '../../../src/main/oauth/errors.js';
import { StoredCredentialError } from '../../../src/main/oauth/soundcloud-credential.js';
import { SoundCloudError } from '../../../src/main/soundcloud/errors.js';
import { translate } from '../../../src/main/soundcloud/soundcloud-service.js';

const kindOf = (error: unknown) => errorView(translate(error)).kind;

describe('translate', () => {
  it.each([
    [new LinkError('unsupported', 'x'), 'invalid-input'],
    [new LinkError('not-found', 'x'), 'not-found'],
    [new LinkError('unreachable', 'x'), 'unavailable'],
    [new LinkError('unreadable', 'x'), 'unavailable'],
    [new SoundCloudError('reauth', 'x', 401), 'needs-sign-in'],
    [new SoundCloudError('not-found', 'x', 404), 'not-found'],
    [new SoundCloudError('rate-limited', 'x', 429), 'unavailable'],
    [new SoundCloudError('refused', 'x', 403), 'unavailable'],
    [new OAuthError('reauth', 'x'), 'needs-sign-in'],
    [new OAuthError('config', 'x'), 'invalid-input'],
    [new OAuthError('denied', 'x'), 'conflict'],
    [new OAuthError('forged-callback', 'x'), 'conflict'],
    [new OAuthError('insecure-provider', 'x'), 'unavailable'],
    [new OAuthError('unreachable', 'x'), 'unavailable'],
    [new StoredCredentialError('x'), 'needs-sign-in'],
  ] as const)('%s -> %s', (error, kind) => {
    expect(kindOf(error)).toBe(kind);
  });

  it('keeps the message word for word, and the original as the cause', () => {
    const original = new LinkError('not-found', 'SoundCloud has no public track at this link.');
    const out = translate(original) as Error;
    expect(out.message).toBe(original.message);
    expect(out.cause).toBe(original);
  });

  it('leaves errors of other kinds alone (a bug stays a bug)', () => {
    const bug = new TypeError('oops');
    expect(translate(bug)).toBe(bug);
    expect(kindOf(bug)).toBe('internal');
  });
});
