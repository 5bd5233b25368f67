import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountSummary } from '../../shared/core-events.js';
import type { FieldProblem } from '../../shared/validation.js';
import { errorProblems } from '../api.js';
import { useApp } from '../app-context.js';
import { FailureNotice } from '../components/failure-notice.js';
import { Field } from '../components/field.js';
import { failureOf } from '../hooks/use-account-actions.js';
import type { PlainFailure } from '../lib/plain-failure.js';
import { SecretSignInForm } from './secret-sign-in-form.js';

// The forms of the account view: the API credentials (first run, and "Change API key"), the
// password and user token sign-ins, which take secrets (they go to the core in one call and are
// cleared from the form once it succeeds), and adding a server of one's own.

const LISTENBRAINZ_TOKEN_PAGE = 'https://listenbrainz.org/settings/';

/** The messages the core attached to one field. */
function about(problems: readonly FieldProblem[], field: string): string[] {
  return problems.filter((p) => p.field === field).map((p) => p.message);
}

interface ApiCredentialsFormProps {
  account: AccountSummary;
  /** 'first': nothing is saved yet; 'change': a key is saved and is being replaced. */
  mode?: 'first' | 'change';
  /** After a successful save (the change disclosure closes). */
  onSaved?: () => void;
}

export function ApiCredentialsForm({ account, mode = 'first', onSaved }: ApiCredentialsFormProps) {
  const { api, notify, reloadAccounts } = useApp();
  const [key, setKey] = useState('');
  const [secret, setSecret] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<PlainFailure | null>(null);
  /** The service took them the other way round: offer to swap them. */
  const [swapped, setSwapped] = useState(false);
  const [saving, setSaving] = useState(false);

  const save = async (apiKey: string, apiSecret: string) => {
    if (!apiKey.trim() || !apiSecret.trim()) {
      setProblems([
        ...(apiKey.trim() ? [] : [{ field: 'apiKey', message: 'Paste the API key here.' }]),
        ...(apiSecret.trim()
          ? []
          : [{ field: 'apiSecret', message: 'Paste the shared secret here.' }]),
      ]);
      setFailure(null);
      return;
    }
    setSaving(true);
    setSwapped(false);
    try {
      await api.account.setApiCredentials(account.service, apiKey.trim(), apiSecret.trim());
      setKey('');
      setSecret('');
      setProblems([]);
      setFailure(null);
      notify(
        mode === 'change'
          ? `${account.name} accepted the new API key. It is saved.`
          : `${account.name} accepted the API key. You can sign in now.`,
        'success',
      );
      reloadAccounts();
      onSaved?.();
    } catch (error) {
      const fromCore = errorProblems(error);
      setSwapped(fromCore.some((p) => p.field === 'order'));
      setProblems(fromCore.filter((p) => p.field === 'apiKey' || p.field === 'apiSecret'));
      setFailure(failureOf(error, 'Saving the API key'));
    } finally {
      setSaving(false);
    }
  };
  const swapAndSave = () => {
    setKey(secret);
    setSecret(key);
    void save(secret, key);
  };

  return (
    <form
      class="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void save(key, secret);
      }}
      noValidate
      aria-label={`${account.name} API account`}
    >
      {mode === 'change' ? (
        <p>
          Enter the key and shared secret of another {account.name} API account. Scrobbletray checks
          them with {account.name} before they replace the ones in use.
        </p>
      ) : (
        <p>
          {account.name} needs an API account of your own before you can sign in.{' '}
          {account.apiAccountUrl ? (
            <>
              <a href={account.apiAccountUrl} target="_blank" rel="noopener noreferrer">
                Create one on {account.name}
              </a>{' '}
              (any name and description will do), then paste its key and shared secret here.
            </>
          ) : (
            'Paste its key and shared secret here.'
          )}
        </p>
      )}
      <div class="field-grid">
        <Field
          label="API key"
          value={key}
          onInput={(v) => {
            setKey(v);
            setProblems((ps) => ps.filter((p) => p.field !== 'apiKey'));
          }}
          problems={about(problems, 'apiKey')}
          autoComplete="off"
          required
        />
        <Field
          label="Shared secret"
          type="password"
          value={secret}
          onInput={(v) => {
            setSecret(v);
            setProblems((ps) => ps.filter((p) => p.field !== 'apiSecret'));
          }}
          problems={about(problems, 'apiSecret')}
          autoComplete="off"
          required
          hint="Kept in your system keychain, never in a file."
        />
      </div>
      <FailureNotice failure={failure} testId="api-key-failure" />
      <div class="button-row">
        {swapped ? (
          <button type="button" class="primary" disabled={saving} onClick={swapAndSave}>
            Swap them and save
          </button>
        ) : null}
        <button type="submit" class={swapped ? undefined : 'primary'} disabled={saving}>
          {saving ? `Checking with ${account.name}…` : 'Check and save API key'}
        </button>
      </div>
    </form>
  );
}

