import type { ErrorKind } from './errors.js';
import { isErrorKind } from './errors.js';
import { isFieldProblem, type FieldProblem } from './field-problem.js';

// What a call to the core answers, over Electron IPC and over HTTP alike: the result, or the
// failure as the shared error vocabulary describes it (kind, words for people, field
// problems). Electron's invoke() would keep only a thrown error's message, so main returns
// this envelope instead of throwing, and the window gets the kind on both transports.

export interface CallFailure {
  message: string;
  kind: ErrorKind;
  problems?: FieldProblem[];
}

export type CallReply = { ok: true; result: unknown } | { ok: false; error: CallFailure };

/** The reply as received, or null when it is not one (a proxy's page, a truncated body). */
export function readCallReply(value: unknown): CallReply | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.ok === true) return { ok: true, result: v.result };
  if (v.ok !== false || typeof v.error !== 'object' || v.error === null) return null;
  const e = v.error as Record<string, unknown>;
  const message = typeof e.message === 'string' ? e.message : 'Something went wrong.';
  const kind = isErrorKind(e.kind) ? e.kind : 'internal';
  const problems = Array.isArray(e.problems)
    ? e.problems.filter(isFieldProblem).map((p) => ({ field: p.field, message: p.message }))
    : [];
  return { ok: false, error: problems.length ? { message, kind, problems } : { message, kind } };
}
