// Shared by the protocol client tests: an error, in every way it can be shown or logged,
// must not contain a credential.
import { inspect } from 'node:util';
import { expect } from 'vitest';

export function expectNoSecrets(err: unknown, secrets: readonly string[]): void {
  const e = err as Error;
  const views = [e.message, String(e.stack), JSON.stringify(e), inspect(e, { depth: 6 })];
  for (const view of views) {
    for (const secret of secrets) {
      if (secret.length >= 4) expect(view).not.toContain(secret);
    }
  }
}

/** The rejection of a promise that must fail. */
export async function failureOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  );
}
