// The keytar-backed SecretStore against a real gnome-keyring. Run only through
// scripts/with-keyring.sh, which starts a private D-Bus session and a throwaway, unlocked
// keyring, so these tests never read or write the developer's own keychain.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sessionAccount } from '../../src/main/secrets/accounts.js';
import { createKeytarStore } from '../../src/main/secrets/keytar-store.js';
import { describeSecretStoreContract } from '../support/secret-store-contract.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROBE = fileURLToPath(new URL('./fixtures/keychain-probe.ts', import.meta.url));
const HOW_TO_RUN =
  'sh scripts/with-keyring.sh npx vitest run --project integration test/integration/keychain.test.ts';

const runId = randomBytes(4).toString('hex');
let counter = 0;
const newAccount = (hint: string): string =>
  sessionAccount('test', `${hint}-${runId}-${++counter}`);

interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd: ROOT, env, timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      if (err && code === -1) reject(err);
      else resolve({ code, stdout, stderr });
    });
  });
}

/** What the keyring itself holds, asked through libsecret's own CLI rather than keytar. */
async function lookupWithSecretTool(account: string): Promise<string | null> {
  const { code, stdout, stderr } = await run('secret-tool', [
    'lookup',
    'service',
    'scrobbletray',
    'account',
    account,
  ]);
  if (code === 1 && stdout === '') return null; // secret-tool's "no such item"
  if (code !== 0) throw new Error(`secret-tool lookup failed (${code}): ${stderr}`);
  return stdout;
}

interface ProbeResult {
  ok: boolean;
  value?: unknown;
  name?: string;
  isKeychainError?: boolean;
  problem?: string;
  message?: string;
}

function parseProbe(result: ExecResult): ProbeResult {
  const line = result.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as ProbeResult;
  } catch {
    throw new Error(`probe printed no result (exit ${result.code}): ${result.stderr}`);
  }
}

beforeAll(async () => {
  if (process.env.SCROBBLETRAY_KEYRING_READY !== '1') {
    throw new Error(
      `Keychain tests need a throwaway unlocked gnome-keyring and refuse to touch your own ` +
        `keychain. Run them as: ${HOW_TO_RUN}`,
    );
  }
  const store = createKeytarStore();
  const probe = newAccount('probe');
  try {
    await store.set(probe, 'probe');
    await store.delete(probe);
  } catch (err) {
    throw new Error(
      `The keychain is not usable (${(err as Error).message}). Run these tests as: ${HOW_TO_RUN}`,
      { cause: err },
    );
  }
});

describeSecretStoreContract('keytar store on gnome-keyring', () => createKeytarStore(), newAccount);

describe('keytar store, checked with secret-tool', () => {
  const store = createKeytarStore();

  it('really puts the secret in the keyring under service "scrobbletray"', async () => {
    const account = newAccount('visible');
    await store.set(account, 'a1b2c3d4e5f6');
    expect(await lookupWithSecretTool(account)).toBe('a1b2c3d4e5f6');
    await store.delete(account);
    expect(await lookupWithSecretTool(account)).toBeNull();
  });

  it('replaces the keyring item on overwrite instead of adding a second one', async () => {
    const account = newAccount('replace');
    await store.set(account, 'old-key');
    await store.set(account, 'new-key');
    expect(await lookupWithSecretTool(account)).toBe('new-key');
    expect(await store.delete(account)).toBe(true);
    // A leftover duplicate would still be found here.
    expect(await lookupWithSecretTool(account)).toBeNull();
    expect(await store.delete(account)).toBe(false);
  });

  it('stores unicode as UTF-8 that other Secret Service clients read the same way', async () => {
    const account = newAccount('utf8');
    const secret = 'пароль-🔑-秘密';
    await store.set(account, secret);
    expect(await lookupWithSecretTool(account)).toBe(secret);
    await store.delete(account);
  });

  it('leaves other accounts alone when one is deleted', async () => {
    const alice = newAccount('alice');
    const bob = newAccount('bob');
    await store.set(alice, 'alice-key');
    await store.set(bob, 'bob-key');
    await store.delete(alice);
    expect(await lookupWithSecretTool(alice)).toBeNull();
    expect(await lookupWithSecretTool(bob)).toBe('bob-key');
    await store.delete(bob);
  });

  it('uses the service name it was given', async () => {
    const other = createKeytarStore({ service: `scrobbletray-test-${runId}` });
    const account = newAccount('service');
    await other.set(account, 'elsewhere');
    expect(await lookupWithSecretTool(account)).toBeNull();
    expect(await other.get(account)).toBe('elsewhere');
    expect(await store.get(account)).toBeNull();
    await other.delete(account);
  });
});

