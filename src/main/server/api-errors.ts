import { errorView, HTTP_STATUS } from '../errors/error-kinds.js';
import type { ErrorKind } from '../../shared/errors.js';
import type { FieldProblem } from '../../shared/validation.js';

// How a failed call looks on the wire: the status from the shared error vocabulary
// (src/main/errors/error-kinds.ts), the message, the kind, and field problems when there are
// some. Our errors are built to be shown to people and never carry a secret. A stack trace is
// never sent.

export interface ApiError {
  status: number;
  body: {
    ok: false;
    error: { message: string; kind: ErrorKind; problems?: FieldProblem[] };
  };
}

export function apiErrorFor(error: unknown): ApiError {
  const view = errorView(error);
  return { status: HTTP_STATUS[view.kind], body: { ok: false, error: view } };
}
