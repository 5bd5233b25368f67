// `scrobbletray scrobble`, `now-playing` and `queue` against the fake Last.fm, with the real
// keychain (run under scripts/with-keyring.sh) and a real SQLite queue per test. Each test
// checks what the user would see (exit code, the line printed, the JSON) and what the service
// and the queue really hold afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlushReport } from '../../src/main/queue/delivery/sender.js';
import type { StoredScrobble } from '../../src/main/queue/types.js';
import { SCROBBLE_STATES } from '../../src/shared/scrobble-state.js';
import { cli, cliProcess } from '../support/cli.js';
import {
  closedApiUrl,
  parseJson,
  queueCliContext,
  queueJson,
  recorded,
  withAppCore,
  type QueueCliContext,
} from '../support/cli-queue.js';
import { startFakeLastfm, type FakeLastfm } from '../support/fake-lastfm/index.js';
import { callsTo } from '../support/sign-in.js';

let fake: FakeLastfm;
let ctx: QueueCliContext;

beforeAll(async () => {
  fake = await startFakeLastfm();
  ctx = queueCliContext(fake, 'cli-queue');
});
afterAll(async () => {
  await ctx.close();
  await fake.close();
});

interface ScrobbleJson {
  scrobbles: StoredScrobble[];
  flush: FlushReport[];
}

const nowSec = () => Math.floor(Date.now() / 1000);

