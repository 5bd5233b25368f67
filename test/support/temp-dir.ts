import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder for one test's data; remove it with the returned cleanup. */
export function tempDir(prefix = 'scrobbletray-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Every file under `dir` that contains any of `secrets` (as UTF-8 bytes), with the secret
 * found. Used to prove session keys, API secrets and passwords never reach the data dir.
 */
export function filesContainingSecrets(dir: string, secrets: readonly string[]): string[] {
  const hits: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const bytes = readFileSync(full);
        for (const secret of secrets) {
          if (secret && bytes.includes(Buffer.from(secret, 'utf8')))
            hits.push(`${full} contains ${secret.slice(0, 4)}…`);
        }
      }
    }
  };
  walk(dir);
  return hits;
}
