import type { AccountSummary } from '../../shared/core-events.js';
import { accountState } from '../lib/account-state.js';
import { formatMoment } from '../lib/format.js';

// What a service's card says about its state, as one of: signed in, needs sign-in again (a
// sign-in the service no longer accepts: never also "signed in"), or not signed in. Plus plain
// http, and for a server of the user's own, what it speaks and where.

/** How a protocol reads to people. */
export function protocolWords(protocol: AccountSummary['protocol']): string {
  switch (protocol) {
    case 'as12':
      return 'Audioscrobbler 1.2 (user name and password)';
    case 'listenbrainz':
      return 'ListenBrainz (user token)';
    case 'gnufm':
      return 'GNU FM (Last.fm-compatible)';
    case 'soundcloud':
      return 'SoundCloud';
    default:
      return 'Last.fm-compatible';
  }
}

export function AccountStatus({ account }: { account: AccountSummary }) {
  const state = accountState(account);
  return (
    <>
      {account.custom && account.url ? (
        <p class="muted service-address">
          {protocolWords(account.protocol)} server at <span class="url-inline">{account.url}</span>
        </p>
      ) : null}
      {account.plainHttp ? (
        <p class="banner warning">
          <span>
            <strong>Not encrypted.</strong> {account.name} is reached over plain http://, so your
            sign-in crosses the network readable
            {account.protocol === 'as12' ? '' : ' and password sign-in is off'}. Use an https://
            address if the server has one.
          </span>
        </p>
      ) : null}
      <div class="account-state" data-state={state} data-testid="account-state">
        {state === 'needs-sign-in' ? (
          <span class="banner warning">
            <span>
              <strong>Needs sign-in.</strong> {account.name} no longer accepts the sign-in of{' '}
              <strong>{account.user}</strong> (it was revoked, or this computer lost it). Your
              scrobbles are kept and are sent once you sign in again.
            </span>
          </span>
        ) : state === 'signed-in' ? (
          <span class="signed-in">
            Signed in as <strong>{account.user}</strong>
            {account.signedInAt ? <> since {formatMoment(account.signedInAt)}</> : null}.
          </span>
        ) : (
          <span>Not signed in. Sign in so your scrobbles reach {account.name}.</span>
        )}
      </div>
    </>
  );
}
