import { describe, expect, it } from 'vitest';
import { PlayTracker, type PlayRules } from '../../../src/main/sources/players/play-rule.js';
import {
  emptyTrack,
  type PlayAction,
  type PlayerInput,
  type PlayerTrack,
} from '../../../src/main/sources/players/types.js';

// Scripted sequences through the pure rule. `drive` plays the part of the watcher's timer:
// before each input it delivers the ticks the tracker asked for, so actions come out at the
// moment a real watcher would produce them.

const T0 = Date.UTC(2026, 11, 5, 9, 0, 0);
const s = (seconds: number) => T0 + seconds * 1000;

function track(
  title: string,
  lengthS: number | null,
  artist: string | null = 'Artist',
): PlayerTrack {
  return {
    ...emptyTrack(),
    artist,
    title,
    album: 'Album',
    lengthMs: lengthS === null ? null : lengthS * 1000,
  };
}

interface Timed {
  at: number;
  action: PlayAction;
}

function drive(tracker: PlayTracker, inputs: PlayerInput[], untilAt?: number): Timed[] {
  const out: Timed[] = [];
  const feed = (input: PlayerInput) => {
    for (const action of tracker.handle(input)) out.push({ at: input.at, action });
  };
  const tickUntil = (limit: number) => {
    for (
      let wake = tracker.nextWakeAt();
      wake !== null && wake <= limit;
      wake = tracker.nextWakeAt()
    ) {
      feed({ type: 'tick', at: wake });
    }
  };
  for (const input of inputs) {
    tickUntil(input.at);
    feed(input);
  }
  if (untilAt !== undefined) tickUntil(untilAt);
  return out;
}

const trackOf = (a: PlayAction) =>
  a.type === 'scrobble' ? a.scrobble.track : (a.track?.track ?? null);
const types = (timed: Timed[]) => timed.map((t) => t.action.type);
const scrobbles = (timed: Timed[]) =>
  timed.flatMap((t) => (t.action.type === 'scrobble' ? [{ at: t.at, ...t.action }] : []));
const skips = (timed: Timed[]) =>
  timed.flatMap((t) => (t.action.type === 'skip' ? [t.action] : []));

function startPlaying(at: number, t: PlayerTrack): PlayerInput[] {
  return [
    { type: 'track', at, track: t },
    { type: 'status', at, status: 'playing' },
  ];
}

