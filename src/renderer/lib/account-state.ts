import type { AccountSummary } from '../../shared/core-events.js';

// The Account view's two judgements about accounts, pure so they are tested in plain Node:
// which one state a card shows, and whether the window must call the user to sign in.

export type AccountState = 'signed-in' | 'needs-sign-in' | 'signed-out';

/** The card's one state: a revoked or keyless sign-in is "needs sign-in", never both. */
export function accountState(account: AccountSummary): AccountState {
  if (account.user === null) return 'signed-out';
  return account.needsSignIn ? 'needs-sign-in' : 'signed-in';
}

/** True once the accounts are known and none that takes scrobbles has anyone signed in. */
export function needsFirstSignIn(accounts: readonly AccountSummary[] | null): boolean {
  if (accounts === null) return false;
  return !accounts.some((a) => a.scrobbles !== false && !a.problem && a.user !== null);
}
