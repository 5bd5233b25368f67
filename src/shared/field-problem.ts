// What is wrong with one field of an input, as every front shows it under that field. Apart
// from validation.ts (which loads zod) so error handling can use it without loading zod.

export interface FieldProblem {
  /** The field at fault, e.g. `artist`, or `items.3.track` in an album. */
  field: string;
  message: string;
}

/** A field problem as it arrives from anywhere (an error, a transport): checked, not trusted. */
export function isFieldProblem(value: unknown): value is FieldProblem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FieldProblem).field === 'string' &&
    typeof (value as FieldProblem).message === 'string'
  );
}
