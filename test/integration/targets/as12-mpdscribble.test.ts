// Cross-check of the fake Audioscrobbler 1.2 server with an independent client: Debian's
// mpdscribble (installed with `apt-get install mpdscribble`; the test is skipped without it)
// handshakes with a clear-text password and submits a play from its journal. The fake, in
// its strict mode, must accept exactly what a real 1.2 client sends, so the fake is not just
// tailored to our own client. No MPD runs: mpdscribble sends its journal regardless.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { As12Client, md5Hex } from '../../../src/main/targets/as12/index.js';
import { startFakeAs12 } from '../../support/fake-as12/index.js';
import type { FakeAs12 } from '../../support/fake-as12/index.js';
import { tempDir } from '../../support/temp-dir.js';

const installed = spawnSync('mpdscribble', ['--version']).status === 0;
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for mpdscribble');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!installed)('mpdscribble (an independent 1.2 client) against the fake', () => {
  it('handshakes, submits its journal, and the play is stored once next to ours', async () => {
    const fake: FakeAs12 = await startFakeAs12({ users: { alice: 'alice-password' } });
    cleanups.push(() => fake.close());
    const temp = tempDir('mpdscribble-');
    cleanups.push(temp.cleanup);
    const dir = temp.path;
    const playedAt = Math.floor(Date.now() / 1000) - 3600;
    writeFileSync(
      join(dir, 'journal'),
      `a = Scribble Artist\nt = Scribble Track\nb = Scribble Album\nm = \ni = ${playedAt}\nl = 200\no = P\n\n`,
    );
    // Port 1: no MPD there, which mpdscribble only logs.
    writeFileSync(
      join(dir, 'conf'),
      [
        '[mpdscribble]',
        'host = 127.0.0.1',
        'port = 1',
        'verbose = 2',
        `log = ${join(dir, 'log')}`,
        `url = ${fake.handshakeUrl}`,
        'username = alice',
        'password = alice-password',
        `journal = ${join(dir, 'journal')}`,
        '',
      ].join('\n'),
    );
    const child: ChildProcess = spawn('mpdscribble', ['--no-daemon', '--conf', join(dir, 'conf')], {
      stdio: 'ignore',
    });
    cleanups.push(() => void child.kill());

    await until(() => fake.scrobbles.length > 0, 15_000);
    expect(fake.handshakes[0]).toMatchObject({ user: 'alice', client: 'mdc', reply: 'OK' });
    expect(fake.actions.filter((a) => a.route === 'submission').map((a) => a.reply)).toEqual([
      'OK',
    ]);
    expect(fake.scrobbles).toMatchObject([
      {
        user: 'alice',
        artist: 'Scribble Artist',
        track: 'Scribble Track',
        album: 'Scribble Album',
        timestamp: playedAt,
        source: 'P',
        length: 200,
      },
    ]);

    // Our client on the same server and account: its own session, both plays kept.
    const ours = new As12Client({
      handshakeUrl: fake.handshakeUrl,
      credentials: () => ({
        kind: 'password',
        user: 'alice',
        passwordMd5: md5Hex('alice-password'),
      }),
      clientVersion: '0.1.0',
    });
    cleanups.push(() => ours.close());
    await ours.scrobble([{ artist: 'Our Artist', track: 'Our Track', timestamp: playedAt + 300 }]);
    expect(fake.scrobbles.map((s) => s.track)).toEqual(['Scribble Track', 'Our Track']);
  });
});
