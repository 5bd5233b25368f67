// The record a SoundCloud sign-in produces and the keychain keeps (as JSON, whole). Read back
// with parseSoundCloudCredential, which refuses anything incomplete with a plain message.
import type { SoundCloudUser } from '../soundcloud/types.js';
import type { SoundCloudMethod } from './soundcloud-endpoints.js';

export type SoundCloudCredential =
  | {
      method: 'oauth1';
      accessToken: string;
      tokenSecret: string;
      user: SoundCloudUser;
    }
  | {
      method: 'oauth2';
      accessToken: string;
      /** Rotates: every refresh replaces it, and the old one is refused from then on. */
      refreshToken?: string;
      /** When the access token expires, ms since the epoch. */
      expiresAt?: number;
      user: SoundCloudUser;
    };

export class StoredCredentialError extends Error {
  override readonly name = 'StoredCredentialError';
}

export function parseSoundCloudCredential(value: unknown): SoundCloudCredential {
  const bad = new StoredCredentialError(
    'The saved SoundCloud sign-in is damaged or from another version. Sign in to SoundCloud again.',
  );
  if (value === null || typeof value !== 'object') throw bad;
  const v = value as Record<string, unknown>;
  const user = v['user'] as Record<string, unknown> | null | undefined;
  const method = v['method'] as SoundCloudMethod | undefined;
  if (
    typeof v['accessToken'] !== 'string' ||
    v['accessToken'] === '' ||
    !user ||
    typeof user !== 'object' ||
    typeof user['id'] !== 'string' ||
    typeof user['username'] !== 'string'
  ) {
    throw bad;
  }
  const who: SoundCloudUser = { id: user['id'], username: user['username'] };
  if (typeof user['fullName'] === 'string') who.fullName = user['fullName'];
  if (typeof user['permalinkUrl'] === 'string') who.permalinkUrl = user['permalinkUrl'];
  if (method === 'oauth1') {
    if (typeof v['tokenSecret'] !== 'string') throw bad;
    return { method, accessToken: v['accessToken'], tokenSecret: v['tokenSecret'], user: who };
  }
  if (method === 'oauth2') {
    const out: SoundCloudCredential = { method, accessToken: v['accessToken'], user: who };
    if (typeof v['refreshToken'] === 'string' && v['refreshToken'] !== '') {
      out.refreshToken = v['refreshToken'];
    }
    if (typeof v['expiresAt'] === 'number' && Number.isFinite(v['expiresAt'])) {
      out.expiresAt = v['expiresAt'];
    }
    return out;
  }
  throw bad;
}
