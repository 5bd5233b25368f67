import type { LastfmSession } from '../lastfm/types.js';

/** The Last.fm calls the sign-in flows need; LastfmClient provides them. */
export interface AuthApi {
  getToken(): Promise<string>;
  getSession(token: string): Promise<LastfmSession>;
  /** `via: 'authToken'` for GNU FM, which takes md5(lowercase(username) + md5(password)). */
  getMobileSession(
    username: string,
    password: string,
    opts?: { via?: 'password' | 'authToken' },
  ): Promise<LastfmSession>;
  close?(): Promise<void>;
}

/** Cancellation for flows that wait on the user. */
export class SignInCancelledError extends Error {
  override readonly name = 'SignInCancelledError';
  /** Replaced by another sign-in, or cancelled: the state moved on. */
  readonly kind = 'conflict';
  constructor(message = 'Sign-in was cancelled.') {
    super(message);
  }
}

export class SignInError extends Error {
  override readonly name = 'SignInError';
}

/** The approval page URL for a service: `authUrl?api_key=K&cb=URL` or `&token=T`. */
export function authPageUrl(
  authUrl: string,
  apiKey: string,
  extra: { cb: string } | { token: string },
): string {
  const url = new URL(authUrl);
  url.searchParams.set('api_key', apiKey);
  if ('cb' in extra) url.searchParams.set('cb', extra.cb);
  else url.searchParams.set('token', extra.token);
  return url.toString();
}
