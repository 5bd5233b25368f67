// PKCE (RFC 7636) with S256 only: the plain method protects nothing against an attacker who
// can read the authorize request, so it is never offered.
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes as base64url: 43 characters, inside §4.1's 43..128 from [A-Za-z0-9-._~]. */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

/** §4.2: BASE64URL(SHA256(ASCII(code_verifier))), no padding. */
export function codeChallengeS256(verifier: string): string {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) {
    throw new TypeError('A PKCE code verifier is 43 to 128 characters from A-Z a-z 0-9 - . _ ~.');
  }
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