describe('the play rule', () => {
  it('scrobbles at half the length, timestamped when the play started', () => {
    const out = drive(new PlayTracker(), startPlaying(s(0), track('Song', 200)), s(300));
    expect(types(out)).toEqual(['now-playing', 'scrobble']);
    expect(out[0]!.at).toBe(s(1)); // after the 1 s settle delay
    const [scrobble] = scrobbles(out);
    expect(scrobble!.at).toBe(s(100));
    expect(scrobble!.scrobble).toMatchObject({
      artist: 'Artist',
      track: 'Song',
      album: 'Album',
      duration: 200,
      timestamp: Math.floor(s(0) / 1000),
    });
  });

  it('needs at most 4 minutes of play for a long track', () => {
    const out = drive(new PlayTracker(), startPlaying(s(0), track('Long', 1200)), s(1200));
    expect(scrobbles(out).map((x) => x.at)).toEqual([s(240)]);
  });

  it('does not count paused time, and keeps the original start time', () => {
    const out = drive(
      new PlayTracker(),
      [
        ...startPlaying(s(0), track('Song', 200)),
        { type: 'status', at: s(60), status: 'paused' },
        { type: 'status', at: s(660), status: 'playing' },
      ],
      s(2000),
    );
    const [scrobble] = scrobbles(out);
    expect(scrobble!.at).toBe(s(700)); // 60 s before the pause + 40 s after it
    expect(scrobble!.playedMs).toBe(100_000);
    expect(scrobble!.scrobble.timestamp).toBe(Math.floor(s(0) / 1000));
  });

  it('does not count a zero playback rate as playing', () => {
    const out = drive(
      new PlayTracker(),
      [
        ...startPlaying(s(0), track('Song', 200)),
        { type: 'rate', at: s(10), rate: 0 },
        { type: 'rate', at: s(110), rate: 1 },
      ],
      s(1000),
    );
    expect(scrobbles(out).map((x) => x.at)).toEqual([s(200)]);
  });

  it('adds no play time for a seek forward', () => {
    const out = drive(
      new PlayTracker(),
      [
        ...startPlaying(s(0), track('Song', 200)),
        { type: 'seeked', at: s(10), positionMs: 180_000 },
      ],
      s(1000),
    );
    expect(scrobbles(out).map((x) => x.at)).toEqual([s(100)]);
  });

  it('treats a jump back to the start as a new play (repeat), scrobbling each play once', () => {
    const out = drive(
      new PlayTracker(),
      [
        ...startPlaying(s(0), track('Loop', 200)),
        // mpv's loop: a negative Seeked to 0 and no metadata change.
        { type: 'seeked', at: s(200), positionMs: 0 },
      ],
      s(450),
    );
    expect(types(out)).toEqual(['now-playing', 'scrobble', 'now-playing', 'scrobble']);
    const times = scrobbles(out).map((x) => x.scrobble.timestamp);
    expect(times).toEqual([Math.floor(s(0) / 1000), Math.floor(s(200) / 1000)]);
  });

  it('notices a restart from a polled position when the player sends no Seeked', () => {
    const out = drive(
      new PlayTracker(),
      [
        ...startPlaying(s(0), track('Song', 200)),
        { type: 'position', at: s(30), positionMs: 30_000 },
        { type: 'position', at: s(50), positionMs: 1_000 },
      ],
      s(60),
    );
    const [skip] = skips(out);
    expect(skip).toMatchObject({ reason: 'not-played-enough', playedMs: 50_000 });
    expect(types(out)).toEqual(['now-playing', 'skip', 'now-playing']);
  });

  it('does not call a small step back a restart', () => {
    const out = drive(
      new PlayTracker(),
      [
        ...startPlaying(s(0), track('Song', 200)),
        { type: 'seeked', at: s(60), positionMs: 50_000 },
        { type: 'position', at: s(62), positionMs: 52_000 },
      ],
      s(150),
    );
    expect(types(out)).toEqual(['now-playing', 'scrobble']);
    expect(scrobbles(out)[0]!.at).toBe(s(100));
  });

  it('completes the same play when metadata arrives in pieces (mpv: file name first)', () => {
    const fileName = { ...emptyTrack(), title: 'a.ogg', lengthMs: 200_000 };
    const out = drive(
      new PlayTracker(),
      [
        { type: 'track', at: s(0), track: fileName },
        { type: 'status', at: s(0), status: 'playing' },
        { type: 'track', at: s(0) + 100, track: track('Real Title', 200) },
      ],
      s(300),
    );
    expect(types(out)).toEqual(['now-playing', 'scrobble']);
    expect(out[0]!.action).toMatchObject({ track: { track: 'Real Title' } });
    expect(scrobbles(out)[0]!.scrobble.timestamp).toBe(Math.floor(s(0) / 1000));
  });

  it('makes no play of the old track when the position resets just before new metadata', () => {
    // mpv on "next": Position reads 0 about 80 ms before the new file's metadata arrives.
    const out = drive(
      new PlayTracker(),
      [
        ...startPlaying(s(0), track('First', 200)),
        { type: 'position', at: s(40), positionMs: 0 },
        { type: 'track', at: s(40) + 80, track: { ...emptyTrack(), title: 'b.ogg' } },
        { type: 'track', at: s(40) + 180, track: track('Second', 200) },
      ],
      s(60),
    );
    expect(out.map((t) => [t.action.type, trackOf(t.action)])).toEqual([
      ['now-playing', 'First'],
      ['skip', 'First'],
      ['now-playing', 'Second'],
    ]);
  });

  it('ends the play on a real track change, with the reason it did not count', () => {
    const out = drive(
      new PlayTracker(),
      [
        ...startPlaying(s(0), track('First', 200)),
        { type: 'track', at: s(20), track: track('Second', 200) },
      ],
      s(30),
    );
    expect(types(out)).toEqual(['now-playing', 'skip', 'now-playing']);
    expect(skips(out)[0]).toMatchObject({
      reason: 'not-played-enough',
      detail: 'played 20 s of the 100 s needed',
      track: { track: 'First' },
    });
  });

  it('never scrobbles a track of 30 s or less', () => {
    const out = drive(
      new PlayTracker(),
      [
        ...startPlaying(s(0), track('Jingle', 30)),
        { type: 'status', at: s(30), status: 'stopped' },
      ],
      s(60),
    );
    expect(scrobbles(out)).toEqual([]);
    expect(skips(out)[0]).toMatchObject({ reason: 'too-short' });
  });

  it('scrobbles an unknown length after 30 s of play, or never when so configured', () => {
    const stream = startPlaying(s(0), track('Stream', null));
    const out = drive(new PlayTracker(), stream, s(100));
    expect(scrobbles(out).map((x) => x.at)).toEqual([s(30)]);
    expect(scrobbles(out)[0]!.scrobble.duration).toBeUndefined();

    const never = drive(new PlayTracker({ unknownLengthPlayMs: null }), [
      ...stream,
      { type: 'gone', at: s(100) },
    ]);
    expect(scrobbles(never)).toEqual([]);
    expect(skips(never)[0]).toMatchObject({ reason: 'unknown-length' });
  });

  it('scrobbles a qualified play when the player quits before any tick', () => {
    const tracker = new PlayTracker();
    tracker.handle({ type: 'track', at: s(0), track: track('Song', 200) });
    tracker.handle({ type: 'status', at: s(0), status: 'playing' });
    const actions = tracker.handle({ type: 'gone', at: s(150) });
    expect(actions.map((a) => a.type)).toEqual(['scrobble']);
  });

  it('skips a play the player quit before it qualified', () => {
    const out = drive(new PlayTracker(), [
      ...startPlaying(s(0), track('Song', 200)),
      { type: 'gone', at: s(40) },
    ]);
    expect(types(out)).toEqual(['now-playing', 'skip']);
    expect(skips(out)[0]!.playedMs).toBe(40_000);
  });

  it('reports a track without an artist as skipped, never as now playing', () => {
    const out = drive(new PlayTracker(), [
      ...startPlaying(s(0), track('untitled.ogg', 200, null)),
      { type: 'gone', at: s(150) },
    ]);
    expect(types(out)).toEqual(['skip']);
    expect(skips(out)[0]!.reason).toBe('missing-artist-or-title');
  });

  it('starts a new play when playback starts again after a stop', () => {
    const out = drive(
      new PlayTracker(),
      [
        ...startPlaying(s(0), track('Song', 200)),
        { type: 'status', at: s(120), status: 'stopped' },
        { type: 'status', at: s(130), status: 'playing' },
      ],
      s(240),
    );
    expect(types(out)).toEqual(['now-playing', 'scrobble', 'now-playing', 'scrobble']);
    expect(scrobbles(out)[1]!.scrobble.timestamp).toBe(Math.floor(s(130) / 1000));
  });

  it('does not scrobble a play that was paused from the start', () => {
    const tracker = new PlayTracker();
    const out = drive(
      tracker,
      [
        { type: 'track', at: s(0), track: track('Song', 200) },
        { type: 'status', at: s(0), status: 'paused' },
      ],
      s(1000),
    );
    expect(out).toEqual([]);
    expect(tracker.nextWakeAt()).toBeNull();
  });

  it('takes thresholds from the caller', () => {
    const rules: Partial<PlayRules> = { minLengthMs: 2_000, maxPlayMs: 3_000, settleMs: 200 };
    const out = drive(new PlayTracker(rules), startPlaying(s(0), track('Short', 10)), s(20));
    expect(scrobbles(out).map((x) => x.at)).toEqual([s(3)]);
  });
});

