import type { ErrorKind } from '../../shared/errors.js';
import { isErrorKind } from '../../shared/errors.js';
import { isFieldProblem, type FieldProblem } from '../../shared/field-problem.js';

// The one place a failure becomes what a front shows: an HTTP status (server), a result the
// renderer reads (IPC), an exit code (CLI). Errors say their kind with a `kind` property
// (CoreError and the core's other error classes); a RangeError is a state refusal (conflict);
// anything else is internal.

export const HTTP_STATUS: Readonly<Record<ErrorKind, number>> = {
  'invalid-input': 400,
  'not-found': 404,
  conflict: 409,
  // Kept at 409 (as before the vocabulary): the request was fine, the app's state is not.
  'needs-sign-in': 409,
  unavailable: 503,
  internal: 500,
};

/** CLI exit codes: 1 for every failure the CLI explains (2 is bad usage, decided by parsing). */
export const EXIT_CODE: Readonly<Record<ErrorKind, number>> = {
  'invalid-input': 1,
  'not-found': 1,
  conflict: 1,
  'needs-sign-in': 1,
  unavailable: 1,
  internal: 1,
};

export function errorKindOf(error: unknown): ErrorKind {
  if (typeof error === 'object' && error !== null && 'kind' in error && isErrorKind(error.kind)) {
    return error.kind;
  }
  if (error instanceof RangeError) return 'conflict';
  return 'internal';
}

/** A failure as every front describes it: kind, message, and field problems when it has them. */
export interface ErrorView {
  kind: ErrorKind;
  message: string;
  problems?: FieldProblem[];
}

export function errorView(error: unknown): ErrorView {
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  const view: ErrorView = { kind: errorKindOf(error), message };
  const problems = problemsOf(error);
  if (problems) view.problems = problems;
  return view;
}

/** Field problems, from any error that carries them (ScrobbleValidationError does). */
function problemsOf(error: unknown): FieldProblem[] | undefined {
  if (typeof error !== 'object' || error === null || !('problems' in error)) return undefined;
  const { problems } = error;
  if (!Array.isArray(problems)) return undefined;
  return problems.filter(isFieldProblem).map((p) => ({ field: p.field, message: p.message }));
}

/** Errors the caller caused or can fix: not worth a line in the log. */
export function isCallerError(error: unknown): boolean {
  const kind = errorKindOf(error);
  return kind !== 'internal' && kind !== 'unavailable';
}
