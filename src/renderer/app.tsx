import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AccountSummary, CoreEvent } from '../shared/core-events.js';
import { errorMessage, type Api } from './api.js';
import {
  AppContext,
  targetsOf,
  useApp,
  type AppContextValue,
  type ConfirmOptions,
  type FlushProgress,
  type Tone,
} from './app-context.js';
import { ConfirmDialog, type PendingConfirm } from './components/confirm-dialog.js';
import { Modal } from './components/modal.js';
import { SignInCall } from './components/sign-in-call.js';
import { StatusBar } from './components/status-bar.js';
import { NowPlayingCard } from './components/now-playing-card.js';
import { serviceName } from './lib/service-name.js';
import { Toast, type ToastMessage } from './components/toast.js';
import { useQueueStatus } from './hooks/use-queue-status.js';
import { AccountView } from './views/account-view.js';
import { ImportView } from './views/import-view.js';
import { HistoryView } from './views/history-view.js';
import { LikesView } from './views/likes-view.js';
import { ManualScrobble } from './views/manual-scrobble.js';
import { ProfileView } from './views/profile-view.js';
import { QueueView } from './views/queue-view.js';

// The shell: tabs, the Scrobble… panel, the sign-in banner, the status bar and the status
// line, plus the one subscription to the core's events that every view feeds on.

export type Tab = 'queue' | 'history' | 'account' | 'likes' | 'profile' | 'import';

const TABS: readonly { id: Tab; label: string; key: string }[] = [
  { id: 'queue', label: 'Queue', key: '1' },
  { id: 'history', label: 'History', key: '2' },
  { id: 'account', label: 'Account', key: '3' },
  { id: 'likes', label: 'Likes', key: '4' },
  { id: 'profile', label: 'Profiles', key: '5' },
  { id: 'import', label: 'Import', key: '6' },
];

