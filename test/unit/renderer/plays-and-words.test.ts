import { describe, expect, it } from 'vitest';
import type { TargetState } from '../../../src/shared/queue-types.js';
import {
  plainWords,
  rawError,
  retrySchedule,
  rowDetail,
  serviceStatus,
  targetHold,
} from '../../../src/renderer/lib/describe.js';
import { playStatuses, playsOf, rowsIn } from '../../../src/renderer/lib/plays.js';
import { ROW_NOW, storedRow } from '../../support/stored-row.js';

const now = ROW_NOW;
const row = storedRow;

function target(patch: Partial<TargetState> = {}): TargetState {
  return {
    target: 'lastfm',
    pausedUntil: null,
    pauseReason: null,
    userPaused: false,
    needsAuth: false,
    ...patch,
  } as TargetState;
}

describe('plainWords', () => {
  it.each([
    [
      'track.scrobble failed: Invalid parameters - Your request is missing a required parameter (Last.fm error 6)',
      'Invalid parameters - Your request is missing a required parameter.',
    ],
    [
      'user.getRecentTracks failed: HTTP 503 from 127.0.0.1:43121',
      'The server answered with an error.',
    ],
    [
      'Not signed in to Last.fm: run `scrobbletray login --service lastfm`.',
      'Not signed in to Last.fm: sign in again in Account.',
    ],
    ['connect ECONNREFUSED 127.0.0.1:9', 'Could not connect to the server.'],
  ])('%s', (raw, words) => {
    expect(plainWords(raw)).toBe(words);
  });

  it('never leaves a method name, an error number, an address or a command', () => {
    const raws = [
      'track.scrobble failed: Invalid session key - Please re-authenticate (Last.fm error 9)',
      'auth.getToken failed: Invalid API key (Last.fm error 10)',
      'track.updateNowPlaying failed: HTTP 500 from http://127.0.0.1:5555/2.0/',
      'No API key for Libre.fm: run scrobbletray login --service librefm and enter them',
      'Rate limit exceeded (error 29)',
    ];
    for (const raw of raws) {
      const words = plainWords(raw);
      expect(words).not.toMatch(
        /\b[a-z]+\.[a-z]+[A-Z]\w*|error \d|\(\d+\)|\b\d{3}\b|127\.0|scrobbletray /,
      );
      expect(words.length).toBeGreaterThan(0);
    }
  });

  it('keeps the raw text for Details', () => {
    const r = row({ state: 'failed', lastError: 'track.scrobble failed: Bad (Last.fm error 6)' });
    expect(rawError(r)).toBe('track.scrobble failed: Bad (Last.fm error 6)');
  });
});

describe('one next try for the bar and the rows', () => {
  it('a retrying row waits for the service’s pause when that ends later', () => {
    const retrying = row({ state: 'retrying', attempts: 1, nextAttemptAt: now - 5_000 });
    const paused = target({ pausedUntil: now + 38_000, pauseReason: 'unreachable' });
    expect(retrySchedule(retrying, now, paused)).toBe('1 failed attempt · next try in 38 s');
    expect(targetHold(paused, now)).toBe('Service unreachable · next try in 38 s');
    expect(retrySchedule(retrying, now)).toBe('1 failed attempt · next try now');
  });
});

describe('queued rows say why they wait', () => {
  it('paused, needs sign-in, or simply waiting', () => {
    const queued = row({ state: 'queued' });
    expect(rowDetail(queued, now, target({ userPaused: true }), 'Last.fm')).toBe(
      'Not sent yet: sending is paused; press Resume to send it.',
    );
    expect(rowDetail(queued, now, target({ needsAuth: true }), 'Last.fm')).toBe(
      'Not sent yet: it is sent once you sign in to Last.fm (Account).',
    );
    expect(rowDetail(queued, now, target(), 'Last.fm')).toBe('Waiting to be sent.');
  });
});

describe('serviceStatus', () => {
  it('says what each service did with the play', () => {
    const say = (patch: Parameters<typeof row>[0], hold?: TargetState) =>
      serviceStatus(row(patch), 'Libre.fm', now, hold).text;
    expect(say({ state: 'accepted' })).toBe('Accepted by Libre.fm');
    expect(
      say({
        state: 'accepted',
        artist: 'the beatles',
        recorded: { artist: 'The Beatles', track: 'Something', album: '', albumArtist: '' },
        corrected: { artist: true, track: false, album: false, albumArtist: false },
      }),
    ).toBe('Corrected by Libre.fm');
    expect(say({ state: 'ignored', ignoredKind: 'duplicate', ignoredCode: 91 })).toBe(
      'Ignored by Libre.fm: duplicate',
    );
    expect(say({ state: 'ignored', ignoredKind: 'too-old' })).toBe('Ignored by Libre.fm: too old');
    expect(say({ state: 'queued' })).toBe('Waiting for Libre.fm');
    expect(say({ state: 'queued' }, target({ userPaused: true }))).toBe(
      'Waiting for Libre.fm: sending is paused',
    );
    expect(say({ state: 'queued' }, target({ needsAuth: true }))).toBe(
      'Waiting for Libre.fm: sign in to send',
    );
    expect(say({ state: 'failed' })).toBe('Refused by Libre.fm');
    expect(say({ state: 'sending' })).toBe('Sending to Libre.fm');
  });
});

describe('plays', () => {
  const lastfm = row({ id: 1, target: 'lastfm', state: 'accepted' });
  const librefm = row({ id: 2, target: 'librefm', state: 'failed' });
  const lb = row({ id: 3, target: 'listenbrainz', state: 'queued' });

  it('pairs a page’s items with their plays; a page without plays has one row each', () => {
    const [play] = playsOf({ items: [librefm], plays: [[lastfm, librefm, lb]] });
    expect(play?.lead.id).toBe(2);
    expect(play?.rows.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(playsOf({ items: [lastfm] })[0]?.rows).toEqual([lastfm]);
  });

  it('acts on the rows the filter lists, and lists each service’s status', () => {
    const play = { lead: librefm, rows: [lastfm, librefm, lb] };
    expect(rowsIn(play, ['failed', 'ignored']).map((r) => r.id)).toEqual([2]);
    expect(rowsIn(play, ['queued', 'failed']).map((r) => r.id)).toEqual([2, 3]);
    const names: Record<string, string> = {
      lastfm: 'Last.fm',
      librefm: 'Libre.fm',
      listenbrainz: 'ListenBrainz',
    };
    expect(playStatuses(play, (id) => names[id] ?? id, now).map((s) => s.text)).toEqual([
      'Accepted by Last.fm',
      'Refused by Libre.fm',
      'Waiting for ListenBrainz',
    ]);
  });
});
