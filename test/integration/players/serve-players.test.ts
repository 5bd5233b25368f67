import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../../src/main/core.js';
import { runCli } from '../../../src/main/cli/run-cli.js';
import { runServe, serveCommand } from '../../../src/main/cli/serve-command.js';
import { platformFeed } from '../../../src/main/sources/players/platform-feed.js';
import type { CurrentPlay, PlayerSummary } from '../../../src/shared/players.js';
import { cliProcess } from '../../support/cli.js';
import { apiCall, bearer } from '../../support/headless-client.js';
import { connectionPids, holdName } from '../../support/mpris/bus-names.js';
import { makeTone, startMpv, type Mpv } from '../../support/mpris/mpv.js';
import { startPrivateBus, type PrivateBus } from '../../support/mpris/private-bus.js';
import { tempDir } from '../../support/temp-dir.js';

// `serve` watching players: the real serve command (in-process, so the rule's thresholds can
// be shortened to 3 s of play, as the watcher tests do, and once as a child process stopped
// by SIGTERM) over a real data dir, Debian's mpv with mpv-mpris on a private session bus, and
// the contract over the headless server's HTTP. Nothing is signed in: plays wait in the queue.

const SHORT = { minLengthMs: 2_000, maxPlayMs: 3_000 };
const ADDRESS = /Scrobbletray is running at http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]+)\n/;

let bus: PrivateBus;
let dir: { path: string; cleanup: () => void };
let tone: string;
let dataCount = 0;
const players: Mpv[] = [];

beforeAll(async () => {
  bus = await startPrivateBus();
  dir = tempDir('scrobbletray-serve-players-');
  tone = await makeTone(dir.path, 'tone.ogg', {
    artist: 'Served Artist',
    title: 'Served Song',
    album: 'Served Album',
    seconds: 40,
  });
});

afterEach(async () => {
  for (const p of players.splice(0)) await p.stop();
});

afterAll(async () => {
  await bus?.stop();
  dir?.cleanup();
});

function freshEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DBUS_SESSION_BUS_ADDRESS: bus.address,
    SCROBBLETRAY_DATA_DIR: `${dir.path}/data-${++dataCount}`,
    ...extra,
  };
}

async function mpv(): Promise<Mpv> {
  const player = await startMpv(bus.address, [tone]);
  players.push(player);
  return player;
}

interface Serving {
  call<T>(method: string, input?: unknown): Promise<T>;
  stderr(): string;
  stop(): Promise<number>;
}

