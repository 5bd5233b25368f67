import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { AccountSummary } from '../../shared/core-events.js';
import { useApp } from '../app-context.js';
import { FailureNotice } from '../components/failure-notice.js';
import { failureOf } from '../hooks/use-account-actions.js';
import type { PlainFailure } from '../lib/plain-failure.js';

// The frame of a sign-in that takes a secret (a password, a user token): one call to the core,
// a greeting with the user's name when it works, the failure in plain words when it does not,
// and a submit button that says it is busy meanwhile. Each form brings its words and fields.

interface SecretSignInFormProps {
  account: AccountSummary;
  /** The form's accessible name. */
  label: string;
  /** What to fill in first, said instead of signing in; null once the form is complete. */
  incomplete: string | null;
  /** Signs in and gives the name to greet the user by. */
  signIn: () => Promise<string>;
  failureTestId: string;
  button: string;
  busyButton: string;
  primary: boolean;
  children: ComponentChildren;
}

export function SecretSignInForm(props: SecretSignInFormProps) {
  const { account } = props;
  const { notify, reloadAccounts } = useApp();
  const [failure, setFailure] = useState<PlainFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (props.incomplete) {
      setFailure({ text: props.incomplete, details: null });
      return;
    }
    setBusy(true);
    try {
      const user = await props.signIn();
      setFailure(null);
      notify(`Signed in to ${account.name} as ${user}.`, 'success');
      reloadAccounts();
    } catch (error) {
      setFailure(failureOf(error, `Signing in to ${account.name}`));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="stack" onSubmit={submit} noValidate aria-label={props.label}>
      {props.children}
      <FailureNotice failure={failure} testId={props.failureTestId} />
      <div class="button-row">
        <button type="submit" class={props.primary ? 'primary' : undefined} disabled={busy}>
          {busy ? props.busyButton : props.button}
        </button>
      </div>
    </form>
  );
}
