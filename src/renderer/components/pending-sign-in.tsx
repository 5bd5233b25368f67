import { useEffect, useState } from 'preact/hooks';
import type { AccountSummary } from '../../shared/core-events.js';
import type { PendingSignIn } from '../hooks/use-account-actions.js';

// A sign-in waiting for approval: where to approve (web: the page that opened; token: a link
// to open anywhere, with a copy button), and a way to cancel. A service never tells us that
// the user pressed "Deny", so after a while the panel says what to do if that happened.

/** How long before the panel says what to do when the page showed a refusal or an error. */
export const STILL_WAITING_MS = 90_000;

interface PendingSignInPanelProps {
  account: AccountSummary;
  pending: PendingSignIn;
  onCopy: (url: string) => void;
  onCancel: () => void;
}

export function PendingSignInPanel({
  account,
  pending,
  onCopy,
  onCancel,
}: PendingSignInPanelProps) {
  const [longWait, setLongWait] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setLongWait(true), STILL_WAITING_MS);
    return () => clearTimeout(timer);
  }, [pending.url]);
  return (
    <div class="stack pending" role="status">
      {pending.method === 'web' ? (
        <p>
          Approve Scrobbletray on the {account.name} page that just opened; this window updates by
          itself. If no page opened,{' '}
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
            <button type="button" onClick={() => onCopy(pending.url)}>
              Copy link
            </button>
          </div>
        </>
      )}
      <p class="muted">
        <span class="spinner" aria-hidden="true" /> Waiting for approval…
      </p>
      {longWait ? (
        <p>
          Still waiting. If the {account.name} page said access was denied or showed an error,
          cancel and sign in again.
        </p>
      ) : null}
      <div class="button-row">
        <button type="button" onClick={onCancel}>
          Cancel sign-in
        </button>
      </div>
    </div>
  );
}
