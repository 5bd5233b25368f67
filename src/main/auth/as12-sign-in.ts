import { CoreError } from '../../shared/errors.js';
import { As12Client } from '../targets/as12/client.js';
import { As12Error } from '../targets/as12/errors.js';
import { md5Hex } from '../targets/as12/protocol.js';
import type { HandshakeTimestamps } from '../targets/as12/session-policy.js';

// Audioscrobbler 1.2 sign-in: one handshake with the user name and md5(password) proves them.
// The password itself is hashed at once and dropped; the caller keeps only the hash (in the
// keychain), which is all the protocol ever needs (token = md5(md5(password) + t)).

export interface As12SignInOptions {
  handshakeUrl: string;
  username: string;
  password: string;
  /** For messages, e.g. 'Home GNU FM'. */
  serviceName: string;
  clientVersion: string;
  http?: { userAgent?: string; connectTimeoutMs?: number; responseTimeoutMs?: number };
  /** For tests: the handshake clock and timestamp ledger. */
  now?: () => number;
  timestamps?: HandshakeTimestamps;
}

/** What to keep: the user name as typed (trimmed) and md5(password). */
export interface As12Account {
  user: string;
  passwordMd5: string;
}

/** The server refused the user name and password (BADAUTH): the caller's to fix. */
export class As12SignInRefusedError extends CoreError {
  override name = 'As12SignInRefusedError';
  constructor(serviceName: string) {
    super(
      'invalid-input',
      `${serviceName} did not accept that user name and password. Check them and try again.`,
    );
  }
}

export async function signInWithAs12Password(opts: As12SignInOptions): Promise<As12Account> {
  const user = opts.username.trim();
  if (!user) throw new CoreError('invalid-input', 'Enter your user name.');
  if (!opts.password) throw new CoreError('invalid-input', 'Enter your password.');
  const passwordMd5 = md5Hex(opts.password);
  const client = new As12Client({
    handshakeUrl: opts.handshakeUrl,
    credentials: () => ({ kind: 'password', user, passwordMd5 }),
    clientVersion: opts.clientVersion,
    ...opts.http,
    now: opts.now,
    timestamps: opts.timestamps,
  });
  try {
    await client.handshake();
    return { user, passwordMd5 };
  } catch (error) {
    throw signInFailure(error, opts.serviceName);
  } finally {
    await client.close();
  }
}

/** A handshake failure in the core's words; As12Error messages never hold the hash. */
function signInFailure(error: unknown, serviceName: string): Error {
  if (!(error instanceof As12Error))
    return error instanceof Error ? error : new Error(String(error));
  if (error.kind === 'needs-sign-in') return new As12SignInRefusedError(serviceName);
  if (error.kind === 'invalid-request') return new CoreError('invalid-input', error.message);
  // BADTIME (the clock), BANNED, FAILED, no answer: nothing the user typed is wrong.
  return new CoreError('unavailable', `Could not sign in to ${serviceName}: ${error.message}`);
}
