// Shared by the OAuth sign-in tests: what a sign-in that must fail threw, and a check that
// the error, as shown or logged, quotes none of the secrets the sign-in handled.
import { expect } from 'vitest';

/** The error `promise` rejects with; a promise that resolves fails the test. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

/** Neither the message nor the stack contains any of `secrets`. */
export function expectNoSecretIn(error: Error, secrets: readonly string[]): void {
  const text = `${error.message} ${String(error.stack)}`;
  for (const secret of secrets) expect(text).not.toContain(secret);
}
