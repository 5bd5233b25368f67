import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountSummary } from '../../shared/core-events.js';
import type { FieldProblem } from '../../shared/validation.js';
import { errorMessage, errorProblems } from '../api.js';
import { useApp } from '../app-context.js';
import { Field } from '../components/field.js';
import { ProblemAlert } from '../components/problem-alert.js';

// The forms of the account view: the API credentials (first run) and password sign-in, which
// take secrets (they go to the core in one call and are cleared from the form at once), and
// adding a self-hosted server.

export function ApiCredentialsForm({ account }: { account: AccountSummary }) {
  const { api, notify, reloadAccounts } = useApp();
  const [key, setKey] = useState('');
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!key.trim() || !secret.trim()) {
      setProblem('Fill in both the API key and the shared secret.');
      return;
    }
    setSaving(true);
    try {
      await api.account.setApiCredentials(account.service, key.trim(), secret.trim());
      setKey('');
      setSecret('');
      setProblem(null);
      notify(`Saved the API account for ${account.name}. You can sign in now.`, 'success');
      reloadAccounts();
    } catch (error) {
      setSecret('');
      setProblem(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form class="stack" onSubmit={submit} noValidate aria-label={`${account.name} API account`}>
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
      <div class="field-grid">
        <Field label="API key" value={key} onInput={setKey} autoComplete="off" required />
        <Field
          label="Shared secret"
          type="password"
          value={secret}
          onInput={setSecret}
          autoComplete="off"
          required
          hint="Kept in your system keychain, never in a file."
        />
      </div>
      <ProblemAlert message={problem} />
      <div class="button-row">
        <button type="submit" class="primary" disabled={saving}>
          Save API account
        </button>
      </div>
    </form>
  );
}

export function PasswordSignInForm({ account }: { account: AccountSummary }) {
  const { api, notify, reloadAccounts } = useApp();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setProblem('Fill in your user name and password.');
      return;
    }
    setBusy(true);
    const typed = password;
    setPassword('');
    try {
      const summary = await api.account.signInWithPassword(account.service, username.trim(), typed);
      setProblem(null);
      notify(`Signed in to ${account.name} as ${summary.user ?? username.trim()}.`, 'success');
      reloadAccounts();
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="stack"
      onSubmit={submit}
      noValidate
      aria-label={`Sign in to ${account.name} with a password`}
    >
      <p class="muted">
        Your password goes to {account.name} once, to get a session; Scrobbletray does not keep it.
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
      <ProblemAlert message={problem} />
      <div class="button-row">
        <button type="submit" disabled={busy}>
          Sign in with password
        </button>
      </div>
    </form>
  );
}

/**
 * "Add a self-hosted server (GNU FM)…": a name and the server's address. The core derives the
 * API and sign-in URLs and says what to fix; its problems show under the fields they concern.
 */
export function AddServerForm({ onAdded }: { onAdded: (service: string) => void }) {
  const { api, notify, reloadAccounts } = useApp();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const focusProblem = useRef(false);

  useEffect(() => {
    if (!focusProblem.current) return;
    focusProblem.current = false;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problems]);

  const about = (field: string) => problems.filter((p) => p.field === field).map((p) => p.message);
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
      const added = await api.account.addService(name, url);
      setName('');
      setUrl('');
      setProblems([]);
      setOpen(false);
      notify(
        added.plainHttp
          ? `Added ${added.name}. Its address is plain http://, so password sign-in is off for it.`
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
      } else setFailure(errorMessage(error));
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
      <summary>Add a self-hosted server (GNU FM)…</summary>
      <form ref={form} class="stack" onSubmit={submit} noValidate aria-label="Add a server">
        <p class="muted">
          A GNU FM server of your own or a friend’s. Scrobbletray finds its API (…/2.0/) and sign-in
          page (…/api/auth/) under the address; you sign in once it is added.
        </p>
        <div class="field-grid">
          <Field
            label="Name"
            value={name}
            onInput={(v) => edit('name', v)}
            problems={about('name')}
            inputRef={nameRef}
            placeholder="Home GNU FM"
            required
          />
          <Field
            label="Server address"
            value={url}
            onInput={(v) => edit('url', v)}
            problems={about('url')}
            placeholder="https://gnufm.example.org"
            autoComplete="url"
            hint="The address you open the server at in a browser."
            required
          />
        </div>
        <ProblemAlert message={failure} />
        <div class="button-row">
          <button type="submit" class="primary" disabled={busy}>
            Add server
          </button>
        </div>
      </form>
    </details>
  );
}