describe('when no keychain can be used', () => {
  const secret = `probe-secret-${randomBytes(6).toString('hex')}`;
  const account = 'session:lastfm:probe';

  it.each(['get', 'set', 'delete'])(
    '%s fails with a message naming the fix when no Secret Service is reachable',
    async (op) => {
      const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };
      const raw = await run(process.execPath, ['--import', 'tsx', PROBE, op, account, secret], env);
      const result = parseProbe(raw);
      expect(result.ok).toBe(false);
      expect(result.isKeychainError).toBe(true);
      expect(result.name).toBe('KeychainUnavailableError');
      expect(result.problem).toBe('no-secret-service');
      expect(result.message).toMatch(/No Secret Service keychain is reachable/);
      expect(result.message).toContain('sudo apt-get install gnome-keyring');
      expect(result.message).toContain('will not store the key in plain text');
      expect(raw.stdout + raw.stderr).not.toContain(secret);
    },
  );

  it('explains a keychain without an unlocked login keyring, and writes no file', async () => {
    // A fresh D-Bus session: D-Bus starts gnome-keyring on demand, but nobody has created or
    // unlocked a login keyring and no prompt can be shown. That is a locked desktop keyring.
    const home = await mkdtemp(join(tmpdir(), 'scrobbletray-locked-'));
    try {
      await mkdir(join(home, 'runtime'));
      await chmod(join(home, 'runtime'), 0o700);
      const env = {
        ...process.env,
        XDG_DATA_HOME: join(home, 'data'),
        XDG_CONFIG_HOME: join(home, 'config'),
        XDG_CACHE_HOME: join(home, 'cache'),
        XDG_RUNTIME_DIR: join(home, 'runtime'),
      };
      const raw = await run(
        'dbus-run-session',
        ['--', process.execPath, '--import', 'tsx', PROBE, 'set', account, secret],
        env,
      );
      const result = parseProbe(raw);
      expect(result.ok).toBe(false);
      expect(result.problem).toBe('locked');
      expect(result.message).toMatch(/No unlocked Secret Service keychain is reachable/);
      expect(result.message).toMatch(/Unlock it/);
      expect(result.message).not.toContain(secret);
      // No plain-text fallback: the secret is in no file the attempt created.
      for (const file of await listFiles(home)) {
        expect(await readFile(file, 'latin1')).not.toContain(secret);
      }
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('imports fine without libsecret and says to install it on first use', async () => {
    // libsecret cannot be uninstalled for a test, so shadow it with an unloadable file of the
    // same name on LD_LIBRARY_PATH: the dynamic loader then fails exactly as when it is absent.
    const libDir = await mkdtemp(join(tmpdir(), 'scrobbletray-nolibsecret-'));
    try {
      await writeFile(join(libDir, 'libsecret-1.so.0'), '');
      const env = { ...process.env, LD_LIBRARY_PATH: libDir };
      const result = parseProbe(
        await run(process.execPath, ['--import', 'tsx', PROBE, 'get', account], env),
      );
      expect(result.ok).toBe(false);
      expect(result.problem).toBe('library-missing');
      expect(result.message).toContain('sudo apt-get install libsecret-1-0');
    } finally {
      await rm(libDir, { recursive: true, force: true });
    }
  });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}
