import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../../src/main/core.js';
import { runCli } from '../../../src/main/cli/run-cli.js';
import { runWatch, watchCommand } from '../../../src/main/cli/watch-command.js';
import { makeTone, startMpv } from '../../support/mpris/mpv.js';
import { startPrivateBus, type PrivateBus } from '../../support/mpris/private-bus.js';
import { tempDir } from '../../support/temp-dir.js';

// `scrobbletray watch --json` end to end: a real mpv on a private bus, the real core over a
// temp data dir (SQLite queue), run through the CLI runner. The thresholds are shortened
// (3 s of play) so the test takes seconds; the command stops when the test says so instead
// of on Ctrl+C.

let bus: PrivateBus;
let dir: { path: string; cleanup: () => void };
let tone: string;

beforeAll(async () => {
  bus = await startPrivateBus();
  dir = tempDir('scrobbletray-watch-');
  tone = await makeTone(dir.path, 'tone.ogg', {
    artist: 'Watch Artist',
    title: 'Watch Song',
    album: 'Watch Album',
    seconds: 8,
  });
});

afterAll(async () => {
  await bus?.stop();
  dir?.cleanup();
});

describe('scrobbletray watch', () => {
  it('prints one JSON object per line and queues what it scrobbles', async () => {
    const dataDir = `${dir.path}/data`;
    const env = {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: bus.address,
      SCROBBLETRAY_DATA_DIR: dataDir,
    };
    let stdout = '';
    let stop: () => void = () => {};
    const until = new Promise<void>((r) => (stop = r));
    const command = {
      ...watchCommand,
      run: (args: string[], ctx: Parameters<typeof watchCommand.run>[1]) =>
        runWatch(args, ctx, { until, rules: { minLengthMs: 2_000, maxPlayMs: 3_000 } }),
    };
    const exit = runCli(
      ['watch', '--json'],
      {
        stdout: (t) => void (stdout += t),
        stderr: () => {},
        readStdin: async () => null,
        env,
      },
      [command],
    );
    const mpv = await startMpv(bus.address, [tone]);
    const deadline = Date.now() + 15_000;
    while (!stdout.includes('"scrobbled"') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await mpv.stop();
    await new Promise((r) => setTimeout(r, 500));
    stop();
    expect(await exit).toBe(0);

    const lines = stdout.trim().split('\n');
    const events = lines.map((line) => JSON.parse(line) as { event: string; queued?: unknown });
    expect(events.map((e) => e.event)).toEqual([
      'player-seen',
      'now-playing',
      'scrobbled',
      'player-gone',
    ]);
    const scrobbled = events[2] as unknown as {
      scrobble: { artist: string; track: string };
      queued: { ok: boolean; ids: number[] };
    };
    expect(scrobbled.scrobble).toMatchObject({ artist: 'Watch Artist', track: 'Watch Song' });
    expect(scrobbled.queued.ok).toBe(true);

    // The scrobble is in the queue, from source `player`.
    const core = new Core({ dataDir, env });
    try {
      const page = core.queue.list({ states: ['queued', 'retrying', 'failed'] });
      expect(page.items.map((i) => [i.artist, i.track])).toEqual([['Watch Artist', 'Watch Song']]);
      expect(page.items[0]!.id).toBe(scrobbled.queued.ids[0]);
    } finally {
      await core.close();
    }
  }, 40_000);

  it('says plainly when there is no session bus', async () => {
    let stderr = '';
    const code = await runCli(
      ['watch'],
      {
        stdout: () => {},
        stderr: (t) => void (stderr += t),
        readStdin: async () => null,
        env: {
          ...process.env,
          DBUS_SESSION_BUS_ADDRESS: '',
          SCROBBLETRAY_DATA_DIR: `${dir.path}/d2`,
        },
      },
      [watchCommand],
    );
    expect(code).toBe(1);
    expect(stderr).toContain('cannot watch players: No D-Bus session bus');
  });

  it('refuses options it does not know', async () => {
    let stderr = '';
    const code = await runCli(
      ['watch', '--bogus'],
      { stdout: () => {}, stderr: (t) => void (stderr += t), readStdin: async () => null, env: {} },
      [watchCommand],
    );
    expect(code).toBe(2);
    expect(stderr).toContain('usage: scrobbletray watch [--json]');
  });
});