export function PasswordSignInForm({ account }: { account: AccountSummary }) {
  const { api } = useApp();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const as12 = account.protocol === 'as12';
  const signIn = async () => {
    const typed = password;
    // The password leaves the form as it is sent, whatever the answer.
    setPassword('');
    const summary = await api.account.signInWithPassword(account.service, username.trim(), typed);
    return summary.user ?? username.trim();
  };
  return (
    <SecretSignInForm
      account={account}
      label={`Sign in to ${account.name} with a password`}
      incomplete={!username.trim() || !password ? 'Fill in your user name and password.' : null}
      signIn={signIn}
      failureTestId="password-failure"
      button="Sign in with password"
      busyButton={`Signing in to ${account.name}…`}
      primary={as12}
    >
      <p class="muted">
        {as12
          ? `${account.name} checks your password at each connection. Scrobbletray keeps only a fingerprint of it (not the password) in your system keychain.`
          : `Your password goes to ${account.name} once, to get a session; Scrobbletray does not keep it.`}
      </p>
      <div class="field-grid">
        <Field label="User name" value={username} onInput={setUsername} autoComplete="username" />
        <Field
          label="Password"
          type="password"
          value={password}
          onInput={setPassword}
          autoComplete="current-password"
        />
      </div>
    </SecretSignInForm>
  );
}