describe('scrobble', () => {
  it('queues the play, sends it, and prints one line for it', async () => {
    const env = await ctx.signedIn();
    const run = await cli(['scrobble', '--artist', 'Boards of Canada', '--track', 'Roygbiv'], env);
    expect(run.code, run.stderr).toBe(0);
    // The play's time, in local time with its offset (--utc prints UTC).
    expect(run.stdout).toMatch(
      /^#\d+ accepted +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d +Boards of Canada – Roygbiv\n$/,
    );
    expect(run.stderr).toBe('');
    expect(recorded(fake, ctx.user, 'Roygbiv')).toHaveLength(1);
    const { items } = await queueJson(env);
    expect(items.map((r) => [r.track, r.state, r.source])).toEqual([
      ['Roygbiv', 'accepted', 'cli'],
    ]);
  });

  it('prints times in the local zone, or in UTC with --utc', async () => {
    // A real process: the zone is read from TZ when Node starts.
    const env = { ...(await ctx.signedIn()), TZ: 'Asia/Kolkata' };
    const at = '2026-12-01T08:00:00Z';
    const local = await cliProcess(
      ['scrobble', '--artist', 'Nujabes', '--track', 'Aruarian', '--at', at],
      env,
    ).done;
    expect(local.code, local.stderr).toBe(0);
    expect(local.stdout).toMatch(/ 2026-12-01 13:30:00 \+05:30 +Nujabes – Aruarian\n$/);
    const utc = await cliProcess(['queue', '--state', 'accepted', '--utc'], env).done;
    expect(utc.stdout).toMatch(/ 2026-12-01T08:00:00Z +Nujabes – Aruarian\n/);
  });

  it('--json gives the stored scrobble and the flush report', async () => {
    const env = await ctx.signedIn();
    const run = await cli(['scrobble', '--json', '--artist', 'Low', '--track', 'Words'], env);
    expect(run.code, run.stderr).toBe(0);
    const out = parseJson<ScrobbleJson>(run);
    expect(out.scrobbles).toHaveLength(1);
    expect(out.scrobbles[0]).toMatchObject({
      artist: 'Low',
      track: 'Words',
      target: 'lastfm',
      state: 'accepted',
      recorded: { artist: 'Low', track: 'Words' },
    });
    expect(out.flush).toEqual([
      expect.objectContaining({ target: 'lastfm', sent: 1, accepted: 1, stoppedBecause: 'done' }),
    ]);
  });

  it('sends album, album artist, duration and track number as given', async () => {
    const env = await ctx.signedIn();
    const at = nowSec() - 3600;
    const run = await cli(
      [
        'scrobble',
        ...['--artist', 'Broadcast', '--track', 'Tears in the Typing Pool'],
        ...['--album', 'Tender Buttons', '--album-artist', 'Broadcast'],
        ...['--duration', '201', '--track-number', '6', '--at', String(at)],
      ],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(recorded(fake, ctx.user, 'Tears in the Typing Pool')).toEqual([
      expect.objectContaining({
        album: 'Tender Buttons',
        albumArtist: 'Broadcast',
        duration: 201,
        trackNumber: 6,
        timestamp: at,
      }),
    ]);
  });

  describe('--at', () => {
    // [form, the value given the clock (s), where the play lands relative to the clock]
    const forms: [string, (now: number) => string, number][] = [
      ['ISO 8601 in UTC', (now) => new Date((now - 5400) * 1000).toISOString(), -5400],
      [
        'ISO 8601 without fractions',
        (now) => new Date((now - 7200) * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
        -7200,
      ],
      ['unix seconds', (now) => String(now - 600), -600],
      ['"20 minutes ago"', () => '20 minutes ago', -1200],
      ['"2 hours ago"', () => '2 hours ago', -7200],
      ['now', () => 'now', 0],
    ];
    it.each(forms)('takes %s', async (_name, value, offset) => {
      const env = await ctx.signedIn();
      const before = nowSec();
      const track = `At ${_name}`;
      const run = await cli(
        ['scrobble', '--json', '--artist', 'Plaid', '--track', track, '--at', value(before)],
        env,
      );
      const after = nowSec();
      expect(run.code, run.stderr).toBe(0);
      const [sent] = recorded(fake, ctx.user, track);
      // Relative forms are read against the clock while the command runs.
      expect(sent?.timestamp).toBeGreaterThanOrEqual(before + offset);
      expect(sent?.timestamp).toBeLessThanOrEqual(after + offset);
      expect(parseJson<ScrobbleJson>(run).scrobbles[0]?.timestamp).toBe(sent?.timestamp);
    });

    it('reads an offset in ISO 8601', async () => {
      const env = await ctx.signedIn();
      const at = nowSec() - 3 * 3600;
      // The same instant written in UTC+02:00.
      const local = new Date((at + 2 * 3600) * 1000).toISOString().replace(/\.\d+Z$/, '+02:00');
      const run = await cli(
        ['scrobble', '--artist', 'Plaid', '--track', 'Offset', '--at', local],
        env,
      );
      expect(run.code, run.stderr).toBe(0);
      expect(recorded(fake, ctx.user, 'Offset')[0]?.timestamp).toBe(at);
    });
  });

  it('shows the correction Last.fm made', async () => {
    const env = await ctx.signedIn();
    const run = await cli(['scrobble', '--artist', 'the beatles', '--track', 'Something'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('(recorded as The Beatles – Something)');
    const [row] = (await queueJson(env)).items;
    expect(row).toMatchObject({ recorded: { artist: 'The Beatles' }, corrected: { artist: true } });
  });

  it('an ignored scrobble exits 1 with the reason and stays in the queue', async () => {
    const env = await ctx.signedIn();
    const run = await cli(['scrobble', '--artist', 'Spam Artist', '--track', 'Buy Now'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ignored .*Spam Artist – Buy Now .*ignored the artist name/);
    expect(recorded(fake, ctx.user, 'Buy Now')).toHaveLength(0);
    const pending = await queueJson(env, '--state', 'ignored');
    expect(pending.items).toEqual([expect.objectContaining({ track: 'Buy Now', ignoredCode: 1 })]);
  });

  it('a play older than 14 days is refused before queueing, naming --at and the fix', async () => {
    const env = await ctx.signedIn();
    const calls = callsTo(fake, 'track.scrobble');
    const run = await cli(
      ['scrobble', '--artist', 'Plaid', '--track', 'Too Old', '--at', '20 days ago'],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--at: .*more than 14 days ago.*re-time it/);
    expect(run.stderr).toContain('Nothing was queued.');
    expect(run.stdout).toBe('');
    expect((await queueJson(env)).total).toBe(0);
    expect(callsTo(fake, 'track.scrobble')).toBe(calls);
  });

  describe('bad input', () => {
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      env = await ctx.signedIn();
    });

    // [what, options after `scrobble`, exit code, what stderr says]
    const cases: [string, string[], number, RegExp][] = [
      ['an empty artist', ['--artist', '  ', '--track', 'T'], 1, /--artist: Artist is empty/],
      [
        'a control character',
        ['--artist', 'A\u0007B', '--track', 'T'],
        1,
        /--artist: .*control character.*remove it/,
      ],
      ['a newline in the track', ['--artist', 'A', '--track', 'T\nU'], 1, /--track: .*control/],
      [
        'a duration under 30 s',
        ['--artist', 'A', '--track', 'T', '--duration', '10'],
        1,
        /--duration: .*at least 30 seconds/,
      ],
      [
        'a track number of 0',
        ['--artist', 'A', '--track', 'T', '--track-number', '0'],
        1,
        /--track-number: .*1 or more/,
      ],
      [
        'a play in the future',
        ['--artist', 'A', '--track', 'T', '--at', String(nowSec() + 3600)],
        1,
        /--at: .*in the future/,
      ],
      [
        'a duration that is not a number',
        ['--artist', 'A', '--track', 'T', '--duration', 'abc'],
        2,
        /--duration must be a number \(got "abc"\)/,
      ],
      [
        'a time it cannot read',
        ['--artist', 'A', '--track', 'T', '--at', 'yesterday'],
        2,
        /--at "yesterday" is not a time: use now, unix seconds/,
      ],
      [
        'an unknown option',
        ['--artist', 'A', '--track', 'T', '--bogus'],
        2,
        /Unknown option '--bogus'/,
      ],
      ['no --track', ['--artist', 'A'], 2, /missing --track/],
      ['neither', [], 2, /missing --artist and --track/],
    ];
    it.each(cases)('%s', async (_what, options, code, message) => {
      const run = await cli(['scrobble', ...options], env);
      expect(run.code).toBe(code);
      expect(run.stderr).toMatch(message);
      if (code === 2)
        expect(run.stderr).toContain('usage: scrobbletray scrobble (--artist A --track T');
      expect(run.stdout).toBe('');
      expect((await queueJson(env)).total).toBe(0);
    });
  });

  it('not signed in: queued, exit 0, and `queue` shows it waiting for sign-in', async () => {
    const env = ctx.signedOut();
    const run = await cli(['scrobble', '--json', '--artist', 'Autechre', '--track', 'Bike'], env);
    expect(run.code, run.stderr).toBe(0);
    const out = parseJson<ScrobbleJson>(run);
    expect(out.scrobbles[0]?.state).toBe('queued');
    expect(out.flush[0]?.stoppedBecause).toBe('needs-auth');

    const list = await cli(['queue'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      /queued .*Autechre – Bike +waiting for sign-in \(scrobbletray login --service lastfm\)/,
    );
    expect(recorded(fake, ctx.user, 'Bike')).toHaveLength(0);
  });

  it('server down: still queued for retry, exit 0, and delivered once it answers', async () => {
    const env = await ctx.signedIn();
    const down = { ...env, SCROBBLETRAY_LASTFM_API_URL: await closedApiUrl() };
    const run = await cli(['scrobble', '--artist', 'Autechre', '--track', 'Cavity Job'], down);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/retrying .*Cavity Job +attempt 1 failed: .*refused.*; next try /);

    const [row] = (await queueJson(env)).items;
    expect(row).toMatchObject({ state: 'retrying', attempts: 1, lastErrorClass: 'transient' });
    expect(row!.nextAttemptAt).toBeGreaterThan(Date.now());
    // The app's "Send now" once the service is back: delivered, once.
    await withAppCore(env, (core) => core.queue.sendNow());
    expect(recorded(fake, ctx.user, 'Cavity Job')).toHaveLength(1);
    expect((await queueJson(env)).items[0]?.state).toBe('accepted');
  });
});

describe('now-playing', () => {
  it('tells the service and queues nothing', async () => {
    const env = await ctx.signedIn();
    const calls = callsTo(fake, 'track.scrobble');
    const run = await cli(
      ['now-playing', '--artist', 'Pram', '--track', 'Loredo', '--album', 'Sargasso Sea'],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('Now playing sent to lastfm.\n');
    expect(fake.nowPlaying(ctx.user)).toMatchObject({
      artist: 'Pram',
      track: 'Loredo',
      album: 'Sargasso Sea',
    });
    expect((await queueJson(env)).total).toBe(0);
    expect(callsTo(fake, 'track.scrobble')).toBe(calls);
  });

  it('a server failure exits 1 with the error, and is not queued or retried', async () => {
    const env = await ctx.signedIn();
    const calls = callsTo(fake, 'track.updateNowPlaying');
    fake.injectFault({ kind: 'status', status: 503 }, { method: 'track.updateNowPlaying' });
    const run = await cli(['now-playing', '--artist', 'Pram', '--track', 'Dumbwaiter'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Now playing was not sent .*\n.*lastfm: .*HTTP 503/);
    expect(run.stdout).toBe('');
    expect(callsTo(fake, 'track.updateNowPlaying')).toBe(calls + 1);
    expect(fake.nowPlaying(ctx.user)?.track).not.toBe('Dumbwaiter');
    expect((await queueJson(env)).total).toBe(0);
  });

  it('checks the track by the same rules as a scrobble', async () => {
    const env = await ctx.signedIn();
    const short = await cli(
      ['now-playing', '--artist', 'A', '--track', 'B', '--duration', '5'],
      env,
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/--duration: .*at least 30 seconds/);
    const missing = await cli(['now-playing', '--track', 'B'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing --artist/);
  });
});

describe('queue', () => {
  let env: NodeJS.ProcessEnv;
  const base = nowSec() - 3600;
  // Oldest first: two accepted, one ignored, one failed, one retrying (after a 503), and one
  // queued behind it (the target waits out the outage).
  const plays: [string, string, string][] = [
    ['Seefeel', 'Climactic Phase No. 3', 'accepted'],
    ['Seefeel', 'Plainsong', 'accepted'],
    ['Spam Artist', 'Click Here', 'ignored'],
    ['Seefeel', 'Poisoned Track', 'failed'],
    ['Seefeel', 'Spangle', 'retrying'],
    ['Seefeel', 'Time to Find Me', 'queued'],
  ];

  beforeAll(async () => {
    env = await ctx.signedIn();
    for (const [i, [artist, track, state]] of plays.entries()) {
      if (state === 'retrying')
        fake.injectFault({ kind: 'status', status: 503 }, { method: 'track.scrobble' });
      const at = String(base + i * 60);
      await cli(['scrobble', '--artist', artist, '--track', track, '--at', at], env);
    }
    const { items } = await queueJson(env);
    expect(items.map((r) => [r.artist, r.track, r.state]).reverse()).toEqual(plays);
  });

  it('lists what is not accepted yet, oldest first, saying why each waits', async () => {
    const run = await cli(['queue'], env);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^#\d+ ignored .*Click Here +The service ignored the artist name/);
    expect(lines[1]).toMatch(/^#\d+ failed .*Poisoned Track +track.scrobble failed: .*error 6/);
    expect(lines[2]).toMatch(/^#\d+ retrying .*Spangle +attempt 1 failed: .*HTTP 503.*next try/);
    expect(lines[3]).toMatch(
      /^#\d+ queued .*Time to Find Me +waiting until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d \(the service/,
    );
  });

  it.each([...SCROBBLE_STATES, 'all'])('--state %s lists only that state', async (state) => {
    const out = await queueJson(env, '--state', state);
    const expected = plays.filter(([, , s]) => state === 'all' || s === state).map(([, t]) => t);
    expect(out.items.map((r) => r.track).sort()).toEqual(expected.sort());
    expect(out.total).toBe(expected.length);
  });

  it('--json gives items, total and the counts by state', async () => {
    const out = await queueJson(env, '--limit', '2');
    expect(Object.keys(out).sort()).toEqual(['counts', 'items', 'total']);
    expect(out.items.map((r) => r.track)).toEqual(['Click Here', 'Poisoned Track']);
    expect(out.total).toBe(4);
    expect(out.counts).toEqual({
      queued: 1,
      sending: 0,
      retrying: 1,
      accepted: 2,
      ignored: 1,
      failed: 1,
    });
  });

  it('--limit shows the first N and says how many more there are', async () => {
    const run = await cli(['queue', '--limit', '3'], env);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(4);
    expect(run.stdout).toContain('… 1 more (use --limit)');
  });

  it('refuses a state or limit it does not know (exit 2)', async () => {
    const state = await cli(['queue', '--state', 'done'], env);
    expect(state.code).toBe(2);
    expect(state.stderr).toMatch(/--state must be one of .*failed.*all/);
    for (const limit of ['0', 'ten', '-1']) {
      const run = await cli(['queue', `--limit=${limit}`], env);
      expect(run.code, limit).toBe(2);
      expect(run.stderr).toMatch(/--limit must be a whole number of 1 or more/);
    }
  });

  it('says so when the queue is empty', async () => {
    const empty = await ctx.signedIn();
    const run = await cli(['queue'], empty);
    expect(run).toEqual({
      code: 0,
      stdout: 'The queue is empty: everything has been sent.\n',
      stderr: '',
    });
    expect((await cli(['queue', '--state', 'failed'], empty)).stdout).toBe(
      'No failed scrobbles.\n',
    );
  });
});

describe('--json', () => {
  it('gives one JSON document on stdout and nothing else, for every command', async () => {
    const env = await ctx.signedIn();
    const first = parseJson<ScrobbleJson>(
      await cli(['scrobble', '--json', '--artist', 'Moss', '--track', 'Poisoned Track'], env),
    );
    const id = String(first.scrobbles[0]?.id);
    // [command, exit code, whether the JSON is the command's result or an error]
    const commands: [string[], number, 'result' | 'error'][] = [
      [['scrobble', '--artist', 'Moss', '--track', 'One'], 0, 'result'],
      [['now-playing', '--artist', 'Moss', '--track', 'Two'], 0, 'result'],
      [['queue', '--state', 'all'], 0, 'result'],
      [['retry', id], 1, 'result'], // refused again: the report says so
      [['edit', id, '--track', 'Three'], 0, 'result'],
      [['remove', id], 0, 'result'],
      [['flush'], 0, 'result'],
      [['retry', '999999'], 1, 'error'],
      [['queue', '--limit', '0'], 2, 'error'],
      [['frobnicate'], 2, 'error'],
    ];
    for (const [args, code, kind] of commands) {
      const run = await cli([...args, '--json'], env);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(code);
      const out = parseJson(run);
      if (kind === 'error') {
        expect(out).toEqual({ error: { message: expect.any(String), exitCode: code } });
        expect(run.stderr).toContain((out as { error: { message: string } }).error.message);
      } else expect(out).not.toHaveProperty('error');
    }
  });

  it('in a real process, stdout holds the JSON alone', async () => {
    const env = await ctx.signedIn();
    const run = await cliProcess(['scrobble', '--json', '--artist', 'Moss', '--track', 'Four'], env)
      .done;
    expect(run.code, run.stderr).toBe(0);
    expect(parseJson<ScrobbleJson>(run).scrobbles[0]?.state).toBe('accepted');
  });
});
