import type { AccountSummary } from '../../shared/core-events.js';
import { PasswordSignInForm, UserTokenForm } from '../views/account-forms.js';

// The ways to sign in to a service, by its protocol. Last.fm 2.0 (Last.fm, GNU FM): the
// browser first (one click), an approval link and a password one disclosure away.
// Audioscrobbler 1.2: user name and password. ListenBrainz: the user token. Sign out when
// signed in.

interface SignInChoicesProps {
  account: AccountSummary;
  /** The sign-in being started ('web' or 'token'), while the service is asked. */
  starting: 'web' | 'token' | null;
  onStart: (method: 'web' | 'token') => void;
  onSignOut: () => void;
}

export function SignInChoices({ account, starting, onStart, onSignOut }: SignInChoicesProps) {
  const signedIn = account.user !== null;
  const signOut = signedIn ? (
    <div class="button-row">
      <button type="button" class="danger-outline" onClick={onSignOut}>
        Sign out
      </button>
    </div>
  ) : null;

  if (account.protocol === 'as12' || account.protocol === 'listenbrainz') {
    const form =
      account.protocol === 'as12' ? (
        <PasswordSignInForm account={account} />
      ) : (
        <UserTokenForm account={account} />
      );
    // Signed in and fine: the form is there to switch accounts, one click away.
    return signedIn && !account.needsSignIn ? (
      <>
        {signOut}
        <details class="other-ways">
          <summary>Sign in as someone else</summary>
          {form}
        </details>
      </>
    ) : (
      <>
        {form}
        {signOut}
      </>
    );
  }

  return (
    <>
      <div class="button-row">
        <button
          type="button"
          class="primary"
          disabled={starting !== null}
          onClick={() => onStart('web')}
        >
          {starting === 'web'
            ? `Connecting to ${account.name}…`
            : signedIn
              ? `Sign in to ${account.name} again`
              : `Sign in with ${account.name}`}
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
            <button type="button" disabled={starting !== null} onClick={() => onStart('token')}>
              {starting === 'token' ? `Connecting to ${account.name}…` : 'Get an approval link'}
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
