// `scrobbletray serve` with its data dir on a disk that fills up while a scrobble is in flight:
// a real child process, the fake Last.fm, the real keychain, and a real full file system (a
// 4 MB tmpfs, which needs root to mount; skipped otherwise, saying so). Nobody waits on the
// automatic send, so its failure must reach serve's log in words; and once there is room
// again the scrobble is settled from what Last.fm recorded: accepted once, never sent twice.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, rmdirSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliProcess } from '../support/cli.js';
import { recorded } from '../support/cli-queue.js';
import { startFakeLastfm, type FakeLastfm } from '../support/fake-lastfm/index.js';
import { apiCall, bearer } from '../support/headless-client.js';
import { cliEnv, uniqueUser, until } from '../support/sign-in.js';

const isRoot = process.getuid?.() === 0;
const ADDRESS = /Scrobbletray is running at http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]+)\n/;

/** Writes until the file system refuses: the disk is full. */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

let fake: FakeLastfm;
let mount: string;

beforeAll(async () => {
  fake = await startFakeLastfm();
  if (!isRoot) return;
  mount = mkdtempSync(join(tmpdir(), 'scrobbletray-full-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', mount]);
});
afterAll(async () => {
  await fake.close();
  if (!isRoot) return;
  execFileSync('umount', [mount]);
  rmdirSync(mount);
});

describe.skipIf(!isRoot)('serve on a full disk (needs root to mount a small tmpfs)', () => {
  it('logs the failed automatic send in words, and settles the scrobble once there is room', async () => {
    const user = uniqueUser('full-disk');
    fake.addUser(user, 'pw-full-disk');
    const env = cliEnv(fake, join(mount, 'data'));
    const login = await cli(['login', '--method', 'password', '--username', user], {
      ...env,
      SCROBBLETRAY_PASSWORD: 'pw-full-disk',
    });
    expect(login.code, login.stderr).toBe(0);

    const serve = cliProcess(['serve', '--port', '0'], env);
    const filler = join(mount, 'filler');
    try {
      const [, port, token] = await serve.waitFor(ADDRESS);
      // Last.fm records the scrobble at once but answers 3 s later: the disk fills meanwhile.
      fake.injectFault({ kind: 'delay', ms: 3000 }, { method: 'track.scrobble' });
      const queued = await apiCall(
        Number(port),
        'queue.enqueue',
        {
          items: [
            {
              artist: 'Grouper',
              track: 'Heavy Water',
              timestamp: Math.floor(Date.now() / 1000) - 60,
            },
          ],
          source: 'manual',
        },
        bearer(token!),
      );
      expect(queued.status).toBe(200);
      await until(() => recorded(fake, user, 'Heavy Water').length === 1, 'the request to arrive');
      fillDisk(filler);

      const [line] = await serve.waitFor(/Sending to lastfm failed and will be tried again: .*\n/);
      expect(line).toMatch(/The disk holding .*scrobbles\.sqlite is full: free some space/);
      expect(line).not.toMatch(/\n\s+at /);

      // Room again; the user's "Send now" settles it from Last.fm's own record.
      rmSync(filler);
      const sent = await apiCall(Number(port), 'queue.sendNow', {}, bearer(token!));
      expect(sent.status).toBe(200);
      const list = await apiCall(
        Number(port),
        'queue.list',
        { states: ['accepted'] },
        bearer(token!),
      );
      expect(list.json()).toMatchObject({
        ok: true,
        result: { items: [expect.objectContaining({ track: 'Heavy Water', state: 'accepted' })] },
      });
      expect(recorded(fake, user, 'Heavy Water')).toHaveLength(1);
    } finally {
      serve.kill('SIGTERM');
      await serve.done;
      rmSync(filler, { force: true });
      await cli(['logout'], env);
    }
  });
});
