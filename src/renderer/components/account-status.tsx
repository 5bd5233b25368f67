import type { AccountSummary } from '../../shared/core-events.js';
import { formatMoment } from '../lib/format.js';

// What a service's card says about its state: plain http, a sign-in the service no longer
// accepts, and who is signed in since when.

export function AccountStatus({ account }: { account: AccountSummary }) {
  const signedIn = account.user !== null;
  return (
    <>
      {account.plainHttp ? (
        <p class="banner warning">
          <span>
            <strong>Not encrypted.</strong> {account.name} is reached over plain http://, so your
            session crosses the network readable and password sign-in is off. Use an https://
            address if the server has one.
          </span>
        </p>
      ) : null}
      {account.needsSignIn ? (
        <p class="banner warning">
          <strong>Needs sign-in.</strong> {account.name} no longer accepts this sign-in (it was
          revoked or the key is missing). Your scrobbles are kept and are sent once you sign in
          again.
        </p>
      ) : null}
      {signedIn ? (
        <p class="signed-in">
          Signed in as <strong>{account.user}</strong>
          {account.signedInAt ? <> since {formatMoment(account.signedInAt)}</> : null}.
        </p>
      ) : account.hasApiCredentials ? (
        <p>Not signed in. Sign in so your scrobbles reach {account.name}.</p>
      ) : null}
    </>
  );
}