describe('the play rule, for any sequence of pauses, resumes and forward seeks', () => {
  it('scrobbles at most once, only after enough play, timestamped at the first play', async () => {
    const fc = await import('fast-check');
    const step = fc.record({
      gapS: fc.integer({ min: 0, max: 120 }),
      kind: fc.constantFrom('pause', 'play', 'seek-forward', 'tick'),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 900 }),
        fc.array(step, { maxLength: 30 }),
        (lengthS, steps) => {
          const inputs: PlayerInput[] = startPlaying(s(0), track('Song', lengthS));
          let at = s(0);
          for (const { gapS, kind } of steps) {
            at += gapS * 1000;
            if (kind === 'pause') inputs.push({ type: 'status', at, status: 'paused' });
            else if (kind === 'play') inputs.push({ type: 'status', at, status: 'playing' });
            else if (kind === 'seek-forward') {
              inputs.push({ type: 'seeked', at, positionMs: lengthS * 900 });
            } else inputs.push({ type: 'tick', at });
          }
          const out = drive(new PlayTracker(), inputs, at + 3_600_000);
          const found = scrobbles(out);
          expect(found.length).toBeLessThanOrEqual(1);
          if (lengthS <= 30) expect(found).toEqual([]);
          for (const x of found) {
            expect(x.playedMs).toBeGreaterThanOrEqual(Math.min(lengthS * 500, 240_000));
            expect(x.scrobble.timestamp).toBe(Math.floor(s(0) / 1000));
          }
        },
      ),
    );
  });
});