/** `#/history` -> 'history'; `#/manual` opens the Scrobble… panel. */
export function routeOf(hash: string): Tab | 'manual' {
  const name = hash.replace(/^#\/?/, '');
  if (name === 'manual') return 'manual';
  return TABS.some((t) => t.id === name) ? (name as Tab) : 'queue';
}

/** Shell state and the core subscription, shared by the main window and the manual window. */
function useShell(api: Api): AppContextValue & {
  toast: ToastMessage | null;
  dismissToast: () => void;
  pendingConfirm: PendingConfirm | null;
  confirmDone: () => void;
} {
  const [accounts, setAccounts] = useState<AccountSummary[] | null>(null);
  const [queueVersion, setQueueVersion] = useState(0);
  const [flush, setFlush] = useState<FlushProgress | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const [pendingConfirm, setPendingConfirm] = useState<PendingConfirm | null>(null);
  const bumpTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const toastId = useRef(0);

  const notify = useCallback((text: string, tone: Tone = 'info') => {
    setToast({ id: ++toastId.current, text, tone });
  }, []);

  const reloadAccounts = useCallback(() => {
    api.account
      .list()
      .then(setAccounts, (error: unknown) =>
        notify(`Could not read the accounts: ${errorMessage(error)}`, 'error'),
      );
  }, [api, notify]);

  // A flush changes the queue many times a second; views re-fetch at most every 200 ms.
  const bump = useCallback(() => {
    clearTimeout(bumpTimer.current);
    bumpTimer.current = setTimeout(() => setQueueVersion((v) => v + 1), 200);
  }, []);

  useEffect(() => {
    reloadAccounts();
    const stop = api.onEvent((event: CoreEvent) => {
      switch (event.type) {
        case 'queue-changed':
          bump();
          break;
        case 'flush-started':
          setFlush({ target: event.target, done: 0, due: event.due });
          break;
        case 'flush-progress':
          setFlush({ target: event.target, done: event.done, due: event.due });
          break;
        case 'flush-finished':
          setFlush(null);
          bump();
          break;
        case 'needs-auth':
          notify(
            `${serviceName(event.target, accounts)} needs you to sign in again. ${event.message}`,
            'warning',
          );
          reloadAccounts();
          bump();
          break;
        case 'account-changed':
          reloadAccounts();
          bump();
          break;
        case 'sign-in-failed':
        case 'preferences-changed':
          break;
      }
    });
    return () => {
      stop();
      clearTimeout(bumpTimer.current);
    };
  }, [api]);

  const confirm = useCallback(
    (options: ConfirmOptions) =>
      new Promise<boolean>((resolve) => setPendingConfirm({ ...options, resolve })),
    [],
  );

  const targets = useMemo(() => targetsOf(accounts), [accounts]);
  return {
    api,
    notify,
    confirm,
    accounts,
    reloadAccounts,
    targets,
    queueVersion,
    flush,
    toast,
    dismissToast: () => setToast(null),
    pendingConfirm,
    confirmDone: () => setPendingConfirm(null),
  };
}

export function Root({ api }: { api: Api }) {
  // Electron opens `#/manual` as its own small window; anywhere else it is a modal.
  const [standalone, setStandalone] = useState(() => routeOf(location.hash) === 'manual');
  return standalone ? (
    <ManualWindow api={api} onLeave={() => setStandalone(false)} />
  ) : (
    <MainWindow api={api} />
  );
}

function ManualWindow({ api, onLeave }: { api: Api; onLeave: () => void }) {
  const shell = useShell(api);
  useEffect(() => {
    document.title = 'Scrobble — Scrobbletray';
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      window.close();
      // A tab the script did not open cannot close itself: show the main window instead.
      setTimeout(() => {
        location.hash = '#/queue';
        onLeave();
      }, 50);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <AppContext.Provider value={shell}>
      <main class="manual-window" aria-labelledby="manual-title">
        <h1 id="manual-title">Scrobble</h1>
        <ManualScrobble />
      </main>
      <Toast message={shell.toast} onDismiss={shell.dismissToast} />
    </AppContext.Provider>
  );
}

function MainWindow({ api }: { api: Api }) {
  const shell = useShell(api);
  const initial = routeOf(location.hash);
  const [tab, setTab] = useState<Tab>(initial === 'manual' ? 'queue' : initial);
  const [manualOpen, setManualOpen] = useState(initial === 'manual');

  const go = (next: Tab) => {
    setTab(next);
    if (routeOf(location.hash) !== next) history.replaceState(null, '', `#/${next}`);
  };

  useEffect(() => {
    const onHash = () => {
      const route = routeOf(location.hash);
      if (route === 'manual') setManualOpen(true);
      else setTab(route);
    };
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.altKey) || e.shiftKey || e.metaKey) return;
      const target = TABS.find((t) => t.key === e.key);
      if (!target || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      go(target.id);
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  useEffect(() => {
    document.title = `${TABS.find((t) => t.id === tab)?.label ?? ''} — Scrobbletray`;
  }, [tab]);

  const closeManual = () => {
    setManualOpen(false);
    if (routeOf(location.hash) === 'manual') history.replaceState(null, '', `#/${tab}`);
  };

  return (
    <AppContext.Provider value={shell}>
      <ShellBody tab={tab} go={go} openManual={() => setManualOpen(true)} />
      <Modal open={manualOpen} onClose={closeManual} title="Scrobble" class="modal-manual">
        <ManualScrobble />
      </Modal>
      <ConfirmDialog pending={shell.pendingConfirm} onDone={shell.confirmDone} />
      <Toast message={shell.toast} onDismiss={shell.dismissToast} />
    </AppContext.Provider>
  );
}

interface ShellBodyProps {
  tab: Tab;
  go: (tab: Tab) => void;
  openManual: () => void;
}

function ShellBody({ tab, go, openManual }: ShellBodyProps) {
  const { accounts } = useApp();
  const status = useQueueStatus();
  const needsSignIn = [
    ...(accounts ?? []).filter((a) => a.needsSignIn).map((a) => a.service),
    ...status.states.filter((s) => s.needsAuth).map((s) => s.target),
  ];
  const services = [...new Set(needsSignIn)];
  // Never signed in and signed out-by-the-service read differently.
  const neverSignedIn = services.every(
    (id) => ((accounts ?? []).find((a) => a.service === id)?.user ?? null) === null,
  );
  const names = services.map((id) => serviceName(id, accounts)).join(' and ');

  // In a narrow window the tabs scroll sideways: keep the current one in sight, whether it
  // was clicked, reached by a shortcut or by the address.
  const nav = useRef<HTMLElement>(null);
  useEffect(() => {
    const current = nav.current?.querySelector<HTMLElement>('[aria-current="page"]');
    current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [tab]);
  return (
    <div class="app">
      <header class="app-header">
        <span class="brand" aria-hidden="true">
          Scrobbletray
        </span>
        <nav aria-label="Views" ref={nav}>
          <ul>
            {TABS.map((t) => (
              <li key={t.id}>
                <button
                  type="button"
                  aria-current={t.id === tab ? 'page' : undefined}
                  aria-keyshortcuts={`Control+${t.key} Alt+${t.key}`}
                  title={`${t.label} (Ctrl+${t.key} or Alt+${t.key})`}
                  onClick={() => go(t.id)}
                >
                  {t.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" class="primary scrobble-button" onClick={openManual}>
          Scrobble…
        </button>
      </header>
      {services.length ? (
        <div class="banner warning global-banner" data-testid="needs-sign-in">
          <span>
            <strong>Needs sign-in:</strong>{' '}
            {neverSignedIn
              ? `you are not signed in to ${names}. Your scrobbles are kept and sent once you sign in.`
              : `${names} no longer accepts your sign-in. Your scrobbles are kept and sent once you sign in again.`}
          </span>
          {tab !== 'account' ? (
            <button type="button" onClick={() => go('account')}>
              Sign in
            </button>
          ) : null}
        </div>
      ) : null}
      {services.length ? null : (
        <SignInCall
          accounts={accounts}
          onAccountView={tab === 'account'}
          onGo={() => go('account')}
        />
      )}
      <main class="app-main" id="main">
        <NowPlayingCard />
        {tab === 'queue' ? <QueueView status={status} /> : null}
        {tab === 'history' ? <HistoryView /> : null}
        {tab === 'account' ? <AccountView /> : null}
        {tab === 'import' ? <ImportView /> : null}
        {tab === 'likes' ? <LikesView /> : null}
        {tab === 'profile' ? <ProfileView /> : null}
      </main>
      <StatusBar status={status} />
    </div>
  );
}
