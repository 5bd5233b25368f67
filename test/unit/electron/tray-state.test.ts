import { describe, expect, it } from 'vitest';
import {
  NO_ACTIVITY,
  nextActivity,
  trayStatus,
  type TrayFacts,
} from '../../../src/main/electron/tray-state.js';
import { account, NOW, report, signedOut, stats, target } from './fixtures.js';

const HOUR = 3_600_000;

function facts(patch: Partial<TrayFacts> = {}): TrayFacts {
  return {
    stats: stats(),
    targets: [target()],
    accounts: [account(), signedOut('librefm', 'Libre.fm')],
    lastReports: [],
    flushing: false,
    now: NOW,
    ...patch,
  };
}

describe('tray state', () => {
  it('is idle with nothing waiting', () => {
    const s = trayStatus(facts());
    expect(s.kind).toBe('idle');
    expect(s.attention).toEqual([]);
    expect(s.waiting).toBe(0);
    expect(s.tooltip).toBe('Scrobbletray — nothing waiting');
  });

  it('is idle, with the count, when scrobbles wait for a later retry', () => {
    const s = trayStatus(facts({ stats: stats({ retrying: 2, accepted: 40 }) }));
    expect(s.kind).toBe('idle');
    expect(s.tooltip).toBe('Scrobbletray — 2 waiting');
  });

  it('is sending while a flush runs, counting queued, sending and retrying', () => {
    const s = trayStatus(
      facts({ stats: stats({ queued: 1, sending: 1, retrying: 1 }), flushing: true }),
    );
    expect(s.kind).toBe('sending');
    expect(s.waiting).toBe(3);
    expect(s.tooltip).toBe('Scrobbletray — 3 waiting, sending…');
    expect(s.summary).toBe('3 waiting, sending…');
  });

  it('is paused when the user paused a target, even while a flush winds down', () => {
    const s = trayStatus(
      facts({
        stats: stats({ queued: 4 }),
        targets: [target({ userPaused: true })],
        flushing: true,
      }),
    );
    expect(s.kind).toBe('paused');
    expect(s.tooltip).toBe('Scrobbletray — 4 waiting, paused');
  });

  it('is offline while the service is unreachable and scrobbles wait', () => {
    const s = trayStatus(
      facts({
        stats: stats({ retrying: 5 }),
        targets: [target({ pauseReason: 'unreachable', pausedUntil: NOW + 60_000 })],
      }),
    );
    expect(s.kind).toBe('offline');
    expect(s.tooltip).toBe('Scrobbletray — 5 waiting, offline, will retry');
  });

  it('is offline after a flush that could not reach the service', () => {
    const s = trayStatus(
      facts({
        stats: stats({ retrying: 1 }),
        lastReports: [report({ stoppedBecause: 'unreachable', deferred: 1 })],
      }),
    );
    expect(s.kind).toBe('offline');
  });

  it('says the service is busy during a rate-limit pause', () => {
    const s = trayStatus(
      facts({
        stats: stats({ queued: 2 }),
        targets: [target({ pauseReason: 'rate-limited', pausedUntil: NOW + 1000 })],
      }),
    );
    expect(s.kind).toBe('offline');
    expect(s.summary).toBe('2 waiting, service busy, will retry');
  });

  it('is not offline once the outage pause has passed, or with nothing waiting', () => {
    const past = target({ pauseReason: 'unreachable', pausedUntil: NOW - 1 });
    expect(trayStatus(facts({ stats: stats({ queued: 1 }), targets: [past] })).kind).toBe('idle');
    const future = target({ pauseReason: 'unreachable', pausedUntil: NOW + HOUR });
    expect(trayStatus(facts({ targets: [future] })).kind).toBe('idle');
  });

  it('prefers sending to offline: a flush is trying again', () => {
    const s = trayStatus(
      facts({
        stats: stats({ retrying: 1 }),
        targets: [target({ pauseReason: 'unreachable', pausedUntil: NOW + 1000 })],
        flushing: true,
      }),
    );
    expect(s.kind).toBe('sending');
  });

  describe('attention', () => {
    it('when a signed-in account must sign in again', () => {
      const s = trayStatus(
        facts({ stats: stats({ queued: 3 }), accounts: [account({ needsSignIn: true })] }),
      );
      expect(s.kind).toBe('attention');
      expect(s.attention).toEqual(['sign-in-again']);
      expect(s.tooltip).toBe('Scrobbletray — 3 waiting, sign in needed');
    });

    it('when the queue marks a target as needing sign-in', () => {
      const s = trayStatus(facts({ targets: [target({ needsAuth: true })] }));
      expect(s.attention).toEqual(['sign-in-again']);
    });

    it('when nobody is signed in anywhere', () => {
      const s = trayStatus(
        facts({ stats: stats({ queued: 1 }), accounts: [signedOut(), signedOut('librefm')] }),
      );
      expect(s.kind).toBe('attention');
      expect(s.attention).toEqual(['not-signed-in']);
      expect(s.summary).toBe('1 waiting, not signed in');
    });

    it('when scrobbles failed for good, with their count', () => {
      const s = trayStatus(facts({ stats: stats({ failed: 2, accepted: 9 }) }));
      expect(s.kind).toBe('attention');
      expect(s.attention).toEqual(['failed']);
      expect(s.tooltip).toBe('Scrobbletray — nothing waiting, 2 failed');
    });

    it('while the daily cap holds, and not after it resets', () => {
      const capped = target({ pauseReason: 'daily-cap', pausedUntil: NOW + HOUR });
      const s = trayStatus(facts({ stats: stats({ queued: 7 }), targets: [capped] }));
      expect(s.kind).toBe('attention');
      expect(s.attention).toEqual(['daily-cap']);
      expect(s.summary).toBe('7 waiting, daily limit reached');
      const reset = target({ pauseReason: 'daily-cap', pausedUntil: NOW - 1 });
      expect(trayStatus(facts({ targets: [reset] })).kind).toBe('idle');
    });

    it('while a service blocks this app version (1.2 BANNED), saying to update', () => {
      const blocked = target({ pauseReason: 'client-blocked', pausedUntil: NOW + 24 * HOUR });
      const s = trayStatus(facts({ stats: stats({ queued: 3 }), targets: [blocked] }));
      expect(s.kind).toBe('attention');
      expect(s.attention).toEqual(['update-needed']);
      expect(s.summary).toBe('3 waiting, a service blocked this version: update');
    });

    it('beats paused and sending, and lists every cause after the activity', () => {
      const s = trayStatus(
        facts({
          stats: stats({ queued: 3, failed: 1 }),
          targets: [
            target({ userPaused: true, needsAuth: true }),
            target({ target: 'librefm', pauseReason: 'daily-cap', pausedUntil: NOW + HOUR }),
          ],
          flushing: true,
        }),
      );
      expect(s.kind).toBe('attention');
      expect(s.attention).toEqual(['sign-in-again', 'failed', 'daily-cap']);
      expect(s.summary).toBe('3 waiting, paused, sign in needed, 1 failed, daily limit reached');
    });
  });
});

