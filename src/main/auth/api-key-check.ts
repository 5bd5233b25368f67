import { LastfmError } from '../lastfm/errors.js';
import type { FieldProblem } from '../../shared/field-problem.js';
import type { ErrorKind } from '../../shared/errors.js';
import type { ServiceEndpoints } from '../settings/service-config.js';
import type { ApiCredentials } from './api-credentials.js';
import type { AuthApi } from './auth-api.js';

// The API key and shared secret are checked when they are entered, and the service is asked
// once before a browser sign-in starts, with the cheapest signed call there is:
// auth.getToken (a token nobody approves expires by itself). A key the service does not know
// (Last.fm error 10), a secret that does not sign for it (13) or a suspended key (26) is
// refused in words that say what to fix; a key and secret given the wrong way round are
// recognised by trying them swapped; a server that cannot be reached fails at once instead of
// leaving the user waiting for an approval that can never come.
//
// Errors carry `problems`: the field at fault (apiKey, apiSecret; `order` when they are
// swapped) so the window can show it there, and `details` with the technical text, which the
// window keeps under a disclosure.

/** Makes a Last.fm client for these endpoints and credentials (the caller's factory). */
export type AuthApiFactory = (endpoints: ServiceEndpoints, credentials: ApiCredentials) => AuthApi;

/** Field names of the problems these errors carry. */
export const KEY_FIELDS = {
  key: 'apiKey',
  secret: 'apiSecret',
  /** Both fields, when key and secret were given the wrong way round. */
  order: 'order',
  /** The technical text (method, code, host): for a "details" disclosure, not the message. */
  details: 'details',
} as const;

class KeyCheckError extends Error {
  readonly kind: ErrorKind;
  readonly problems: FieldProblem[];
  constructor(kind: ErrorKind, message: string, problems: FieldProblem[]) {
    super(message);
    this.kind = kind;
    this.problems = problems;
  }
}

/** The service refused the API key or shared secret (wrong, swapped or suspended). */
export class ApiKeyRejectedError extends KeyCheckError {
  override readonly name = 'ApiKeyRejectedError';
  /** What was wrong, for a front that acts on it (the CLI asks again). */
  readonly reason: 'unknown-key' | 'wrong-secret' | 'swapped' | 'suspended';
  constructor(
    reason: ApiKeyRejectedError['reason'],
    message: string,
    problems: FieldProblem[],
    kind: ErrorKind = 'invalid-input',
  ) {
    super(kind, message, problems);
    this.reason = reason;
  }
}

/** The service could not be reached (down, offline, wrong address). */
export class ServiceUnreachableError extends KeyCheckError {
  override readonly name = 'ServiceUnreachableError';
  constructor(message: string, details: string) {
    super('unavailable', message, [{ field: KEY_FIELDS.details, message: details }]);
  }
}

type Probe = 'ok' | LastfmError;

/** One auth.getToken with these credentials: 'ok', or the LastfmError it failed with. */
async function probe(
  endpoints: ServiceEndpoints,
  credentials: ApiCredentials,
  authApi: AuthApiFactory,
): Promise<Probe> {
  const api = authApi(endpoints, credentials);
  try {
    await api.getToken();
    return 'ok';
  } catch (error) {
    if (error instanceof LastfmError) return error;
    throw error;
  } finally {
    await api.close?.();
  }
}

function hostOf(endpoints: ServiceEndpoints): string {
  try {
    return new URL(endpoints.apiUrl).host;
  } catch {
    return endpoints.apiUrl;
  }
}

/**
 * A failure that is the network's or the server's, not the key's: no answer, an HTTP status
 * without a Last.fm error, "service offline" (11) or "temporary error" (16).
 */
function isUnreachable(error: LastfmError): boolean {
  return error.code === null || error.code === 11 || error.code === 16;
}

function unreachable(endpoints: ServiceEndpoints, error: LastfmError): ServiceUnreachableError {
  const name = endpoints.preset.name;
  return new ServiceUnreachableError(
    `Could not reach ${name} (${hostOf(endpoints)}). Check your internet connection; if it works, ${name} may be down: try again in a few minutes.`,
    error.message,
  );
}

