// What the keychain keeps for one signed-in account. Protocols need different things: Last.fm
// 2.0 a session key, Audioscrobbler 1.2 md5(password), ListenBrainz a user token, OAuth 1.0a a
// token and its secret, OAuth 2 an access token (and a refresh token). One keychain entry per
// service and user holds the record as JSON, so a sign-in is written (or not) in one step.
// A Last.fm session key alone is kept bare, as it always was: entries written before records
// existed read back unchanged, and an older Scrobbletray still reads a newer one's entry.

export type Credential =
  | { kind: 'session-key'; sessionKey: string }
  | { kind: 'password-md5'; passwordMd5: string }
  | { kind: 'user-token'; token: string }
  | { kind: 'oauth1'; token: string; tokenSecret: string }
  | { kind: 'oauth2'; accessToken: string; refreshToken?: string; expiresAt?: number };

export type CredentialKind = Credential['kind'];

/** The record as stored in the keychain. */
export function encodeCredential(credential: Credential): string {
  if (credential.kind === 'session-key') return credential.sessionKey;
  return JSON.stringify(credential);
}

/**
 * The record read back, or null when the entry is unreadable. A bare value (never JSON: a
 * session key is 32 hex digits) is a Last.fm session key.
 */
export function decodeCredential(stored: string): Credential | null {
  if (!stored.startsWith('{')) {
    return stored.length > 0 ? { kind: 'session-key', sessionKey: stored } : null;
  }
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return null;
  }
  return isCredential(value) ? value : null;
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function isCredential(value: unknown): value is Credential {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  switch (v.kind) {
    case 'session-key':
      return str(v.sessionKey);
    case 'password-md5':
      return str(v.passwordMd5);
    case 'user-token':
      return str(v.token);
    case 'oauth1':
      return str(v.token) && str(v.tokenSecret);
    case 'oauth2':
      return (
        str(v.accessToken) &&
        (v.refreshToken === undefined || str(v.refreshToken)) &&
        (v.expiresAt === undefined || typeof v.expiresAt === 'number')
      );
    default:
      return false;
  }
}
