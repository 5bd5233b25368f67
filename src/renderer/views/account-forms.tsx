import { useState } from 'preact/hooks';
import type { AccountSummary } from '../../shared/core-events.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';
import { Field } from '../components/field.js';

// The two forms of the account view that take secrets: the API credentials (first run) and
// password sign-in. Secrets go to the core in one call and are cleared from the form at once.

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
      {problem ? (
        <p class="problem" role="alert">
          {problem}
        </p>
      ) : null}
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
      {problem ? (
        <p class="problem" role="alert">
          {problem}
        </p>
      ) : null}
      <div class="button-row">
        <button type="submit" disabled={busy}>
          Sign in with password
        </button>
      </div>
    </form>
  );
}
