import { useState } from 'preact/hooks';
import type { AccountSummary } from '../../shared/core-events.js';
import { errorMessage, errorProblems } from '../api.js';
import { useApp } from '../app-context.js';
import { plainFailure, type PlainFailure } from '../lib/plain-failure.js';

// What a service's card can do: start, cancel and finish sign-in, sign out, turn its "scrobble
// to" switch, remove a server added by hand. Each action reports its own failure in `error`,
// in words for people (details apart), shown on the card where the user acted.

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

/** A failed call as the card shows it. */
export function failureOf(error: unknown, what: string): PlainFailure {
  return plainFailure(errorMessage(error), { what, problems: errorProblems(error) });
}

export function useAccountActions({ account, onPending, onRemoved }: AccountActionsOptions) {
  const { api, notify, confirm, reloadAccounts } = useApp();
  const [error, setError] = useState<PlainFailure | null>(null);
  /** A sign-in being started: the service is asked first, which can take a moment. */
  const [starting, setStarting] = useState<'web' | 'token' | null>(null);
  const signedIn = account.user !== null;
  const signingIn = `Signing in to ${account.name}`;

  const start = async (method: 'web' | 'token') => {
    if (starting) return;
    setError(null);
    setStarting(method);
    try {
      const { url } = await api.account.startSignIn(account.service, method);
      onPending({ service: account.service, method, url });
      // In Electron the main process routes this to the system browser.
      if (method === 'web') window.open(url, '_blank', 'noopener');
    } catch (e) {
      setError(failureOf(e, signingIn));
    } finally {
      setStarting(null);
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
      message: `Scrobbletray stops sending to ${account.name} and forgets the sign-in. Your queued scrobbles stay.`,
      confirmLabel: 'Sign out',
      danger: true,
    });
    if (!ok) return;
    setError(null);
    try {
      await api.account.signOut(account.service);
      notify(`Signed out of ${account.name}.`);
      reloadAccounts();
    } catch (e) {
      setError(failureOf(e, 'Signing out'));
    }
  };
  const setScrobbleTo = async (on: boolean) => {
    setError(null);
    try {
      await api.account.setScrobbleTo(account.service, on);
      notify(
        on
          ? `New scrobbles go to ${account.name} again.`
          : `New scrobbles no longer go to ${account.name}. Those already queued for it stay.`,
      );
      reloadAccounts();
    } catch (e) {
      setError(failureOf(e, 'Changing where scrobbles go'));
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
      setError(failureOf(e, 'Removing the server'));
    }
  };
  return { error, starting, start, copy, cancel, signOut, setScrobbleTo, remove };
}