/** ListenBrainz: the user token from the settings page, checked by the service when given. */
export function UserTokenForm({ account }: { account: AccountSummary }) {
  const { api } = useApp();
  const [token, setToken] = useState('');
  const page = account.tokenUrl ?? (account.custom ? null : LISTENBRAINZ_TOKEN_PAGE);
  const signIn = async () => {
    const summary = await api.account.signInWithToken(account.service, token.trim());
    setToken('');
    return summary.user ?? 'you';
  };
  return (
    <SecretSignInForm
      account={account}
      label={`Sign in to ${account.name} with your user token`}
      incomplete={token.trim() ? null : 'Paste your user token first.'}
      signIn={signIn}
      failureTestId="token-failure"
      button="Sign in with token"
      busyButton={`Checking with ${account.name}…`}
      primary
    >
      <p>
        {account.name} signs you in with your user token.{' '}
        {page ? (
          <>
            Find it on{' '}
            <a href={page} target="_blank" rel="noopener noreferrer">
              your {account.name} settings page
            </a>{' '}
            ({page.replace(/^https?:\/\//, '')}), under “User token”, and paste it here.
          </>
        ) : (
          `Find it on your ${account.name} settings page and paste it here.`
        )}
      </p>
      <Field
        label="User token"
        type="password"
        value={token}
        onInput={setToken}
        autoComplete="off"
        required
        hint="Kept in your system keychain, never in a file."
      />
    </SecretSignInForm>
  );
}

type NewProtocol = 'gnufm' | 'lastfm2' | 'as12' | 'listenbrainz';

const PROTOCOL_CHOICES: readonly {
  value: NewProtocol;
  label: string;
  address: string;
  placeholder: string;
}[] = [
  {
    value: 'gnufm',
    label: 'GNU FM, like Libre.fm (sign in in the browser)',
    address: 'The address you open the server at in a browser.',
    placeholder: 'https://gnufm.example.org',
  },
  {
    value: 'as12',
    label: 'Audioscrobbler 1.2 (user name and password)',
    address: 'The handshake address the server gives for players, e.g. https://turtle.libre.fm/.',
    placeholder: 'https://turtle.example.org/',
  },
  {
    value: 'listenbrainz',
    label: 'ListenBrainz-compatible (user token)',
    address: 'The API address, e.g. https://api.listenbrainz.org/.',
    placeholder: 'https://api.listenbrainz.example.org/',
  },
  {
    value: 'lastfm2',
    label: 'Last.fm-compatible API (needs an API key)',
    address: 'The address you open the server at in a browser.',
    placeholder: 'https://scrobbler.example.org',
  },
];

/**
 * "Add a server of your own…": a name, what it speaks and its address. The core derives the
 * API and sign-in URLs and says what to fix; its problems show under the fields they concern.
 */
export function AddServerForm({ onAdded }: { onAdded: (service: string) => void }) {
  const { api, notify, reloadAccounts } = useApp();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [protocol, setProtocol] = useState<NewProtocol>('gnufm');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<PlainFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const focusProblem = useRef(false);
  const choice = PROTOCOL_CHOICES.find((c) => c.value === protocol);

  useEffect(() => {
    if (!focusProblem.current) return;
    focusProblem.current = false;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problems]);

  /** Typing in a field takes its problem away; the others stay until the next try. */
  const edit = (field: 'name' | 'url', value: string) => {
    (field === 'name' ? setName : setUrl)(value);
    setProblems((ps) => ps.filter((p) => p.field !== field));
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const added = await api.account.addService(name, url, { protocol });
      setName('');
      setUrl('');
      setProblems([]);
      setOpen(false);
      notify(
        added.plainHttp
          ? `Added ${added.name}. Its address is plain http://, so your sign-in crosses the network readable.`
          : `Added ${added.name}. Sign in to it to start scrobbling there.`,
        added.plainHttp ? 'warning' : 'success',
      );
      reloadAccounts();
      onAdded(added.service);
    } catch (error) {
      const fromCore = errorProblems(error).filter((p) => p.field === 'name' || p.field === 'url');
      if (fromCore.length) {
        focusProblem.current = true;
        setProblems(fromCore);
      } else setFailure(failureOf(error, 'Adding the server'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details
      class="card other-ways add-server"
      open={open}
      onToggle={(e) => {
        const nowOpen = e.currentTarget.open;
        setOpen(nowOpen);
        // Opening it means the user wants to type: start in the first field.
        if (nowOpen) queueMicrotask(() => nameRef.current?.focus());
      }}
    >
      <summary>Add a server of your own…</summary>
      <form ref={form} class="stack" onSubmit={submit} noValidate aria-label="Add a server">
        <p class="muted">
          A GNU FM, Audioscrobbler or ListenBrainz server of your own or a friend’s. You sign in to
          it once it is added.
        </p>
        <div class="field">
          <label for="add-server-protocol">What the server speaks</label>
          <select
            id="add-server-protocol"
            value={protocol}
            onChange={(e) => setProtocol(e.currentTarget.value as NewProtocol)}
          >
            {PROTOCOL_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field-grid">
          <Field
            label="Name"
            value={name}
            onInput={(v) => edit('name', v)}
            problems={about(problems, 'name')}
            inputRef={nameRef}
            placeholder="Home server"
            required
          />
          <Field
            label="Server address"
            value={url}
            onInput={(v) => edit('url', v)}
            problems={about(problems, 'url')}
            placeholder={choice?.placeholder}
            autoComplete="url"
            hint={choice?.address}
            required
          />
        </div>
        <FailureNotice failure={failure} />
        <div class="button-row">
          <button type="submit" class="primary" disabled={busy}>
            Add server
          </button>
        </div>
      </form>
    </details>
  );
}
