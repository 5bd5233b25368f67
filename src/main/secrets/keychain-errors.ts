// Turns keytar's raw failures into KeychainUnavailableError with a message a user can act
// on. keytar on Linux passes libsecret/D-Bus error text straight through; the patterns below
// are the texts seen on Debian 12 with and without a running, unlocked gnome-keyring.
import { KeychainUnavailableError } from './secret-store.js';
import type { KeychainProblem } from './secret-store.js';

const NO_PLAINTEXT = 'Scrobbletray will not store the key in plain text.';

const INSTALL_KEYCHAIN =
  'Install and unlock a Secret Service keychain: GNOME Keyring (on Debian or Ubuntu: ' +
  '`sudo apt-get install gnome-keyring`) or KeePassXC with its Secret Service integration ' +
  'turned on, then try again.';

// No D-Bus session bus, or a bus on which nothing provides org.freedesktop.secrets.
const NO_SERVICE =
  /Cannot autolaunch D-Bus|org\.freedesktop\.secrets was not provided|Could not connect|Failed to connect to socket|ServiceUnknown|DBUS_SESSION_BUS_ADDRESS/i;
// A Secret Service answers but its default collection is locked, missing, or the unlock
// prompt could not be shown or was dismissed.
const LOCKED = /Object does not exist at path|locked|No such secret collection|prompt/i;
const LIBSECRET_MISSING = /libsecret|cannot open shared object file/i;

const MAX_DETAIL = 300;

function rawMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : 'unknown error';
}

/** The library's text, cut short and with the secret removed should it ever appear there. */
function safeDetail(err: unknown, secret: string | undefined): string {
  let text = rawMessage(err);
  if (secret !== undefined && secret.length > 0) text = text.split(secret).join('[redacted]');
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
}

function make(problem: KeychainProblem, summary: string, detail: string): KeychainUnavailableError {
  return new KeychainUnavailableError(problem, `${summary} (Details: ${detail})`, detail);
}

/** The keytar module (or the libsecret it links against) could not be loaded. */
export function keychainLoadError(err: unknown): KeychainUnavailableError {
  const detail = safeDetail(err, undefined);
  const code = (err as { code?: unknown } | null)?.code;
  if (LIBSECRET_MISSING.test(detail)) {
    return make(
      'library-missing',
      'The system keychain library (libsecret) is not installed, so Scrobbletray cannot keep ' +
        'your sign-in safe. Install it (on Debian or Ubuntu: `sudo apt-get install libsecret-1-0`) ' +
        `and restart Scrobbletray. ${NO_PLAINTEXT}`,
      detail,
    );
  }
  if (code === 'MODULE_NOT_FOUND') {
    return make(
      'library-missing',
      `Scrobbletray's keychain module (keytar) is missing from this installation. ` +
        `Reinstall Scrobbletray. ${NO_PLAINTEXT}`,
      detail,
    );
  }
  return make(
    'library-missing',
    `Scrobbletray's keychain module (keytar) could not be loaded. Check that libsecret is ` +
      'installed (on Debian or Ubuntu: `sudo apt-get install libsecret-1-0`) or reinstall ' +
      `Scrobbletray. ${NO_PLAINTEXT}`,
    detail,
  );
}

/**
 * A keytar call failed. `secret` is the value being stored, if any: it is scrubbed from the
 * library's text so it can never reach a message or log.
 */
export function keychainCallError(err: unknown, secret?: string): KeychainUnavailableError {
  const detail = safeDetail(err, secret);
  if (NO_SERVICE.test(detail)) {
    return make(
      'no-secret-service',
      `No Secret Service keychain is reachable. ${INSTALL_KEYCHAIN} ${NO_PLAINTEXT}`,
      detail,
    );
  }
  if (LOCKED.test(detail)) {
    return make(
      'locked',
      'No unlocked Secret Service keychain is reachable: the keychain is locked or has no ' +
        'default ("login") keyring. Unlock it (for example in "Passwords and Keys" or ' +
        `KeePassXC), or ${INSTALL_KEYCHAIN.charAt(0).toLowerCase()}${INSTALL_KEYCHAIN.slice(1)} ` +
        NO_PLAINTEXT,
      detail,
    );
  }
  return make(
    'failed',
    'The system keychain refused the request. Check that your keychain is unlocked and ' +
      `working, then try again. ${NO_PLAINTEXT}`,
    detail,
  );
}
