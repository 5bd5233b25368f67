// A source of plays as the core runs it: started by addSource, stopped by close, reporting
// now playing (the tray's line and the `now-playing` event) and submitting finished plays in
// batches where each play gets its own outcome. A real core on the fake Last.fm and SQLite.
import { afterEach, describe, expect, it } from 'vitest';
import type { PlaySource, PlaySourceContext } from '../../../src/main/sources/source.js';
import type { EnqueueOutcome } from '../../../src/shared/queue-types.js';
import { queueHarness, type QueueHarness } from '../../support/queue-harness.js';

let h: QueueHarness;
afterEach(async () => h?.close());

/** A source driven by the test: it reports whatever the test tells it to. */
function handSource(): PlaySource & { ctx: PlaySourceContext | null; stopped: boolean } {
  const source = {
    id: 'player',
    ctx: null as PlaySourceContext | null,
    stopped: false,
    start(ctx: PlaySourceContext) {
      source.ctx = ctx;
    },
    stop() {
      source.stopped = true;
    },
  };
  return source;
}

describe('play sources', () => {
  it('show what plays now on the tray line and in an event, and clear it when stopped', async () => {
    h = await queueHarness();
    const source = handSource();
    await h.core.addSource(source);
    source.ctx!.nowPlaying({ artist: 'Low', track: 'Lullaby' });
    expect(h.core.nowPlaying.current()).toMatchObject({
      artist: 'Low',
      track: 'Lullaby',
      source: 'player',
    });
    expect(h.events).toContainEqual({
      type: 'now-playing',
      track: expect.objectContaining({ artist: 'Low', track: 'Lullaby' }),
    });
    source.ctx!.nowPlaying(null);
    expect(h.core.nowPlaying.current()).toBeNull();
    expect(h.events.at(-1)).toEqual({ type: 'now-playing', track: null });
  });

  it('submit a batch where a stale or bad play is refused alone and the rest are queued', async () => {
    h = await queueHarness();
    const source = handSource();
    await h.core.addSource(source);
    const nowSec = Math.floor(h.now() / 1000);
    const outcomes: EnqueueOutcome[] = source.ctx!.submit([
      { artist: 'Low', track: 'Words', timestamp: nowSec - 600 },
      { artist: 'Low', track: 'Too Old', timestamp: nowSec - 30 * 86_400 },
      { artist: '', track: 'No Artist', timestamp: nowSec - 300 },
      { artist: 'Low', track: 'Sunflower', timestamp: nowSec - 120 },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, false, true]);
    expect(outcomes[1]).toMatchObject({ ok: false, problems: [{ field: 'timestamp' }] });
    expect(outcomes[2]).toMatchObject({ ok: false, problems: [{ field: 'artist' }] });
    const queued = h.core.queue.list({}).items;
    expect(queued.map((r) => [r.track, r.source]).sort()).toEqual([
      ['Sunflower', 'player'],
      ['Words', 'player'],
    ]);
    const ids = outcomes.flatMap((o) => (o.ok ? o.ids : []));
    expect(ids.sort()).toEqual(queued.map((r) => r.id).sort());
  });

  it('are stopped when the core closes', async () => {
    h = await queueHarness();
    const source = handSource();
    await h.core.addSource(source);
    await h.core.close();
    expect(source.stopped).toBe(true);
    expect(source.ctx!.signal.aborted).toBe(true);
  });
});
