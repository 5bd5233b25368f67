import { useEffect, useState } from 'preact/hooks';
import {
  SOUNDCLOUD_METHOD_NAMES,
  type SoundCloudMethod,
  type SoundCloudStatus,
} from '../../shared/soundcloud.js';
import { errorMessage } from '../api.js';
import { useApp } from '../app-context.js';
import { useCoreEvent } from '../hooks/use-core-event.js';
import { Field } from './field.js';
import { ProblemAlert } from './problem-alert.js';

// The SoundCloud account on the Account view: connect (OAuth 2.1 with PKCE, today's
// SoundCloud; OAuth 1.0a one disclosure away), who is connected, disconnect. SoundCloud is
// where likes and link details come from; scrobbles never go there. The approval page opens
// in the browser and the core catches the return; the card follows the core's events.

interface Pending {
  method: SoundCloudMethod;
  url: string;
}

export function SoundCloudCard() {
  const { api, notify, confirm } = useApp();
  const [status, setStatus] = useState<SoundCloudStatus | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = () => {
    api.soundcloud.status().then(setStatus, (e: unknown) => setError(errorMessage(e)));
  };
  useEffect(reload, [api]);
  useCoreEvent((event) => {
    if (event.type === 'account-changed' && event.target === 'soundcloud') {
      setPending(null);
      reload();
    }
    if (event.type === 'sign-in-failed' && event.target === 'soundcloud') {
      setPending(null);
      setError(`Sign-in failed: ${event.message}`);
    }
  });

  const connect = async (method: SoundCloudMethod) => {
    setError(null);
    try {
      const { url } = await api.soundcloud.connect(method);
      setPending({ method, url });
      // In Electron the main process routes this to the system browser.
      window.open(url, '_blank', 'noopener');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const cancel = async () => {
    setPending(null);
    try {
      await api.soundcloud.cancelConnect();
    } catch {
      // Nothing was waiting any more: the card is already right.
    }
  };
  const disconnect = async () => {
    const ok = await confirm({
      title: 'Disconnect SoundCloud?',
      message:
        'Scrobbletray forgets the SoundCloud sign-in (it leaves the keychain). Your scrobbles and history stay; links are then read without your account.',
      confirmLabel: 'Disconnect',
      danger: true,
    });
    if (!ok) return;
    setError(null);
    try {
      setStatus(await api.soundcloud.disconnect());
      notify('Disconnected from SoundCloud.');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <article class="card" aria-labelledby="account-soundcloud" data-service="soundcloud">
      <h2 id="account-soundcloud">SoundCloud</h2>
      {status === null ? <p class="muted">Loading…</p> : <SoundCloudState status={status} />}
      {status === null ? null : !status.hasApp ? (
        <AppCredentialsForm onSaved={setStatus} onError={setError} />
      ) : pending ? (
        <div class="stack pending" role="status">
          <p>
            Approve Scrobbletray on the SoundCloud page that just opened (
            {SOUNDCLOUD_METHOD_NAMES[pending.method]}); this window updates by itself. If no page
            opened,{' '}
            <a href={pending.url} target="_blank" rel="noopener noreferrer">
              open the SoundCloud sign-in page
            </a>
            .
          </p>
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
            <button type="button" class="primary" onClick={() => void connect('oauth2')}>
              {status.user ? 'Connect SoundCloud again' : 'Connect SoundCloud'}
            </button>
            {status.user ? (
              <button type="button" class="danger-outline" onClick={() => void disconnect()}>
                Disconnect
              </button>
            ) : null}
          </div>
          <details class="other-ways">
            <summary>Other ways to connect</summary>
            <div class="stack">
              <p class="muted">
                The button above uses OAuth 2.1, as SoundCloud does today. A server that still
                speaks OAuth 1.0a (with its callback confirmation) can be connected this way:
              </p>
              <div class="button-row">
                <button type="button" onClick={() => void connect('oauth1')}>
                  Connect with OAuth 1.0a
                </button>
              </div>
            </div>
          </details>
        </>
      )}
      <ProblemAlert message={error} />
    </article>
  );
}

function SoundCloudState({ status }: { status: SoundCloudStatus }) {
  if (status.user === null) {
    return (
      <p class="muted" data-testid="soundcloud-status">
        Not connected. Connect to pick tracks to scrobble from your likes, and to read SoundCloud
        links with the label’s artist, album and length.
      </p>
    );
  }
  const how = status.method ? ` (${SOUNDCLOUD_METHOD_NAMES[status.method]})` : '';
  return (
    <>
      <p data-testid="soundcloud-status">
        Connected as <strong>{status.user}</strong>
        {how}
        {status.signedInAt ? `, since ${new Date(status.signedInAt).toLocaleString()}` : ''}.
      </p>
      {status.needsSignIn ? (
        <p class="banner warning">
          <span>
            <strong>Connect again:</strong> SoundCloud no longer accepts the saved sign-in, or it is
            missing from the keychain.
          </span>
        </p>
      ) : null}
    </>
  );
}

/** The app's client id and secret, when neither the environment nor an earlier run gave them. */
function AppCredentialsForm({
  onSaved,
  onError,
}: {
  onSaved: (status: SoundCloudStatus) => void;
  onError: (message: string | null) => void;
}) {
  const { api } = useApp();
  const [key, setKey] = useState('');
  const [secret, setSecret] = useState('');
  const [saving, setSaving] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    onError(null);
    try {
      onSaved(await api.soundcloud.setApp(key, secret));
      setSecret('');
    } catch (err) {
      onError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form class="stack" onSubmit={submit} aria-label="SoundCloud app credentials">
      <p class="muted">
        Connecting needs a SoundCloud app of your own: create one at soundcloud.com/you/apps and
        enter its client id and secret. The secret is kept in the system keychain.
      </p>
      <Field label="Client id" value={key} onInput={setKey} required />
      <Field label="Client secret" type="password" value={secret} onInput={setSecret} required />
      <div class="button-row">
        <button type="submit" class="primary" disabled={saving}>
          Save
        </button>
      </div>
    </form>
  );
}
