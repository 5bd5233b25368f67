import { useState } from 'preact/hooks';
import type { AccountSummary } from '../../shared/core-events.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';
import { useCoreEvent } from '../hooks/use-core-event.js';
import { formatMoment } from '../lib/format.js';
import { ApiCredentialsForm, PasswordSignInForm } from './account-forms.js';
import { PreferencesSection } from './preferences-section.js';

// Who is signed in where. Web sign-in comes first (one click: the service's page opens, the
// core catches the redirect); the token and password flows are one disclosure away.

interface PendingSignIn {
  service: string;
  method: 'web' | 'token';
  url: string;
}

export function AccountView() {
  const { accounts } = useApp();
  const [pending, setPending] = useState<PendingSignIn | null>(null);
  const [failure, setFailure] = useState<{ service: string; message: string } | null>(null);

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
        <h1 id="account-title">Account</h1>
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
        />
      ))}
      <PreferencesSection />
    </section>
  );
}

interface AccountCardProps {
  account: AccountSummary;
  pending: PendingSignIn | null;
  failure: string | null;
  onPending: (p: PendingSignIn | null) => void;
}

function AccountCard({ account, pending, failure, onPending }: AccountCardProps) {
  const { api, notify, confirm, reloadAccounts } = useApp();
  const [error, setError] = useState<string | null>(null);
  const headingId = `account-${account.service}`;
  const signedIn = account.user !== null;

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

  return (
    <article class="card" aria-labelledby={headingId} data-service={account.service}>
      <h2 id={headingId}>{account.name}</h2>
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
                <PasswordSignInForm account={account} />
              </div>
            </div>
          </details>
        </>
      )}
      {failure || error ? (
        <p class="problem" role="alert">
          {failure ? `Sign-in failed: ${failure}` : error}
        </p>
      ) : null}
    </article>
  );
}
