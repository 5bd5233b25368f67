import type { AccountSummary } from '../../shared/core-events.js';
import { PasswordSignInForm } from '../views/account-forms.js';

// The ways to sign in to a service that has its API credentials: the browser first (one
// click), an approval link and a password one disclosure away; sign out when signed in.

interface SignInChoicesProps {
  account: AccountSummary;
  onStart: (method: 'web' | 'token') => void;
  onSignOut: () => void;
}

export function SignInChoices({ account, onStart, onSignOut }: SignInChoicesProps) {
  const signedIn = account.user !== null;
  return (
    <>
      <div class="button-row">
        <button type="button" class="primary" onClick={() => onStart('web')}>
          {signedIn ? `Sign in to ${account.name} again` : `Sign in with ${account.name}`}
        </button>
        {signedIn ? (
          <button type="button" class="danger-outline" onClick={onSignOut}>
            Sign out
          </button>
        ) : null}
      </div>
      <details class="other-ways">
        <summary>Other ways to sign in</summary>
        <div class="stack">
          <div>
            <h3>With an approval link</h3>
            <p class="muted">
              For when this computer has no browser, or you want to approve on another device.
            </p>
            <button type="button" onClick={() => onStart('token')}>
              Get an approval link
            </button>
          </div>
          <div>
            <h3>With your password</h3>
            {account.plainHttp ? (
              <p class="muted">
                Not for this server: its address is plain http://, and a password must not cross the
                network readable. Use one of the ways above.
              </p>
            ) : (
              <PasswordSignInForm account={account} />
            )}
          </div>
        </div>
      </details>
    </>
  );
}
