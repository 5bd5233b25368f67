// `scrobbletray retry`, `edit`, `remove` and `flush` against the fake Last.fm, with the real
// keychain (run under scripts/with-keyring.sh) and a real SQLite queue per test. Failed
// scrobbles come from the fake: 'Poisoned Track' fails every request it is in (Last.fm error
// 6), and an injected error 6 fails one request only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlushReport } from '../../src/main/queue/delivery/sender.js';
import type { StoredScrobble } from '../../src/main/queue/types.js';
import { cli } from '../support/cli.js';
import {
  closedApiUrl,
  parseJson,
  plays,
  queueCliContext,
  queueJson,
  recorded,
  scrobbledId,
  seedQueue,
  type QueueCliContext,
} from '../support/cli-queue.js';
import { startFakeLastfm, type FakeLastfm } from '../support/fake-lastfm/index.js';
import { callsTo } from '../support/sign-in.js';

let fake: FakeLastfm;
let ctx: QueueCliContext;

beforeAll(async () => {
  fake = await startFakeLastfm();
  ctx = queueCliContext(fake, 'cli-queue-edit');
});
afterAll(async () => {
  await ctx.close();
  await fake.close();
});

/** Scrobbles a play through the CLI; returns its id and how it ended. */
async function scrobble(env: NodeJS.ProcessEnv, track: string, ...options: string[]) {
  const run = await cli(
    ['scrobble', '--json', '--artist', 'Stars of the Lid', '--track', track, ...options],
    env,
  );
  const id = scrobbledId(run);
  return { id, state: parseJson<{ scrobbles: StoredScrobble[] }>(run).scrobbles[0]?.state };
}

/** A scrobble the service refused for good (one request failing with error 6). */
async function failedOnce(env: NodeJS.ProcessEnv, track: string): Promise<number> {
  fake.injectFault({ kind: 'error', code: 6 }, { method: 'track.scrobble' });
  const { id, state } = await scrobble(env, track);
  expect(state).toBe('failed');
  return id;
}

async function row(env: NodeJS.ProcessEnv, id: number): Promise<StoredScrobble | undefined> {
  return (await queueJson(env)).items.find((r) => r.id === id);
}

