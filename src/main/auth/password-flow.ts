import { LastfmError } from '../lastfm/errors.js';
import { mayReceivePasswords } from '../lastfm/password-transport.js';
import type { LastfmSession } from '../lastfm/types.js';
import { SignInError, type AuthApi } from './auth-api.js';

// Mobile ("password") sign-in. The password is used for this one call and never stored; it
// travels only over HTTPS (or to a loopback test server).

export interface PasswordFlowOptions {
  api: AuthApi;
  apiUrl: string;
  flavor: 'lastfm' | 'gnufm';
  username: string;
  password: string;
  /** For messages, e.g. 'Last.fm'. */
  serviceName?: string;
}

export async function signInWithPassword(opts: PasswordFlowOptions): Promise<LastfmSession> {
  assertSafeForPasswords(opts.apiUrl);
  const username = opts.username.trim();
  if (!username) throw new SignInError('Enter your user name.');
  if (!opts.password) throw new SignInError('Enter your password.');
  try {
    return await opts.api.getMobileSession(username, opts.password, {
      via: opts.flavor === 'gnufm' ? 'authToken' : 'password',
    });
  } catch (error) {
    // Error 4 here is the service saying no to this user name and password: say so plainly
    // rather than as an API failure. (The request is a POST, so it is not "must use POST".)
    if (error instanceof LastfmError && error.code === 4) {
      throw new SignInError(
        `${opts.serviceName ?? 'The service'} did not accept that user name and password. Check them and try again.`,
      );
    }
    throw error;
  }
}

/** Checked before asking for the password, so nobody types it for nothing. */
export function assertSafeForPasswords(apiUrl: string): void {
  if (mayReceivePasswords(apiUrl)) return;
  const url = new URL(apiUrl);
  throw new SignInError(
    `Refusing to send your password to ${url.origin}: it is not HTTPS. Use the web sign-in instead, or an https:// API URL.`,
  );
}
