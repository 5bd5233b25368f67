import type { AccountSummary } from '../../shared/core-events.js';
import { needsFirstSignIn } from '../lib/account-state.js';

// The call to sign in, shown above every view while no service scrobbles can go to is signed
// in: on first run, and after signing out of the last one. Without it a new user sees an
// empty queue and nothing that says why nothing will be sent.

interface SignInCallProps {
  accounts: readonly AccountSummary[] | null;
  /** Already on the Account view: point down to the cards instead of offering to go there. */
  onAccountView: boolean;
  onGo: () => void;
}

export function SignInCall({ accounts, onAccountView, onGo }: SignInCallProps) {
  if (!needsFirstSignIn(accounts)) return null;
  const names = (accounts ?? [])
    .filter((a) => a.scrobbles !== false && !a.problem && !a.custom)
    .map((a) => a.name);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0];
  return (
    <section
      class="banner info global-banner sign-in-call"
      aria-labelledby="sign-in-call-title"
      data-testid="sign-in-call"
    >
      <span>
        <strong id="sign-in-call-title">Sign in to start scrobbling.</strong>{' '}
        {onAccountView
          ? `Choose a service below${list ? ` (${list})` : ''} and sign in; what you play is kept here until then.`
          : `Scrobbletray sends what you play to ${list ?? 'a scrobbling service'} once you sign in. Until then your scrobbles wait here, safe.`}
      </span>
      {onAccountView ? null : (
        <button type="button" class="primary" onClick={onGo}>
          Sign in…
        </button>
      )}
    </section>
  );
}