describe('retry', () => {
  it('queues the given failed scrobbles again and sends them', async () => {
    const env = await ctx.signedIn();
    const first = await failedOnce(env, 'Requiem for Dying Mothers');
    const second = await failedOnce(env, 'Music for Twin Peaks');

    const run = await cli(['retry', String(first)], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('Queued 1 scrobble again.\nlastfm: 1 accepted, 0 ignored, 0 failed.\n');
    expect((await row(env, first))?.state).toBe('accepted');
    expect((await row(env, second))?.state).toBe('failed');
    expect(recorded(fake, ctx.user, 'Requiem for Dying Mothers')).toHaveLength(1);
    expect(recorded(fake, ctx.user, 'Music for Twin Peaks')).toHaveLength(0);
  });

  it('--all queues every failed one again', async () => {
    const env = await ctx.signedIn();
    const ids = [await failedOnce(env, 'Tape Hiss 1'), await failedOnce(env, 'Tape Hiss 2')];
    const run = await cli(['retry', '--all', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const out = parseJson<{ requeued: number; flush: FlushReport[] }>(run);
    expect(out.requeued).toBe(2);
    expect(out.flush).toEqual([expect.objectContaining({ accepted: 2, failed: 0 })]);
    for (const id of ids) expect((await row(env, id))?.state).toBe('accepted');
  });

  it('exits 1 when the service refuses it again', async () => {
    const env = await ctx.signedIn();
    const { id, state } = await scrobble(env, 'Poisoned Track');
    expect(state).toBe('failed');
    const run = await cli(['retry', String(id)], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('lastfm: 0 accepted, 0 ignored, 1 failed.');
    expect((await row(env, id))?.state).toBe('failed');
  });

  it('a scrobble waiting after an outage is sent now, not left waiting', async () => {
    const env = await ctx.signedIn();
    const down = { ...env, SCROBBLETRAY_LASTFM_API_URL: await closedApiUrl() };
    const { id, state } = await scrobble(down, 'Waiting Out the Outage');
    expect(state).toBe('retrying');

    // Still down: the words and the exit code say it is still waiting, not that it worked.
    const still = await cli(['retry', String(id)], down);
    expect(still.code).toBe(1);
    expect(still.stdout).toMatch(/^Queued 1 scrobble again, but they could not be sent yet:\n/);
    expect(still.stdout).toMatch(/lastfm: 0 accepted, 0 ignored, 0 failed; stopped: .*refused/);
    expect((await row(env, id))?.state).toBe('retrying');

    // Back: retrying it sends it at once, although its next try was minutes away.
    const run = await cli(['retry', String(id)], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('Queued 1 scrobble again.\nlastfm: 1 accepted, 0 ignored, 0 failed.\n');
    expect((await row(env, id))?.state).toBe('accepted');
    expect(recorded(fake, ctx.user, 'Waiting Out the Outage')).toHaveLength(1);
  });

  it('an unknown ID is a clear failure that changes nothing', async () => {
    const env = await ctx.signedIn();
    const id = await failedOnce(env, 'An Unknown ID');
    const run = await cli(['retry', String(id), '4242'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('scrobbletray: No scrobble with id 4242.\n');
    expect((await row(env, id))?.state).toBe('failed');
  });

  it('refuses IDs that are not IDs, and no IDs at all (exit 2)', async () => {
    const env = await ctx.signedIn();
    for (const args of [['abc'], ['1.5'], ['-1'], [], ['1', '--all']]) {
      const run = await cli(['retry', ...args], env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain('usage: scrobbletray retry [ID ... | --all]');
    }
    expect((await cli(['retry', 'abc'], env)).stderr).toMatch(/"abc" is not a scrobble ID/);
  });
});

describe('edit', () => {
  it('fixes a failed scrobble, which then goes through', async () => {
    const env = await ctx.signedIn();
    const { id } = await scrobble(env, 'Poisoned Track', '--album', 'The Tired Sounds');
    const run = await cli(['edit', String(id), '--track', 'Fixed Track'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^#${id} accepted .*Stars of the Lid – Fixed Track\\n$`));
    expect(recorded(fake, ctx.user, 'Fixed Track')).toEqual([
      expect.objectContaining({ album: 'The Tired Sounds' }),
    ]);
    expect(recorded(fake, ctx.user, 'Poisoned Track')).toHaveLength(0);
  });

  it('fixes an ignored scrobble', async () => {
    const env = await ctx.signedIn();
    const run = await cli(
      ['scrobble', '--json', '--artist', 'Spam Artist', '--track', 'Gift'],
      env,
    );
    const id = scrobbledId(run);
    const edit = await cli(['edit', String(id), '--artist', 'Brian Eno', '--json'], env);
    expect(edit.code, edit.stderr).toBe(0);
    expect(parseJson<{ scrobble: StoredScrobble }>(edit).scrobble).toMatchObject({
      id,
      artist: 'Brian Eno',
      state: 'accepted',
    });
  });

  it('clears an optional field given as empty', async () => {
    const env = await ctx.signedIn();
    const { id } = await scrobble(env, 'Poisoned Track', '--album', 'Wrong Album');
    const run = await cli(['edit', String(id), '--track', 'Cleared', '--album', '', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(parseJson<{ scrobble: StoredScrobble }>(run).scrobble).not.toHaveProperty('album');
    expect(recorded(fake, ctx.user, 'Cleared')).toEqual([expect.objectContaining({ album: '' })]);
  });

  it('refuses an accepted scrobble, saying which can be edited', async () => {
    const env = await ctx.signedIn();
    const { id, state } = await scrobble(env, 'Already There');
    expect(state).toBe('accepted');
    const run = await cli(['edit', String(id), '--track', 'Changed'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is accepted; only queued, retrying, failed or ignored .* edited/);
    expect((await row(env, id))?.track).toBe('Already There');
  });

  it('checks the edited scrobble again: a play 20 days old is refused', async () => {
    const env = await ctx.signedIn();
    const id = await failedOnce(env, 'Re-timed');
    const before = await row(env, id);
    const run = await cli(['edit', String(id), '--at', '20 days ago'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--at: .*more than 14 days ago.*re-time it/);
    expect(run.stderr).toContain('The scrobble was not changed.');
    expect(await row(env, id)).toEqual(before);
  });

  it('exits 1 when the edited scrobble is refused again', async () => {
    const env = await ctx.signedIn();
    const id = await failedOnce(env, 'Refused Again');
    const run = await cli(['edit', String(id), '--artist', 'Spam Artist'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ignored .*Spam Artist – Refused Again .*ignored the artist name/);
  });

  it('refuses bad usage (exit 2) and unknown IDs (exit 1)', async () => {
    const env = await ctx.signedIn();
    const id = String(await failedOnce(env, 'Usage'));
    const usage: [string[], RegExp][] = [
      [[id], /nothing to change/],
      [['--track', 'X'], /give exactly one scrobble ID/],
      [[id, id, '--track', 'X'], /give exactly one scrobble ID/],
      [['x1', '--track', 'X'], /"x1" is not a scrobble ID/],
      [[id, '--duration', 'long'], /--duration must be a number/],
    ];
    for (const [args, message] of usage) {
      const run = await cli(['edit', ...args], env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    const unknown = await cli(['edit', '4242', '--track', 'X'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('scrobbletray: No scrobble with id 4242.\n');
  });
});

describe('remove', () => {
  it('removes the given scrobbles, whatever their state', async () => {
    const env = await ctx.signedIn();
    const failed = await failedOnce(env, 'Remove Me');
    const { id: accepted } = await scrobble(env, 'Remove Me Too');
    const { id: kept } = await scrobble(env, 'Keep Me');
    const run = await cli(['remove', String(failed), String(accepted)], env);
    expect(run).toMatchObject({ code: 0, stdout: 'Removed 2 scrobbles.\n' });
    expect((await queueJson(env)).items.map((r) => r.id)).toEqual([kept]);
  });

  it('removes nothing when one ID does not exist, and says which', async () => {
    const env = await ctx.signedIn();
    const id = await failedOnce(env, 'Still Here');
    const run = await cli(['remove', String(id), '4242'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('scrobbletray: No scrobble with id 4242.\n');
    expect((await row(env, id))?.state).toBe('failed');
  });

  it('needs IDs (exit 2)', async () => {
    const env = await ctx.signedIn();
    expect((await cli(['remove'], env)).code).toBe(2);
    expect((await cli(['remove', 'all'], env)).code).toBe(2);
  });
});

describe('flush', () => {
  it('sends what is queued and reports the counts', async () => {
    const env = await ctx.signedIn();
    const ids = await seedQueue(env, [
      ...plays(3, 'Flush'),
      { artist: 'Spam Artist', track: 'Flush Spam', timestamp: Math.floor(Date.now() / 1000) },
    ]);
    const run = await cli(['flush'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('lastfm: 3 accepted, 1 ignored, 0 failed.\nThe queue is empty.\n');
    const json = parseJson(await cli(['flush', '--json'], env));
    expect(json).toMatchObject({ reports: [], counts: { accepted: 3, ignored: 1, queued: 0 } });
    expect((await queueJson(env)).items.map((r) => r.id).sort()).toEqual(ids.sort());
    for (const n of [1, 2, 3]) expect(recorded(fake, ctx.user, `Flush ${n}`)).toHaveLength(1);
  });

  it('says when there is nothing to send', async () => {
    const env = await ctx.signedIn();
    expect(await cli(['flush'], env)).toEqual({
      code: 0,
      stdout: 'Nothing to send.\n',
      stderr: '',
    });
  });

  it('a 503 exits 1 saying when it will retry; flushing again sends each once', async () => {
    const env = await ctx.signedIn();
    const ids = await seedQueue(env, plays(2, 'Outage'));
    fake.injectFault({ kind: 'status', status: 503 }, { method: 'track.scrobble' });
    const run = await cli(['flush', '--json'], env);
    expect(run.code).toBe(1);
    const [report] = parseJson<{ reports: FlushReport[] }>(run).reports;
    expect(report).toMatchObject({ stoppedBecause: 'unreachable', accepted: 0, deferred: 2 });
    expect(report!.nextAttemptAt).toBeGreaterThan(Date.now());

    const rows = (await queueJson(env)).items;
    expect(rows.map((r) => [r.state, r.lastError?.includes('HTTP 503')])).toEqual([
      ['retrying', true],
      ['retrying', true],
    ]);
    expect(recorded(fake, ctx.user, 'Outage 1')).toHaveLength(0);

    // Asking again is "send now": the outage wait is lifted and both go through, once each.
    const again = await cli(['flush'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('lastfm: 2 accepted, 0 ignored, 0 failed.\nThe queue is empty.\n');
    for (const id of ids) expect((await row(env, id))?.state).toBe('accepted');
    expect(recorded(fake, ctx.user, 'Outage 1')).toHaveLength(1);
    expect(recorded(fake, ctx.user, 'Outage 2')).toHaveLength(1);
  });

  it('flush does not override a rate limit', async () => {
    const env = await ctx.signedIn();
    await seedQueue(env, plays(2, 'Limited'));
    fake.injectFault({ kind: 'error', code: 29 }, { method: 'track.scrobble' });
    expect((await cli(['flush'], env)).code).toBe(1);
    const requests = fake.requests.length;
    const again = await cli(['flush'], env);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/Waiting until .* \(rate-limited\)/);
    expect(fake.requests.length).toBe(requests);
    expect(recorded(fake, ctx.user, 'Limited 1')).toHaveLength(0);
  });

  it('not signed in: exits 1 and says to sign in; nothing is sent or lost', async () => {
    const env = ctx.signedOut();
    await seedQueue(env, plays(1, 'Signed Out'));
    const calls = callsTo(fake, 'track.scrobble');
    const run = await cli(['flush'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /stopped: .*sign.*`scrobbletray login --service lastfm`\.\n1 still/i,
    );
    expect(callsTo(fake, 'track.scrobble')).toBe(calls);
    expect((await queueJson(env)).counts.queued).toBe(1);
  });
});
