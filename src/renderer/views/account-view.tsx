import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountSummary } from '../../shared/core-events.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';
import { useCoreEvent } from '../hooks/use-core-event.js';
import { formatMoment } from '../lib/format.js';
import { AddServerForm, ApiCredentialsForm, PasswordSignInForm } from './account-forms.js';
import { PreferencesSection } from './preferences-section.js';
import { ProblemAlert } from '../components/problem-alert.js';

// Who is signed in where. Web sign-in comes first (one click: the service's page opens, the
// core catches the redirect); the token and password flows are one disclosure away. Below the
// services, a disclosure adds a self-hosted GNU FM server; each one added can be removed.

interface PendingSignIn {
  service: string;
  method: 'web' | 'token';
  url: string;
}

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
  const { api, notify, confirm, reloadAccounts } = useApp();
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = `account-${account.service}`;
  const signedIn = account.user !== null;

  useEffect(() => {
    if (!props.focusNow) return;
    headingRef.current?.focus();
    props.onFocused();
  }, [props.focusNow]);

  const start = async (method: 'web' | 'token') => {
    setError(null);
    try {
      const { url } = await api.account.startSignIn(account.service, method);
      onPending({ service: account.service, method, url });
      // In Electron the main process routes this to the system browser.
      if (method === 'web') window.open(url, '_blank', 'noopener');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      notify('Link copied.');
    } catch {
      notify('Could not copy the link: select it and copy it by hand.', 'warning');
    }
  };
  const cancel = async () => {
    onPending(null);
    try {
      await api.account.cancelSignIn();
    } catch {
      // Nothing was waiting any more: the view is already right.
    }
  };
  const signOut = async () => {
    const ok = await confirm({
      title: `Sign out of ${account.name}?`,
      message: `Scrobbletray stops sending to ${account.name} and forgets the session. Your queued scrobbles stay.`,
      confirmLabel: 'Sign out',
      danger: true,
    });
    if (!ok) return;
    try {
      await api.account.signOut(account.service);
      notify(`Signed out of ${account.name}.`);
      reloadAccounts();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const remove = async () => {
    const ok = await confirm({
      title: `Remove ${account.name}?`,
      message: signedIn
        ? `Scrobbletray signs out of ${account.name} and forgets the server. Scrobbles already sent to it stay in your History.`
        : `Scrobbletray forgets the server. Scrobbles already sent to it stay in your History.`,
      confirmLabel: 'Remove server',
      danger: true,
    });
    if (!ok) return;
    setError(null);
    try {
      await api.account.removeService(account.service);
      notify(`Removed ${account.name}.`);
      props.onRemoved();
      reloadAccounts();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const removeRow = account.custom ? (
    <div class="button-row">
      <button type="button" class="danger-outline" onClick={() => void remove()}>
        Remove server
      </button>
    </div>
  ) : null;
  const heading = (
    <h2 id={headingId} ref={headingRef} tabIndex={-1}>
      {account.name}
    </h2>
  );

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
        <ProblemAlert message={error} />
      </article>
    );
  }

  return (
    <article class="card" aria-labelledby={headingId} data-service={account.service}>
      {heading}
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

      {!account.hasApiCredentials ? (
        <ApiCredentialsForm account={account} />
      ) : pending ? (
        <div class="stack pending" role="status">
          {pending.method === 'web' ? (
            <p>
              Approve Scrobbletray on the {account.name} page that just opened; this window updates
              by itself. If no page opened,{' '}
              <a href={pending.url} target="_blank" rel="noopener noreferrer">
                open the sign-in page
              </a>
              .
            </p>
          ) : (
            <>
              <p>Open this link in any browser, approve Scrobbletray, and come back:</p>
              <p class="url-box">
                <a href={pending.url} target="_blank" rel="noopener noreferrer">
                  {pending.url}
                </a>
              </p>
              <div class="button-row">
                <button type="button" onClick={() => void copy(pending.url)}>
                  Copy link
                </button>
              </div>
            </>
          )}
          <p class="muted">
            <span class="spinner" aria-hidden="true" /> Waiting for approval…
          </p>
          <div class="button-row">
            <button type="button" onClick={() => void cancel()}>
              Cancel sign-in
            </button>
          </div>
        </div>
      ) : (
        <>
          <div class="button-row">
            <button type="button" class="primary" onClick={() => void start('web')}>
              {signedIn ? `Sign in to ${account.name} again` : `Sign in with ${account.name}`}
            </button>
            {signedIn ? (
              <button type="button" class="danger-outline" onClick={() => void signOut()}>
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
                <button type="button" onClick={() => void start('token')}>
                  Get an approval link
                </button>
              </div>
              <div>
                <h3>With your password</h3>
                {account.plainHttp ? (
                  <p class="muted">
                    Not for this server: its address is plain http://, and a password must not cross
                    the network readable. Use one of the ways above.
                  </p>
                ) : (
                  <PasswordSignInForm account={account} />
                )}
              </div>
            </div>
          </details>
        </>
      )}
      {removeRow}
      <ProblemAlert message={failure ? `Sign-in failed: ${failure}` : error} />
    </article>
  );
}