/** `serve` in this process, with short thresholds, until stop(). */
async function serve(env: NodeJS.ProcessEnv): Promise<Serving> {
  let stdout = '';
  let stderr = '';
  let stop: () => void = () => {};
  const until = new Promise<void>((r) => (stop = r));
  const command = {
    ...serveCommand,
    run: (args: string[], ctx: Parameters<typeof serveCommand.run>[1]) =>
      runServe(args, ctx, {
        until,
        players: {
          rules: SHORT,
          feed: () => platformFeed({ busAddress: env.DBUS_SESSION_BUS_ADDRESS, pollMs: 500 }),
        },
      }),
  };
  const exit = runCli(
    ['serve'],
    {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      readStdin: async () => null,
      env,
    },
    [command],
  );
  const deadline = Date.now() + 15_000;
  while (!ADDRESS.test(stdout)) {
    if (Date.now() > deadline) throw new Error(`serve printed no address: ${stdout}${stderr}`);
    await sleep(50);
  }
  const [, port, token] = ADDRESS.exec(stdout)!;
  return {
    async call<T>(method: string, input: unknown = {}) {
      const res = await apiCall(Number(port), method, input, bearer(token!));
      const body = res.json() as { ok: boolean; result?: T; error?: unknown };
      if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body)}`);
      return body.result as T;
    },
    stderr: () => stderr,
    async stop() {
      stop();
      return exit;
    },
  };
}

describe('serve with players on (the default)', () => {
  it('picks up mpv, shows the play with its progress, queues it, and lets go of the bus on stop', async () => {
    const env = freshEnv();
    const s = await serve(env);
    let stopped = false;
    try {
      await mpv();
      const playing = await poll('the play in progress', () =>
        s.call<CurrentPlay | null>('playing.current'),
      );
      expect(playing.track).toMatchObject({ artist: 'Served Artist', track: 'Served Song' });
      expect(playing.player).toBe('mpv');
      expect(playing.neededMs).toBe(3_000);
      expect(playing.lengthMs).toBeGreaterThan(39_000);

      const queued = await poll('the play in the queue', async () => {
        const page = await s.call<{ items: { artist: string; track: string; source: string }[] }>(
          'queue.list',
          { states: ['queued', 'retrying', 'failed'] },
        );
        return page.items.length > 0 ? page.items : null;
      });
      expect(queued).toEqual([
        expect.objectContaining({
          artist: 'Served Artist',
          track: 'Served Song',
          source: 'player',
        }),
      ]);
      const after = await s.call<CurrentPlay>('playing.current');
      expect(after.scrobbled).toBe(true);

      const list = await s.call<PlayerSummary[]>('players.list');
      expect(list).toEqual([
        expect.objectContaining({ name: 'mpv', on: true, onByDefault: true, present: true }),
      ]);
      expect(await connectionPids(bus.address)).toContain(process.pid);

      expect(await s.stop()).toBe(0);
      stopped = true;
      // The watcher's bus connection closed with the core: none is left from this process.
      await poll('the connection to close', async () =>
        (await connectionPids(bus.address)).includes(process.pid) ? null : true,
      );
      expect(s.stderr()).toContain('players: watching media players');
    } finally {
      if (!stopped) await s.stop();
    }
  }, 60_000);
});

describe('serve with players off', () => {
  it('neither watches nor connects; switching the preference on and off applies at once', async () => {
    const env = freshEnv();
    const setup = new Core({ dataDir: env.SCROBBLETRAY_DATA_DIR!, env });
    setup.preferences.set({ watchPlayers: false });
    await setup.close();

    const s = await serve(env);
    try {
      await mpv();
      await sleep(5_000); // longer than the 3 s of play that would make it a scrobble
      const page = await s.call<{ total: number }>('queue.list', { states: ['queued'] });
      expect(page.total).toBe(0);
      expect(await s.call('playing.current')).toBeNull();
      expect(await s.call('players.list')).toEqual([]);
      expect(await connectionPids(bus.address)).not.toContain(process.pid);

      await s.call('preferences.set', { watchPlayers: true });
      const playing = await poll('the play once switched on', () =>
        s.call<CurrentPlay | null>('playing.current'),
      );
      expect(playing.track.track).toBe('Served Song');
      await poll('the play in the queue', async () => {
        const p = await s.call<{ total: number }>('queue.list', { states: ['queued'] });
        return p.total === 1 ? true : null;
      });

      await s.call('preferences.set', { watchPlayers: false });
      await poll('the connection to close', async () =>
        (await connectionPids(bus.address)).includes(process.pid) ? null : true,
      );
      expect(await s.call('playing.current')).toBeNull();
      expect(s.stderr()).toContain('players: stopped watching media players');
    } finally {
      expect(await s.stop()).toBe(0);
    }
  }, 60_000);
});

describe('players through the contract', () => {
  it('switches one player off and on while it plays; browsers are off by default', async () => {
    const env = freshEnv();
    const s = await serve(env);
    // No browser can play here; a real name on the bus is what the watcher sees of one.
    const firefox = await holdName(bus.address, 'org.mpris.MediaPlayer2.firefox.instance_1_84');
    try {
      await mpv();
      await poll('the play', () => s.call<CurrentPlay | null>('playing.current'));
      const list = await poll('both players listed', async () => {
        const l = await s.call<PlayerSummary[]>('players.list');
        return l.length === 2 ? l : null;
      });
      expect(list.find((p) => p.name === 'firefox')).toMatchObject({
        on: false,
        onByDefault: false,
        chosen: false,
        present: true,
      });
      const mpvEntry = list.find((p) => p.name === 'mpv');
      expect(mpvEntry).toMatchObject({ on: true, chosen: false, identity: 'mpv' });

      expect(await s.call('players.set', { name: 'mpv', on: false })).toMatchObject({
        name: 'mpv',
        on: false,
        chosen: true,
      });
      await poll('the play to go', async () =>
        (await s.call('playing.current')) === null ? true : null,
      );
      expect(await s.call('preferences.get')).toMatchObject({ players: { mpv: false } });

      await s.call('players.set', { name: 'mpv', on: true });
      const again = await poll('the play again', () =>
        s.call<CurrentPlay | null>('playing.current'),
      );
      expect(again.track.track).toBe('Served Song');

      await s.call('players.set', { name: 'firefox', on: true });
      expect(
        (await s.call<PlayerSummary[]>('players.list')).find((p) => p.name === 'firefox'),
      ).toMatchObject({ on: true, chosen: true });

      // Bad input is refused in words that say what to fix.
      await expect(s.call('players.set', { name: '', on: true })).rejects.toThrow(
        /a player name is needed/,
      );
      await expect(s.call('players.set', { name: 'playerctld', on: true })).rejects.toThrow(
        /mirrors other players/,
      );
    } finally {
      firefox.release();
      expect(await s.stop()).toBe(0);
    }
    // Remembered across a restart: the players seen stay listed, not present.
    const core = new Core({ dataDir: env.SCROBBLETRAY_DATA_DIR!, env });
    try {
      expect(core.players.list().map((p) => [p.name, p.on, p.present])).toEqual([
        ['firefox', true, false],
        ['mpv', true, false],
      ]);
    } finally {
      await core.close();
    }
  }, 60_000);
});

describe('serve as a process', () => {
  it('watches with the real rule and stops cleanly on SIGTERM', async () => {
    const env = freshEnv();
    const child = cliProcess(['serve'], env);
    try {
      const [, port, token] = await child.waitFor(ADDRESS);
      const player = await mpv();
      const play = await poll('the play', async () => {
        const res = await apiCall(Number(port), 'playing.current', {}, bearer(token!));
        return (res.json() as { result: CurrentPlay | null }).result;
      });
      // Last.fm's rule on a 40 s track: half of it.
      expect(play.neededMs).toBe(20_000);
      // On the bus: mpv and serve's watcher, nobody else
      const mpvPid = player.process.pid!;
      // (mpv-mpris may hold more than one connection: count processes.)
      const before = new Set(await connectionPids(bus.address));
      expect(before.size).toBe(2);
      expect(before.has(mpvPid)).toBe(true);
      child.kill('SIGTERM');
      const run = await child.done;
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('Scrobbletray stopped.');
      expect([...new Set(await connectionPids(bus.address))]).toEqual([mpvPid]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  it('without a session bus says so in one line and serves on', async () => {
    const env = freshEnv({ DBUS_SESSION_BUS_ADDRESS: '' });
    const s = await serve(env);
    try {
      expect(await s.call('playing.current')).toBeNull();
      const lines = s
        .stderr()
        .split('\n')
        .filter((l) => l.includes('not watching'));
      expect(lines).toEqual([
        expect.stringMatching(/^players: not watching media players: No D-Bus session bus/),
      ]);
    } finally {
      expect(await s.stop()).toBe(0);
    }
  });
});

async function poll<T>(what: string, read: () => Promise<T | null>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await sleep(200);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
