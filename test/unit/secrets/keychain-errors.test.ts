// The raw texts below are what keytar/libsecret/Node actually produced on Debian 12.
import { describe, expect, it } from 'vitest';
import { keychainCallError, keychainLoadError } from '../../../src/main/secrets/keychain-errors.js';
import { KeychainUnavailableError } from '../../../src/main/secrets/secret-store.js';

const NO_BUS = 'Cannot autolaunch D-Bus without X11 $DISPLAY';
const BAD_SOCKET = 'Could not connect: No such file or directory';
const NO_PROVIDER = 'The name org.freedesktop.secrets was not provided by any .service files';
const LOCKED = 'Object does not exist at path “/org/freedesktop/secrets/collection/login”';

describe('keychainCallError', () => {
  it.each([NO_BUS, BAD_SOCKET, NO_PROVIDER])(
    'explains a missing Secret Service and how to get one: %s',
    (raw) => {
      const err = keychainCallError(new Error(raw));
      expect(err).toBeInstanceOf(KeychainUnavailableError);
      expect(err.problem).toBe('no-secret-service');
      expect(err.message).toMatch(/No Secret Service keychain is reachable/);
      expect(err.message).toContain('sudo apt-get install gnome-keyring');
      expect(err.message).toContain('KeePassXC');
      expect(err.message).toContain('will not store the key in plain text');
      expect(err.detail).toBe(raw);
    },
  );

  it('explains a locked or missing login keyring', () => {
    const err = keychainCallError(new Error(LOCKED));
    expect(err.problem).toBe('locked');
    expect(err.message).toMatch(/locked or has no default \("login"\) keyring/);
    expect(err.message).toMatch(/Unlock it/);
    expect(err.message).toContain('sudo apt-get install gnome-keyring');
    expect(err.message).toContain('will not store the key in plain text');
  });

  it('gives a generic but actionable message for anything else', () => {
    const err = keychainCallError(new Error('Something unexpected happened'));
    expect(err.problem).toBe('failed');
    expect(err.message).toMatch(/keychain refused the request/);
    expect(err.message).toContain('Something unexpected happened');
  });

  it('never lets the secret reach the message, even if the library echoed it', () => {
    const secret = 'f00dfeedcafe1234';
    const err = keychainCallError(new Error(`Could not connect while storing ${secret}`), secret);
    expect(err.message).not.toContain(secret);
    expect(err.detail).not.toContain(secret);
    expect(err.message).toContain('[redacted]');
  });

  it('handles non-Error throwables and very long texts', () => {
    expect(keychainCallError('Could not connect').problem).toBe('no-secret-service');
    expect(keychainCallError(undefined).problem).toBe('failed');
    expect(keychainCallError(new Error('x'.repeat(5000))).detail.length).toBeLessThan(400);
  });
});

describe('keychainLoadError', () => {
  it('tells the user to install libsecret when the shared library is missing', () => {
    const raw = Object.assign(
      new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory'),
      { code: 'ERR_DLOPEN_FAILED' },
    );
    const err = keychainLoadError(raw);
    expect(err.problem).toBe('library-missing');
    expect(err.message).toContain('sudo apt-get install libsecret-1-0');
    expect(err.message).toContain('will not store the key in plain text');
  });

  it('tells the user to reinstall when keytar itself is missing', () => {
    const raw = Object.assign(new Error("Cannot find module 'keytar'"), {
      code: 'MODULE_NOT_FOUND',
    });
    const err = keychainLoadError(raw);
    expect(err.problem).toBe('library-missing');
    expect(err.message).toMatch(/Reinstall Scrobbletray/);
  });
});
