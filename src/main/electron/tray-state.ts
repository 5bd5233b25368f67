import type { AccountSummary, CoreEvent, FlushReport } from '../../shared/core-events.js';
import type { QueueStats, TargetState } from '../../shared/queue-types.js';

// What the tray icon shows, as a pure function of what the core knows. The Electron glue
// gathers the facts, calls trayStatus() and sets the icon and tooltip from the result; every
// rule about "which icon when" lives here, where a unit test can reach it.

export type TrayStateKind = 'idle' | 'sending' | 'paused' | 'offline' | 'attention';

/** Why the tray asks for the user: each one needs them to act. */
export type AttentionCause =
  'not-signed-in' | 'sign-in-again' | 'failed' | 'daily-cap' | 'update-needed';

export interface TrayFacts {
  /** Counts over every target. */
  stats: QueueStats;
  /** One per target the app knows. */
  targets: readonly TargetState[];
  accounts: readonly AccountSummary[];
  /** The latest flush report of each target. */
  lastReports: readonly FlushReport[];
  /** A flush is running for some target. */
  flushing: boolean;
  /** Unix ms. */
  now: number;
}

export interface TrayStatus {
  kind: TrayStateKind;
  /** Every cause that needs the user, in a fixed order (empty unless kind is 'attention'). */
  attention: AttentionCause[];
  /** Scrobbles not yet delivered (queued, sending or retrying). */
  waiting: number;
  /** "3 waiting, sending…": the tooltip without the app name, also the menu's status line. */
  summary: string;
  tooltip: string;
}

export const APP_NAME = 'Scrobbletray';

export function waitingCount(stats: QueueStats): number {
  return stats.counts.queued + stats.counts.sending + stats.counts.retrying;
}

export function trayStatus(facts: TrayFacts): TrayStatus {
  const waiting = waitingCount(facts.stats);
  const attention = attentionCauses(facts);
  const paused = facts.targets.some((t) => t.userPaused);
  const waitReason = waiting > 0 ? serviceWait(facts) : null;

  // Attention beats everything (the user must act); a pause is the user's own choice and
  // explains why nothing moves, so it beats sending and offline.
  let kind: TrayStateKind = 'idle';
  if (attention.length > 0) kind = 'attention';
  else if (paused) kind = 'paused';
  else if (facts.flushing) kind = 'sending';
  else if (waitReason) kind = 'offline';

  const parts = [waiting > 0 ? `${waiting} waiting` : 'nothing waiting'];
  if (paused) parts.push('paused');
  else if (facts.flushing) parts.push('sending…');
  else if (waitReason === 'unreachable') parts.push('offline, will retry');
  else if (waitReason === 'rate-limited') parts.push('service busy, will retry');
  for (const cause of attention) parts.push(attentionPhrase(cause, facts.stats));

  const summary = parts.join(', ');
  return { kind, attention, waiting, summary, tooltip: `${APP_NAME} — ${summary}` };
}

function attentionCauses(facts: TrayFacts): AttentionCause[] {
  const causes: AttentionCause[] = [];
  const signedIn = facts.accounts.filter((a) => a.user !== null);
  if (signedIn.some((a) => a.needsSignIn) || facts.targets.some((t) => t.needsAuth)) {
    causes.push('sign-in-again');
  } else if (signedIn.length === 0) {
    // Nothing can be sent until someone signs in: scrobbles only pile up.
    causes.push('not-signed-in');
  }
  if (facts.stats.counts.failed > 0) causes.push('failed');
  if (facts.targets.some((t) => t.pauseReason === 'daily-cap' && isFuture(t.pausedUntil, facts))) {
    causes.push('daily-cap');
  }
  // A service blocked this app version (1.2 BANNED): only an update moves the queue.
  if (
    facts.targets.some((t) => t.pauseReason === 'client-blocked' && isFuture(t.pausedUntil, facts))
  ) {
    causes.push('update-needed');
  }
  return causes;
}

/** Why the services are not taking scrobbles right now, when that is the service's doing. */
function serviceWait(facts: TrayFacts): 'unreachable' | 'rate-limited' | null {
  const waitingFor = (reason: string) =>
    facts.targets.some((t) => t.pauseReason === reason && isFuture(t.pausedUntil, facts)) ||
    facts.lastReports.some((r) => r.stoppedBecause === reason);
  if (waitingFor('unreachable')) return 'unreachable';
  if (waitingFor('rate-limited')) return 'rate-limited';
  return null;
}

function isFuture(at: number | null, facts: TrayFacts): boolean {
  return at !== null && at > facts.now;
}

function attentionPhrase(cause: AttentionCause, stats: QueueStats): string {
  switch (cause) {
    case 'not-signed-in':
      return 'not signed in';
    case 'sign-in-again':
      return 'sign in needed';
    case 'failed':
      return `${stats.counts.failed} failed`;
    case 'daily-cap':
      return 'daily limit reached';
    case 'update-needed':
      return 'a service blocked this version: update';
  }
}

/** Flushes running and the last report per target, kept up to date from core events. */
export interface TrayActivity {
  flushing: ReadonlySet<string>;
  lastReports: ReadonlyMap<string, FlushReport>;
}

export const NO_ACTIVITY: TrayActivity = { flushing: new Set(), lastReports: new Map() };

export function nextActivity(activity: TrayActivity, event: CoreEvent): TrayActivity {
  if (event.type === 'flush-started') {
    return { ...activity, flushing: new Set(activity.flushing).add(event.target) };
  }
  if (event.type === 'flush-finished') {
    const flushing = new Set(activity.flushing);
    flushing.delete(event.report.target);
    const lastReports = new Map(activity.lastReports).set(event.report.target, event.report);
    return { flushing, lastReports };
  }
  return activity;
}