const details = (error: LastfmError): FieldProblem => ({
  field: KEY_FIELDS.details,
  message: error.message,
});

/** What the user must fix, in words for people; null for a failure that is not the key's. */
function keyRefusal(
  endpoints: ServiceEndpoints,
  error: LastfmError,
  when: 'entered' | 'saved',
): ApiKeyRejectedError | null {
  const name = endpoints.preset.name;
  const where = endpoints.preset.apiAccountUrl
    ? ` Copy it from your API account page (${endpoints.preset.apiAccountUrl.replace(/\/create$/, 's')}).`
    : '';
  // Saved credentials that stopped working: the fix is to enter them again, and sign-in is
  // what the user tried, so the kind says "sign in first" rather than "bad input".
  const again = when === 'saved' ? ' Enter the API key and shared secret again.' : '';
  const kind: ErrorKind = when === 'saved' ? 'needs-sign-in' : 'invalid-input';
  switch (error.code) {
    case 10:
      return new ApiKeyRejectedError(
        'unknown-key',
        `${name} does not know this API key.${when === 'entered' ? where : again}`,
        [{ field: KEY_FIELDS.key, message: `${name} does not know this API key.` }, details(error)],
        kind,
      );
    case 13:
      return new ApiKeyRejectedError(
        'wrong-secret',
        `The shared secret does not belong to this API key: ${name} refused what it signed.${when === 'entered' ? ' Copy the shared secret again, next to the key on the same page.' : again}`,
        [
          { field: KEY_FIELDS.secret, message: 'This shared secret does not match the key.' },
          details(error),
        ],
        kind,
      );
    case 26:
      return new ApiKeyRejectedError(
        'suspended',
        `${name} has suspended this API key. Create a new API account and enter its key and shared secret.`,
        [{ field: KEY_FIELDS.key, message: 'This API key is suspended.' }, details(error)],
        kind,
      );
    default:
      return null;
  }
}

/**
 * Check a key and shared secret the user just entered, before anything is saved. Resolves
 * when the service accepts them; throws ApiKeyRejectedError (reason 'swapped' when they work
 * the other way round), ServiceUnreachableError, or the LastfmError itself for anything else.
 */
export async function checkApiCredentials(
  endpoints: ServiceEndpoints,
  credentials: ApiCredentials,
  authApi: AuthApiFactory,
): Promise<void> {
  const first = await probe(endpoints, credentials, authApi);
  if (first === 'ok') return;
  if (isUnreachable(first)) throw unreachable(endpoints, first);
  const refusal = keyRefusal(endpoints, first, 'entered');
  if (!refusal) throw first;
  if (refusal.reason === 'unknown-key' || refusal.reason === 'wrong-secret') {
    const swapped = { apiKey: credentials.apiSecret, apiSecret: credentials.apiKey };
    if ((await probe(endpoints, swapped, authApi)) === 'ok') {
      const message =
        'The API key and shared secret are the wrong way round: what you entered as the key is the shared secret. Swap them and save again.';
      throw new ApiKeyRejectedError('swapped', message, [
        { field: KEY_FIELDS.order, message },
        details(first),
      ]);
    }
  }
  throw refusal;
}

/**
 * Before a browser sign-in: ask the service once, so a server that is down or a saved key it
 * refuses fails now, where the user clicked, instead of after they approved (or never).
 */
export async function checkBeforeSignIn(api: AuthApi, endpoints: ServiceEndpoints): Promise<void> {
  try {
    await api.getToken();
  } catch (error) {
    throw explainSignInFailure(error, endpoints);
  }
}

/**
 * A sign-in failure in words for people where it is about the key or the network; anything
 * else is returned unchanged (its flow already words it).
 */
export function explainSignInFailure(error: unknown, endpoints: ServiceEndpoints): unknown {
  if (!(error instanceof LastfmError)) return error;
  if (isUnreachable(error)) return unreachable(endpoints, error);
  return keyRefusal(endpoints, error, 'saved') ?? error;
}
