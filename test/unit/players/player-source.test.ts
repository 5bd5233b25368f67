import { describe, expect, it } from 'vitest';
import type { TrackInfo } from '../../../src/shared/track.js';
import type { EnqueueOutcome } from '../../../src/shared/queue-types.js';
import type { FeedSink, PlayerFeed } from '../../../src/main/sources/players/player-feed.js';
import { PlayerSource } from '../../../src/main/sources/players/player-source.js';
import type { PlaySourceContext } from '../../../src/main/sources/source.js';
import { emptyTrack } from '../../../src/main/sources/players/types.js';

// PlayerSource against a scripted feed and a recording context (both our own interfaces; the
// real core and mpv are in test/integration/players/watch-command.test.ts). Settle 0 and a
// 3 s threshold let the inputs alone produce the actions.

const at = Date.UTC(2026, 11, 5, 10, 0, 0);
const song = { ...emptyTrack(), artist: 'A', title: 'T', lengthMs: 200_000 };

async function started(outcome: EnqueueOutcome) {
  let sink: FeedSink | null = null;
  const feed: PlayerFeed = {
    start: async (s) => void (sink = s),
    stop: async () => {},
  };
  const shown: (TrackInfo | null)[] = [];
  const submitted: unknown[] = [];
  const logged: string[] = [];
  const abort = new AbortController();
  const ctx: PlaySourceContext = {
    nowPlaying: (t) => void shown.push(t),
    submit: (plays) => {
      submitted.push(...plays);
      return plays.map(() => outcome);
    },
    log: (line) => void logged.push(line),
    signal: abort.signal,
  };
  const source = new PlayerSource({
    feed: async () => feed,
    rules: { settleMs: 0, maxPlayMs: 3_000 },
  });
  await source.start(ctx);
  return { sink: sink!, shown, submitted, logged, abort };
}

describe('PlayerSource', () => {
  it('shows now playing, queues the play, and clears now playing when the player leaves', async () => {
    const { sink, shown, submitted, logged } = await started({ ok: true, ids: [7] });
    sink.appeared({ id: ':1.9', name: 'mpv' });
    sink.input(':1.9', { type: 'track', at, track: song });
    sink.input(':1.9', { type: 'status', at, status: 'playing' });
    sink.input(':1.9', { type: 'tick', at: at + 3_000 });
    sink.vanished(':1.9', at + 4_000);
    expect(shown).toEqual([{ artist: 'A', track: 'T', duration: 200 }, null]);
    expect(submitted).toEqual([
      { artist: 'A', track: 'T', duration: 200, timestamp: Math.floor(at / 1000) },
    ]);
    expect(logged).toEqual(['player mpv seen: watching (on by default)', 'player mpv gone']);
  });

  it('logs a play the queue refused, with the reason', async () => {
    const { sink, logged } = await started({
      ok: false,
      problems: [{ field: 'timestamp', message: 'is more than 14 days old' }],
    });
    sink.appeared({ id: ':1.9', name: 'mpv' });
    sink.input(':1.9', { type: 'track', at, track: song });
    sink.input(':1.9', { type: 'status', at, status: 'playing' });
    sink.input(':1.9', { type: 'gone', at: at + 5_000 });
    expect(logged.at(-1)).toMatch(
      /^scrobbled from mpv: A – T .* not queued: timestamp: is more than 14 days old$/,
    );
  });
});
