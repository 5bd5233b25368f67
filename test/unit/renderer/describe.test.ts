import { describe, expect, it } from 'vitest';
import {
  corrections,
  correctionText,
  flushSummary,
  holdSentence,
  rowDetail,
  targetHold,
} from '../../../src/renderer/lib/describe.js';
import { ROW_NOW, storedRow } from '../../support/stored-row.js';

const now = ROW_NOW;
const row = storedRow;

describe('rowDetail', () => {
  it('gives a retrying row its attempts, next try and last error in words', () => {
    const text = rowDetail(
      row({
        state: 'retrying',
        attempts: 2,
        nextAttemptAt: now + 4 * 60_000,
        lastError: 'HTTP 503 from the server',
        lastErrorClass: 'transient',
      }),
      now,
    );
    expect(text).toBe(
      // The class says it all; the server's "HTTP 503" stays under Details.
      '2 failed attempts · next try in 4 min · The service could not be reached or had a temporary problem.',
    );
  });

  it('gives ignored and failed rows their reason', () => {
    expect(rowDetail(row({ state: 'ignored', reason: 'The play is too old.' }), now)).toBe(
      'The play is too old.',
    );
    expect(
      rowDetail(
        row({ state: 'failed', lastError: 'Invalid parameters', lastErrorClass: 'permanent' }),
        now,
      ),
    ).toBe('The service refused this scrobble: Invalid parameters.');
  });
});

describe('corrections', () => {
  it('lists what the service changed, as sent → recorded', () => {
    const r = row({
      state: 'accepted',
      recorded: { artist: 'The Beatles', track: 'Something', album: '', albumArtist: '' },
      corrected: { artist: true, track: false, album: false, albumArtist: false },
    });
    expect(corrections(r).map(correctionText)).toEqual(['Artist: the beatles → The Beatles']);
  });

  it('is empty for an uncorrected scrobble', () => {
    const r = row({
      state: 'accepted',
      recorded: { artist: 'the beatles', track: 'Something', album: '', albumArtist: '' },
      corrected: { artist: false, track: false, album: false, albumArtist: false },
    });
    expect(corrections(r)).toEqual([]);
  });
});

describe('targetHold', () => {
  const free = {
    target: 'lastfm',
    pausedUntil: null,
    pauseReason: null,
    userPaused: false,
    needsAuth: false,
  };

  it('puts sign-in first, then a user pause, then timed waits', () => {
    expect(targetHold({ ...free, needsAuth: true, userPaused: true }, now)).toBe('Needs sign-in');
    expect(targetHold({ ...free, userPaused: true }, now)).toBe('Paused');
    expect(
      targetHold({ ...free, pausedUntil: now + 120_000, pauseReason: 'rate-limited' }, now),
    ).toBe('Rate-limited · resumes in 2 min');
    expect(
      targetHold({ ...free, pausedUntil: now - 1, pauseReason: 'rate-limited' }, now),
    ).toBeNull();
    expect(targetHold(free, now)).toBeNull();
  });

  it('says what to do when a service blocked this app version (1.2 BANNED)', () => {
    const blocked = { ...free, pausedUntil: now + 86_400_000, pauseReason: 'client-blocked' };
    expect(targetHold(blocked, now)).toBe('Blocked this app version · update, then Send now');
    expect(holdSentence(blocked, now, 'My GNU FM')).toBe(
      'My GNU FM has blocked this version of Scrobbletray; update it, then press Send now',
    );
  });
});

describe('flushSummary', () => {
  it('counts outcomes and explains an early stop', () => {
    const report = {
      target: 'lastfm',
      sent: 3,
      accepted: 2,
      ignored: 1,
      failed: 0,
      deferred: 0,
      recovered: 0,
      stoppedBecause: 'done' as const,
      detail: null,
      nextAttemptAt: null,
    };
    expect(flushSummary(report)).toBe('2 scrobbles accepted, 1 ignored.');
    expect(
      flushSummary({
        ...report,
        accepted: 0,
        ignored: 0,
        deferred: 3,
        stoppedBecause: 'unreachable',
        detail: 'Last.fm is unreachable.',
      }),
    ).toBe('3 will be retried. Last.fm is unreachable.');
  });
});

describe('holdSentence', () => {
  const free = {
    target: 'lastfm',
    pausedUntil: null,
    pauseReason: null,
    userPaused: false,
    needsAuth: false,
  };

  it('tells what has to happen before a queued scrobble is sent', () => {
    expect(holdSentence({ ...free, needsAuth: true }, now, 'Last.fm')).toBe(
      'it is sent once you sign in to Last.fm (Account)',
    );
    expect(holdSentence({ ...free, userPaused: true }, now, 'Last.fm')).toBe(
      'sending is paused; press Resume to send it',
    );
    expect(
      holdSentence(
        { ...free, pausedUntil: now + 3 * 3600_000, pauseReason: 'daily-cap' },
        now,
        'Last.fm',
      ),
    ).toBe('the daily scrobble limit was reached; it is sent in 3 h');
    expect(holdSentence(free, now, 'Last.fm')).toBeNull();
  });
});
