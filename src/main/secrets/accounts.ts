// Keychain account names. The keychain service is always `scrobbletray`; the account says
// what the secret is and for which service (and user), so several services and users can
// be signed in at once without overwriting each other.

// Service ids are our own slugs ('lastfm', 'librefm', 'gnufm-home'): no ':' so the
// account name splits unambiguously.
const SERVICE_ID = /^[a-z0-9][a-z0-9._-]*$/;

function checkServiceId(serviceId: string): void {
  if (!SERVICE_ID.test(serviceId)) {
    throw new TypeError(
      `Invalid service id ${JSON.stringify(serviceId)}: use a-z, 0-9, '.', '_' or '-'`,
    );
  }
}

/**
 * Account for a user's session key, e.g. `session:lastfm:alice`. Pass the user name exactly
 * as the service returned it (auth.getSession's `name`), so sign-in and later look-ups agree.
 */
export function sessionAccount(serviceId: string, user: string): string {
  checkServiceId(serviceId);
  // Control characters would be invisible in keychain UIs; an empty name is a caller bug.
  // eslint-disable-next-line no-control-regex
  if (user.length === 0 || /[\u0000-\u001f\u007f]/.test(user)) {
    throw new TypeError('Invalid user name for a keychain account');
  }
  return `session:${serviceId}:${user}`;
}

/** Account for an API account's shared secret, e.g. `api-secret:lastfm`. */
export function apiSecretAccount(serviceId: string): string {
  checkServiceId(serviceId);
  return `api-secret:${serviceId}`;
}
