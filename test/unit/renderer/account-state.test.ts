// Which state a service's card shows, and when the window calls the user to sign in.
import { describe, expect, it } from 'vitest';
import { accountState, needsFirstSignIn } from '../../../src/renderer/lib/account-state.js';
import type { AccountSummary } from '../../../src/shared/core-events.js';

function account(over: Partial<AccountSummary>): AccountSummary {
  return {
    service: 'lastfm',
    name: 'Last.fm',
    user: null,
    signedInAt: null,
    needsSignIn: false,
    hasApiCredentials: true,
    apiAccountUrl: null,
    ...over,
  };
}

describe('accountState', () => {
  it('is one state: a revoked sign-in is "needs sign-in", not also signed in', () => {
    expect(accountState(account({ user: 'tester', needsSignIn: true }))).toBe('needs-sign-in');
    expect(accountState(account({ user: 'tester' }))).toBe('signed-in');
    expect(accountState(account({}))).toBe('signed-out');
  });
});

describe('needsFirstSignIn', () => {
  it('waits for the accounts before saying anything', () => {
    expect(needsFirstSignIn(null)).toBe(false);
  });

  it('calls for a sign-in while no service scrobbles can go to is signed in', () => {
    expect(needsFirstSignIn([account({}), account({ service: 'librefm' })])).toBe(true);
    // An account-only service (SoundCloud) does not take scrobbles: still nobody to send to.
    expect(
      needsFirstSignIn([
        account({}),
        account({ service: 'soundcloud', user: 'sc', scrobbles: false }),
      ]),
    ).toBe(true);
    // A settings entry that was skipped cannot be signed in to.
    expect(needsFirstSignIn([account({ problem: 'no url', user: 'x' })])).toBe(true);
  });

  it('stops once one service is signed in, even one that needs signing in again', () => {
    expect(needsFirstSignIn([account({}), account({ service: 'librefm', user: 'me' })])).toBe(
      false,
    );
    // That case has its own banner ("no longer accepts your sign-in").
    expect(needsFirstSignIn([account({ user: 'me', needsSignIn: true })])).toBe(false);
  });
});
