// One error vocabulary: each failure the core throws has one kind, and that kind decides the
// HTTP status, the CLI's exit code and whether it is logged, the same way for every front.
import { describe, expect, it } from 'vitest';
import { MissingApiCredentialsError } from '../../../src/main/auth/api-credentials.js';
import {
  errorKindOf,
  errorView,
  EXIT_CODE,
  HTTP_STATUS,
  isCallerError,
} from '../../../src/main/errors/error-kinds.js';
import { ScrobbleValidationError } from '../../../src/main/queue/queue-service.js';
import { KeychainUnavailableError } from '../../../src/main/secrets/secret-store.js';
import { apiErrorFor } from '../../../src/main/server/api-errors.js';
import { UnknownServiceError } from '../../../src/main/settings/service-config.js';
import { LASTFM } from '../../../src/shared/services.js';
import { ContractInputError } from '../../../src/shared/contract.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../../../src/shared/errors.js';

const endpoints = { preset: LASTFM, apiUrl: LASTFM.apiUrl, authUrl: LASTFM.authUrl, apiKey: null };

describe('error kinds', () => {
  it.each([
    [new NotFoundError('No scrobble with id 4242.'), 'not-found', 404],
    [new ConflictError('Scrobble 1 is being sent right now.'), 'conflict', 409],
    [new RangeError('Scrobble 1 is accepted.'), 'conflict', 409],
    [new InvalidInputError('The page cursor is not valid.'), 'invalid-input', 400],
    [new ContractInputError('Unknown method "x".'), 'invalid-input', 400],
    [new ScrobbleValidationError([{ field: 'artist', message: 'empty' }]), 'invalid-input', 400],
    [new UnknownServiceError('nowhere'), 'invalid-input', 400],
    [new MissingApiCredentialsError(endpoints, 'both'), 'needs-sign-in', 409],
    [new KeychainUnavailableError('locked', 'Unlock the keychain.', 'detail'), 'unavailable', 503],
    [new Error('bug'), 'internal', 500],
  ] as const)('%s is %s, HTTP %i, exit 1', (error, kind, status) => {
    expect(errorKindOf(error)).toBe(kind);
    expect(HTTP_STATUS[kind]).toBe(status);
    expect(EXIT_CODE[kind]).toBe(1);
    expect(apiErrorFor(error)).toEqual({
      status,
      body: { ok: false, error: expect.objectContaining({ kind, message: error.message }) },
    });
  });

  it('logs only failures nobody could have avoided by asking differently', () => {
    expect(isCallerError(new NotFoundError('x'))).toBe(true);
    expect(isCallerError(new Error('bug'))).toBe(false);
    expect(isCallerError(new KeychainUnavailableError('locked', 'm', 'd'))).toBe(false);
  });

  it('keeps only well-formed field problems and never a stack or a cause', () => {
    const error = Object.assign(new InvalidInputError('bad'), {
      problems: [{ field: 'track', message: 'Too long', extra: 'x' }, 'junk'],
      cause: new Error('inner'),
    });
    expect(errorView(error)).toEqual({
      kind: 'invalid-input',
      message: 'bad',
      problems: [{ field: 'track', message: 'Too long' }],
    });
    expect(errorView('a string')).toEqual({ kind: 'internal', message: 'Something went wrong.' });
  });
});
