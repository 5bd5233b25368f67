import { describe, expect, it } from 'vitest';
import { describeOutcome } from '../../../src/renderer/lib/outcome.js';
import { ROW_NOW, storedRow } from '../../support/stored-row.js';

const now = ROW_NOW;
const row = storedRow;

describe('describeOutcome', () => {
  it('says "Queued — sending…" and keeps watching while the scrobble waits', () => {
    expect(describeOutcome([row({})], now)).toEqual({
      settled: false,
      text: 'Queued — sending…',
      tone: 'info',
    });
  });

  it('says why a queued scrobble is not being sent when its service is on hold', () => {
    const outcome = describeOutcome([row({})], now, {
      lastfm: 'it is sent once you sign in to Last.fm (Account)',
    });
    expect(outcome).toEqual({
      settled: false,
      text: 'Queued — it is sent once you sign in to Last.fm (Account).',
      tone: 'warning',
    });
  });

  it('reports acceptance with the corrections the service made', () => {
    const accepted = row({
      state: 'accepted',
      recorded: { artist: 'The Beatles', track: 'Something', album: '', albumArtist: '' },
      corrected: { artist: true, track: false, album: false, albumArtist: false },
    });
    const outcome = describeOutcome([accepted], now);
    expect(outcome.settled).toBe(true);
    expect(outcome.text).toBe(
      'Accepted: “Something” by the beatles, recorded with corrections (Artist: the beatles → The Beatles).',
    );
  });

  it('gives the reason for an ignored scrobble', () => {
    const outcome = describeOutcome(
      [row({ state: 'ignored', ignoredCode: 3, reason: 'The play is too old.' })],
      now,
    );
    expect(outcome).toMatchObject({ settled: true, tone: 'warning' });
    expect(outcome.text).toBe('Ignored: “Something” by the beatles. The play is too old.');
  });

  it('explains a retry in words and keeps watching', () => {
    const outcome = describeOutcome(
      [
        row({
          state: 'retrying',
          attempts: 1,
          nextAttemptAt: now + 30_000,
          lastError: 'HTTP 503',
          lastErrorClass: 'transient',
        }),
      ],
      now,
    );
    expect(outcome.settled).toBe(false);
    expect(outcome.text).toBe(
      'Not sent yet — The service could not be reached or had a temporary problem. Next try in 30 s. It stays queued and will be sent.',
    );
  });

  it('sums up an album', () => {
    const accepted = row({
      state: 'accepted',
      recorded: { artist: 'x', track: 'y', album: '', albumArtist: '' },
      corrected: { artist: false, track: false, album: false, albumArtist: false },
    });
    const outcome = describeOutcome(
      [accepted, { ...accepted, id: 2 }, row({ id: 3, state: 'ignored', reason: 'Spam.' })],
      now,
    );
    expect(outcome).toEqual({
      settled: true,
      text: '2 scrobbles accepted, 1 ignored. Spam.',
      tone: 'warning',
    });
  });
});
