// What a loopback failure means to someone signing in, for both OAuth flows. Cancellation
// keeps the SignInCancelledError every front already treats as "stopped, not failed".
import { SignInCancelledError } from '../auth/auth-api.js';
import { LoopbackError } from '../auth/loopback-server.js';
import { OAuthError } from './errors.js';

export function fromLoopbackError(error: unknown, service: string): Error {
  if (!(error instanceof LoopbackError)) {
    return error instanceof Error ? error : new Error(String(error));
  }
  switch (error.reason) {
    case 'timeout':
      return new OAuthError(
        'unreachable',
        `Nobody came back from ${service}'s approval page in time: start signing in again.`,
      );
    case 'cancelled':
      return new SignInCancelledError();
    case 'replaced':
      return new SignInCancelledError('A newer sign-in replaced this one.');
    case 'denied':
      return deniedError(service);
    default:
      return new OAuthError('unreachable', `The local sign-in server failed: ${error.message}`);
  }
}

export function deniedError(service: string): OAuthError {
  return new OAuthError(
    'denied',
    `Access was not approved on ${service}'s page, so Scrobbletray is not signed in. Sign in again and choose Allow if you want to connect.`,
    { code: 'access_denied' },
  );
}
