import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AccountSummary } from '../shared/core-events.js';
import type { Api } from './api.js';

// What every view needs from the shell: the API, the status line, the accounts (which decide
// where new scrobbles go and which rules apply) and a counter that moves when the queue does.

export type Tone = 'info' | 'success' | 'warning' | 'error';

export interface FlushProgress {
  target: string;
  done: number;
  due: number;
}

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
}

export interface AppContextValue {
  api: Api;
  /** Say something in the status line (a polite live region). */
  notify: (text: string, tone?: Tone) => void;
  /** Ask a yes/no question in a modal dialog. */
  confirm: (options: ConfirmOptions) => Promise<boolean>;
  /** null until the first answer. */
  accounts: AccountSummary[] | null;
  reloadAccounts: () => void;
  /** Services new scrobbles go to: the signed-in ones, or Last.fm when none is. */
  targets: string[];
  /** Moves (debounced) whenever the core says the queue changed; views re-fetch on it. */
  queueVersion: number;
  /** The flush running now, if any. */
  flush: FlushProgress | null;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp() outside <AppContext.Provider>');
  return value;
}

export function targetsOf(accounts: readonly AccountSummary[] | null): string[] {
  const signedIn = (accounts ?? []).filter((a) => a.user !== null).map((a) => a.service);
  return signedIn.length > 0 ? signedIn : ['lastfm'];
}