describe('tray activity from core events', () => {
  it('tracks running flushes per target and keeps the latest report', () => {
    let a = nextActivity(NO_ACTIVITY, { type: 'flush-started', target: 'lastfm', due: 3 });
    a = nextActivity(a, { type: 'flush-started', target: 'librefm', due: 1 });
    expect([...a.flushing]).toEqual(['lastfm', 'librefm']);

    const done = report({ target: 'lastfm', sent: 3, accepted: 3 });
    a = nextActivity(a, { type: 'flush-finished', report: done });
    expect([...a.flushing]).toEqual(['librefm']);
    expect(a.lastReports.get('lastfm')).toBe(done);

    const again = report({ target: 'lastfm', stoppedBecause: 'unreachable' });
    a = nextActivity(a, { type: 'flush-finished', report: again });
    expect(a.lastReports.get('lastfm')).toBe(again);
    expect(a.lastReports.size).toBe(1);
  });

  it('ignores other events and never changes the state it was given', () => {
    const before = NO_ACTIVITY;
    expect(nextActivity(before, { type: 'queue-changed', target: 'lastfm' })).toBe(before);
    nextActivity(before, { type: 'flush-started', target: 'lastfm', due: 1 });
    expect(before.flushing.size).toBe(0);
  });

  it('a flush stopped before it started (paused, blocked) only records its report', () => {
    const blocked = report({ stoppedBecause: 'paused' });
    const a = nextActivity(NO_ACTIVITY, { type: 'flush-finished', report: blocked });
    expect(a.flushing.size).toBe(0);
    expect(a.lastReports.get('lastfm')).toBe(blocked);
  });
});
