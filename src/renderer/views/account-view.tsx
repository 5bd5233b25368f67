import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountSummary } from '../../shared/core-events.js';
import { useApp } from '../app-context.js';
import { useCoreEvent } from '../hooks/use-core-event.js';
import { useAccountActions, type PendingSignIn } from '../hooks/use-account-actions.js';
import { AccountStatus } from '../components/account-status.js';
import { PendingSignInPanel } from '../components/pending-sign-in.js';
import { SignInChoices } from '../components/sign-in-choices.js';
import { AddServerForm, ApiCredentialsForm } from './account-forms.js';
import { PreferencesSection } from './preferences-section.js';
import { ProblemAlert } from '../components/problem-alert.js';
import { SoundCloudCard } from '../components/soundcloud-card.js';

// Who is signed in where. Web sign-in comes first (one click: the service's page opens, the
// core catches the redirect); the token and password flows are one disclosure away. Below the
// services, a disclosure adds a self-hosted GNU FM server; each one added can be removed.

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

function AccountCard(props: AccountCardProps) {
  const { account, pending, failure, onPending } = props;
  const actions = useAccountActions({ account, onPending, onRemoved: props.onRemoved });
  const headingRef = useRef<HTMLHeadingElement>(null);
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
        <ProblemAlert message={actions.error} />
      </article>
    );
  }

  return (
    <article class="card" aria-labelledby={headingId} data-service={account.service}>
      {heading}
      <AccountStatus account={account} />
      {!account.hasApiCredentials ? (
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
          onStart={(method) => void actions.start(method)}
          onSignOut={() => void actions.signOut()}
        />
      )}
      {removeRow}
      <ProblemAlert message={failure ? `Sign-in failed: ${failure}` : actions.error} />
    </article>
  );
}
