import { MissingApiCredentialsError } from '../auth/api-credentials.js';
import { SignInCancelledError } from '../auth/auth-api.js';
import { ScrobbleValidationError } from '../queue/queue-service.js';
import { UnknownServiceError } from '../settings/service-config.js';
import { ContractInputError } from '../../shared/contract.js';
import type { FieldProblem } from '../../shared/validation.js';

// How a failed call looks on the wire. The message is the error's own: our errors are built
// to be shown to people and never carry a secret. A stack trace is never sent.

export interface ApiError {
  status: number;
  body: { ok: false; error: { message: string; problems?: FieldProblem[] } };
}

export function apiErrorFor(error: unknown): ApiError {
  const message = error instanceof Error ? error.message : String(error);
  const problems = problemsOf(error);
  const body = { ok: false as const, error: problems ? { message, problems } : { message } };
  return { status: statusFor(error), body };
}

function statusFor(error: unknown): number {
  // The caller sent something wrong: fix the input and try again.
  if (
    error instanceof ContractInputError ||
    error instanceof ScrobbleValidationError ||
    error instanceof UnknownServiceError
  ) {
    return 400;
  }
  // The input is fine but the state is not: no such scrobble, one that can no longer be
  // edited, API credentials not set up yet, a sign-in that was replaced by another.
  if (
    error instanceof RangeError ||
    error instanceof MissingApiCredentialsError ||
    error instanceof SignInCancelledError
  ) {
    return 409;
  }
  return 500;
}

/** Field problems, from any error that carries them (ScrobbleValidationError does). */
function problemsOf(error: unknown): FieldProblem[] | undefined {
  if (typeof error !== 'object' || error === null || !('problems' in error)) return undefined;
  const { problems } = error;
  if (!Array.isArray(problems)) return undefined;
  return problems.filter(
    (p): p is FieldProblem =>
      typeof p === 'object' &&
      p !== null &&
      typeof (p as FieldProblem).field === 'string' &&
      typeof (p as FieldProblem).message === 'string',
  );
}
