// Small builders for the tray's inputs: core facts as plain data.
import type { AccountSummary, FlushReport } from '../../../src/shared/core-events.js';
import type { QueueStats, TargetState } from '../../../src/shared/queue-types.js';
import type { ScrobbleState } from '../../../src/shared/scrobble-state.js';

export const NOW = Date.UTC(2025, 4, 1, 12, 0, 0);

export function stats(counts: Partial<Record<ScrobbleState, number>> = {}): QueueStats {
  const all = { queued: 0, sending: 0, retrying: 0, accepted: 0, ignored: 0, failed: 0, ...counts };
  return {
    counts: all,
    dueNow: all.queued,
    nextDueAt: all.queued + all.retrying > 0 ? NOW : null,
  };
}

export function target(patch: Partial<TargetState> = {}): TargetState {
  return {
    target: 'lastfm',
    pausedUntil: null,
    pauseReason: null,
    userPaused: false,
    needsAuth: false,
    ...patch,
  };
}

export function account(patch: Partial<AccountSummary> = {}): AccountSummary {
  return {
    service: 'lastfm',
    name: 'Last.fm',
    user: 'rj',
    signedInAt: '2025-04-01T10:00:00.000Z',
    needsSignIn: false,
    hasApiCredentials: true,
    apiAccountUrl: null,
    ...patch,
  };
}

export const signedOut = (service = 'lastfm', name = 'Last.fm') =>
  account({ service, name, user: null, signedInAt: null });

export function report(patch: Partial<FlushReport> = {}): FlushReport {
  return {
    target: 'lastfm',
    sent: 0,
    accepted: 0,
    ignored: 0,
    failed: 0,
    deferred: 0,
    recovered: 0,
    stoppedBecause: 'done',
    detail: null,
    nextAttemptAt: null,
    ...patch,
  };
}
