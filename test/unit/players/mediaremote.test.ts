import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  foldAdapterData,
  parseAdapterLine,
  type AdapterPayload,
} from '../../../src/main/sources/players/mediaremote/adapter-lines.js';
import {
  positionNow,
  snapshotOf,
} from '../../../src/main/sources/players/mediaremote/adapter-mapping.js';
import { MediaRemoteFeed } from '../../../src/main/sources/players/mediaremote/mediaremote-feed.js';
import type { FeedSink } from '../../../src/main/sources/players/player-feed.js';
import type { PlayerInput } from '../../../src/main/sources/players/types.js';

// MediaRemote needs macOS, so the real adapter cannot run here. The lines below are the
// adapter's documented sample output (its README), and the feed test spawns a real child
// process, a Perl stand-in that prints those lines the way the adapter streams them.

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

describe('MediaRemote adapter lines', () => {
  it('folds full and diff payloads; null clears a key; an empty full payload clears all', () => {
    let state: AdapterPayload = {};
    state = foldAdapterData(
      state,
      parseAdapterLine(
        '{"type":"data","diff":false,"payload":{"title":"A","playing":false,"album":"X"}}',
      )!,
    );
    state = foldAdapterData(
      state,
      parseAdapterLine('{"type":"data","diff":true,"payload":{"playing":true,"album":null}}')!,
    );
    expect(state).toEqual({ title: 'A', playing: true });
    state = foldAdapterData(state, parseAdapterLine('{"type":"data","diff":false,"payload":{}}')!);
    expect(state).toEqual({});
  });

  it('ignores blank lines and other message types, and names a broken line', () => {
    expect(parseAdapterLine('   ')).toBeNull();
    expect(parseAdapterLine('{"type":"something-new"}')).toBeNull();
    expect(() => parseAdapterLine('{"type":')).toThrow(/not JSON/);
  });

  it('maps both the --micros keys and the seconds keys', () => {
    const micros = snapshotOf({
      bundleIdentifier: 'com.tidal.desktop',
      title: 'Cigarety',
      artist: 'Sara Rikas',
      album: 'Ja, Sára',
      playing: true,
      durationMicros: 281346077,
      elapsedTimeMicros: 12772000,
      timestampEpochMicros: 1747260324723482,
    });
    expect(micros).toMatchObject({
      app: 'com.tidal.desktop',
      status: 'playing',
      track: { artist: 'Sara Rikas', title: 'Cigarety', album: 'Ja, Sára', lengthMs: 281346 },
      positionMs: 12772,
      positionAt: 1747260324723.482,
    });
    expect(positionNow(micros!, 1747260324723.482 + 2000)).toBeCloseTo(14772);

    const seconds = snapshotOf({
      bundleIdentifier: 'com.spotify.client',
      parentApplicationBundleIdentifier: null,
      title: 'T',
      playing: false,
      duration: 200.5,
      elapsedTime: 3,
      timestamp: '2025-05-14T20:00:00Z',
      playbackRate: 1,
    });
    expect(seconds).toMatchObject({
      app: 'com.spotify.client',
      status: 'paused',
      track: { artist: null, lengthMs: 200500 },
      positionMs: 3000,
      positionAt: Date.parse('2025-05-14T20:00:00Z'),
      rate: 1,
    });
    expect(snapshotOf({ title: 'no app' })).toBeNull();
  });
});

describe('MediaRemote feed', () => {
  it('spawns the helper, streams its lines into player inputs, and stops it with SIGTERM', async () => {
    const inputs: [string, PlayerInput['type'], unknown][] = [];
    const events: string[] = [];
    const problems: string[] = [];
    let done: () => void = () => {};
    const finished = new Promise<void>((r) => (done = r));
    const sink: FeedSink = {
      appeared: (p) => {
        events.push(`seen ${p.name}`);
        return true;
      },
      input: (id, input) =>
        inputs.push([
          id,
          input.type,
          input.type === 'track'
            ? input.track.title
            : input.type === 'status'
              ? input.status
              : null,
        ]),
      vanished: (id) => {
        events.push(`gone ${id}`);
        if (id === 'com.apple.Music') done();
      },
      problem: (message) => problems.push(message),
    };
    const feed = new MediaRemoteFeed({
      perlPath: '/usr/bin/perl',
      scriptPath: fixture('fake-mediaremote-adapter.pl'),
      frameworkPath: fixture('mediaremote-stream.jsonl'),
      platform: 'darwin',
    });
    await feed.start(sink);
    await finished;
    await feed.stop();
    expect(events).toEqual([
      'seen com.tidal.desktop',
      'gone com.tidal.desktop',
      'seen com.apple.music',
      'gone com.apple.Music',
    ]);
    const tidal = inputs
      .filter(([id]) => id === 'com.tidal.desktop')
      .map(([, type, v]) => [type, v]);
    expect(tidal).toEqual([
      ['track', 'Cigarety'],
      ['position', null],
      ['status', 'paused'],
      // Each length correction (281.346 -> 281.000 -> 281.346 s) is passed on as the same
      // item (the rule keeps one play); each new timestamp as a position.
      ['track', 'Cigarety'],
      ['position', null],
      ['track', 'Cigarety'],
      ['position', null],
      ['status', 'playing'],
      ['position', null],
      ['status', 'paused'],
    ]);
    // The stand-in's stderr (how the real adapter reports errors) reaches the user.
    expect(problems).toEqual(['MediaRemote helper: options: --micros --debounce=100']);
  });

  it('refuses to start anywhere but macOS, saying so', async () => {
    const feed = new MediaRemoteFeed({ scriptPath: 'x', frameworkPath: 'y', platform: 'linux' });
    const sink = { appeared: () => true, input: () => {}, vanished: () => {}, problem: () => {} };
    await expect(feed.start(sink)).rejects.toThrow(/only on macOS, not on linux/);
  });
});
