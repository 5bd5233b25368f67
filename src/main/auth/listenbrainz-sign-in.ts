import { CoreError } from '../../shared/errors.js';
import { ListenBrainzClient } from '../targets/listenbrainz/client.js';
import { ListenBrainzError } from '../targets/listenbrainz/errors.js';

// ListenBrainz sign-in: the user pastes the token from their settings page and validate-token
// says whose it is. The token is kept (in the keychain) as the account's credential.

export interface ListenBrainzSignInOptions {
  apiUrl: string;
  token: string;
  serviceName: string;
  /** Where the user finds the token (ListenBrainz: https://listenbrainz.org/settings/). */
  tokenPage: string | null;
  clientVersion: string;
  http?: { userAgent?: string; connectTimeoutMs?: number; responseTimeoutMs?: number };
}

/** The service did not accept the token: says where the right one is. */
export class UserTokenRefusedError extends CoreError {
  override name = 'UserTokenRefusedError';
  constructor(serviceName: string, tokenPage: string | null) {
    const where = tokenPage
      ? `Copy your user token from ${tokenPage}`
      : `Copy your user token from your ${serviceName} settings page`;
    super(
      'invalid-input',
      `${serviceName} did not accept that user token. ${where} and try again.`,
    );
  }
}

/** Check a user token with validate-token; resolves with the user it belongs to. */
export async function checkUserToken(opts: ListenBrainzSignInOptions): Promise<string> {
  const token = opts.token.trim();
  if (!token) throw new UserTokenRefusedError(opts.serviceName, opts.tokenPage);
  const client = new ListenBrainzClient({
    apiUrl: opts.apiUrl,
    clientVersion: opts.clientVersion,
    ...opts.http,
  });
  try {
    const { userName } = await client.validateToken(token);
    return userName;
  } catch (error) {
    if (error instanceof ListenBrainzError && error.kind === 'invalid-token') {
      throw new UserTokenRefusedError(opts.serviceName, opts.tokenPage);
    }
    if (error instanceof ListenBrainzError) {
      throw new CoreError(
        'unavailable',
        `Could not check the token with ${opts.serviceName}: ${error.message}`,
      );
    }
    throw error;
  } finally {
    await client.close();
  }
}
