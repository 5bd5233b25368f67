import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountSummary } from '../../shared/core-events.js';
import { useApp } from '../app-context.js';
import { useCoreEvent } from '../hooks/use-core-event.js';
import { useAccountActions, type PendingSignIn } from '../hooks/use-account-actions.js';
import { AccountStatus } from '../components/account-status.js';
import { accountState } from '../lib/account-state.js';
import { FailureNotice } from '../components/failure-notice.js';
import { PendingSignInPanel } from '../components/pending-sign-in.js';
import { SignInChoices } from '../components/sign-in-choices.js';
import { AddServerForm, ApiCredentialsForm } from './account-forms.js';
import { PreferencesSection } from './preferences-section.js';
import { plainFailure } from '../lib/plain-failure.js';
import { SoundCloudCard } from '../components/soundcloud-card.js';

// Who is signed in where: one card per service, each with its protocol's sign-in (Last.fm
// 2.0: the browser first, an approval link and a password one disclosure away; Audioscrobbler
// 1.2: user name and password; ListenBrainz: the user token), its "scrobble to" switch, and
// for a Last.fm API account a way to change the key. A failure shows on the card where the
// user acted, in plain words. Below the services, a disclosure adds a server of one's own;
// each one added can be removed.

export function AccountView() {
  const { accounts } = useApp();
  const [pending, setPending] = useState<PendingSignIn | null>(null);
  const [failure, setFailure] = useState<{ service: string; message: string } | null>(null);
  /** The server just added: its card takes focus once it appears. */
  const [added, setAdded] = useState<string | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);

  useCoreEvent((event) => {
    if (event.type === 'account-changed' && pending?.service === event.target) setPending(null);
    if (event.type === 'sign-in-failed') {
      setPending(null);
      setFailure({ service: event.target, message: event.message });
    }
  });

  return (
    <section class="view account-view" aria-labelledby="account-title">
      <div class="view-head">
        {/* Focus lands here when a removed server's card goes away. */}
        <h1 id="account-title" ref={titleRef} tabIndex={-1}>
          Account
        </h1>
      </div>
      {accounts === null ? <p class="muted">Loading…</p> : null}
      {accounts?.length === 0 ? <p class="empty">No services are set up.</p> : null}
      {accounts?.map((account) => (
        <AccountCard
          key={account.service}
          account={account}
          pending={pending?.service === account.service ? pending : null}
          failure={failure?.service === account.service ? failure.message : null}
          onPending={(p) => {
            setFailure(null);
            setPending(p);
          }}
          focusNow={added === account.service}
          onFocused={() => setAdded(null)}
          onRemoved={() => titleRef.current?.focus()}
        />
      ))}
      {accounts !== null ? <AddServerForm onAdded={setAdded} /> : null}
      <PreferencesSection />
    </section>
  );
}

interface AccountCardProps {
  account: AccountSummary;
  pending: PendingSignIn | null;
  failure: string | null;
  onPending: (p: PendingSignIn | null) => void;
  /** Move focus to this card (it was just added). */
  focusNow: boolean;
  onFocused: () => void;
  /** The card is about to go: focus must go somewhere that stays. */
  onRemoved: () => void;
}

/** Services that sign requests with an API account of the user's own (not GNU FM's). */
function usesApiAccount(account: AccountSummary): boolean {
  return account.protocol === undefined || account.protocol === 'lastfm2';
}

function AccountCard(props: AccountCardProps) {
  const { account, pending, failure, onPending } = props;
  const actions = useAccountActions({ account, onPending, onRemoved: props.onRemoved });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [changingKey, setChangingKey] = useState(false);
  const headingId = `account-${account.service}`;

  useEffect(() => {
    if (!props.focusNow) return;
    headingRef.current?.focus();
    props.onFocused();
  }, [props.focusNow]);

  const removeRow = account.custom ? (
    <div class="button-row">
      <button type="button" class="danger-outline" onClick={() => void actions.remove()}>
        Remove server
      </button>
    </div>
  ) : null;
  const heading = (
    <h2 id={headingId} ref={headingRef} tabIndex={-1}>
      {account.name}
    </h2>
  );

  if (account.protocol === 'soundcloud') return <SoundCloudCard />;
  if (account.problem) {
    // A settings.json entry that was skipped: say what is wrong; nothing to sign in to.
    return (
      <article class="card" aria-labelledby={headingId} data-service={account.service}>
        {heading}
        <p class="banner warning">
          <span>
            <strong>Not used.</strong> {account.problem} Fix it in settings.json and restart
            Scrobbletray{account.custom ? ', or remove it here and add the server again' : ''}.
          </span>
        </p>
        {removeRow}
        <FailureNotice failure={actions.error} />
      </article>
    );
  }

  const needsKey = usesApiAccount(account) && !account.hasApiCredentials;
  const canChangeKey = usesApiAccount(account) && account.hasApiCredentials && !pending;
  const shownFailure = failure
    ? plainFailure(failure, { what: `Signing in to ${account.name}` })
    : actions.error;
  return (
    <article
      class="card"
      aria-labelledby={headingId}
      data-service={account.service}
      data-state={accountState(account)}
    >
      {heading}
      <AccountStatus account={account} />
      {account.scrobbles !== false && account.user !== null ? (
        <label class="choice scrobble-to">
          <input
            type="checkbox"
            role="switch"
            checked={account.scrobbleTo !== false}
            onChange={(e) => void actions.setScrobbleTo(e.currentTarget.checked)}
          />
          Send new scrobbles to {account.name}
        </label>
      ) : null}
      {needsKey ? (
        <ApiCredentialsForm account={account} />
      ) : pending ? (
        <PendingSignInPanel
          account={account}
          pending={pending}
          onCopy={(url) => void actions.copy(url)}
          onCancel={() => void actions.cancel()}
        />
      ) : (
        <SignInChoices
          account={account}
          starting={actions.starting}
          onStart={(method) => void actions.start(method)}
          onSignOut={() => void actions.signOut()}
        />
      )}
      <FailureNotice failure={shownFailure} testId={`failure-${account.service}`} />
      {canChangeKey ? (
        <details
          class="other-ways change-key"
          open={changingKey}
          onToggle={(e) => setChangingKey(e.currentTarget.open)}
        >
          <summary>Change API key</summary>
          <ApiCredentialsForm
            account={account}
            mode="change"
            onSaved={() => setChangingKey(false)}
          />
        </details>
      ) : null}
      {removeRow}
    </article>
  );
}
