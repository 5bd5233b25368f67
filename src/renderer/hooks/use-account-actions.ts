import { useState } from 'preact/hooks';
import type { AccountSummary } from '../../shared/core-events.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';

// What a service's card can do: start, cancel and finish sign-in, sign out, remove a server
// added by hand. Each action reports its own failure in `error`, shown on the card.

export interface PendingSignIn {
  service: string;
  method: 'web' | 'token';
  url: string;
}

export interface AccountActionsOptions {
  account: AccountSummary;
  onPending: (p: PendingSignIn | null) => void;
  /** The card is about to go: focus must go somewhere that stays. */
  onRemoved: () => void;
}

export function useAccountActions({ account, onPending, onRemoved }: AccountActionsOptions) {
  const { api, notify, confirm, reloadAccounts } = useApp();
  const [error, setError] = useState<string | null>(null);
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
      onRemoved();
      reloadAccounts();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return { error, start, copy, cancel, signOut, remove };
}
