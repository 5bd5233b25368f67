import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  asDeliveryFailure,
  DeliveryError,
  type DeliveryFailure,
} from '../../targets/delivery-error.js';
import { windowFor, type Pacer } from '../../targets/pacing/rate-window.js';
import type { ScrobbleTarget } from '../../targets/target.js';
import {
  emptyFlushReport,
  type FlushReport,
  type SenderEvent,
  type StopReason,
} from '../../../shared/core-events.js';
import type { ScrobbleOutcome, TrackInfo } from '../../../shared/track.js';
import { DEFAULT_BACKOFF, nextDailyResetMs, type BackoffPolicy } from './backoff.js';
import { decideOnFailure, waitsInline, type ServicePause } from './failure-policy.js';
import { itemOf } from '../item-of.js';
import { recoverInterrupted } from './recovery.js';
import type { ScrobbleStore, StoredScrobble } from '../storage/store.js';

// Delivers one target's queue: oldest first, a batch at a time, each item's result written
// back, failures classified. One flush at a time per target, across processes too (a lease
// row in SQLite), so the CLI and a running app never send the same scrobble twice.
//
// Pacing: each sender has its own pacer (the target's `pace`, e.g. 50 requests in any 10 s),
// so one service's pace never slows another's. A backlog is sent at that pace without a
// burst: the flush sleeps between requests instead of running into the service's limit and
// its long penalty. Short waits the service names (ListenBrainz's rate-limit headers, a 429's
// reset time) are slept through inside the flush too; long ones end it (the scheduler comes
// back when they are over).
//
// Now playing goes through the same pacer (nowPlaying()): it counts against the service's
// window like any request, but it is dropped (it is soon out of date anyway) while a backlog
// drains (more than one request's worth was due when the flush began: every slot is the
// backlog's), and whenever taking a slot would leave less than a reserve (a tenth of the
// window, at least one) free, a submission on its way counted. So a burst of now-playing
// never pushes the service over its limit, never slows a draining backlog, and always leaves
// the next scrobbles requests to go with.
//
// A service that blocks this version of the app (1.2's BANNED: `clientBlocked`) keeps every
// item queued and gets no further request from this sender; the service's pause is stored
// too (a day, CLIENT_BLOCKED_RECHECK_MS), so a restart or the next CLI run waits as well,
// until then or until the user presses "Send now" (after an update).

export type { FlushReport, SenderEvent, StopReason } from '../../../shared/core-events.js';

/** What a flush says while a stored BANNED pause holds (the server's own words are gone). */
export const CLIENT_BLOCKED_DETAIL =
  'The service has blocked this version of Scrobbletray; your scrobbles are kept. Update ' +
  'Scrobbletray, then press Send now (it asks again by itself in a day).';

/** Share of a pace's window a now-playing never takes: left for scrobbles (at least 1). */
export const NOW_PLAYING_RESERVE_SHARE = 0.1;

export interface SenderOptions {
  store: ScrobbleStore;
  target: ScrobbleTarget;
  now?: () => number;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** How long a flush lease lasts without renewal before another process may take over. */
  leaseMs?: number;
  onEvent?: (event: SenderEvent) => void;
  /** Default: a sliding window from the target's `pace`, or none when it names none. */
  pacer?: Pacer | null;
  /**
   * Waits `ms` on the sender's clock; false when `signal` ended the wait early. Default: a
   * timer. A test or benchmark with its own clock passes one that moves that clock.
   */
  sleep?: (ms: number, signal: AbortSignal) => Promise<boolean>;
  /** Longest rate-limit wait sat out inside a flush; a longer one ends it. Default 30 s. */
  maxInlineWaitMs?: number;
}

export class Sender {
  readonly #store: ScrobbleStore;
  readonly #target: ScrobbleTarget;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #backoff: BackoffPolicy;
  readonly #leaseMs: number;
  readonly #emit: (event: SenderEvent) => void;
  readonly #owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  readonly #pacer: Pacer | null;
  readonly #sleep: (ms: number, signal: AbortSignal) => Promise<boolean>;
  readonly #maxInlineWaitMs: number;
  #running: Promise<FlushReport> | null = null;
  #rateLimitStreak = 0;
  /** Ends the running flush's waits (interrupt()); one per flush. */
  #abort: AbortController | null = null;
  /** A submission (or recovery look-up) is on its way: it holds a slot of the pace. */
  #flushRequests = 0;
  /** A now-playing is on its way: it holds a slot too, and the next one is dropped. */
  #nowPlayingInFlight = false;
  /** A flush is sending a backlog (more than one batch was due): now playing stays out. */
  #draining = false;
  /** Why this service gets nothing more from this process (it blocked this app version). */
  #clientBlocked: string | null = null;

  constructor(opts: SenderOptions) {
    this.#store = opts.store;
    this.#target = opts.target;
    this.#now = opts.now ?? Date.now;
    this.#random = opts.random ?? Math.random;
    this.#backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.#leaseMs = opts.leaseMs ?? 120_000;
    this.#emit = opts.onEvent ?? (() => undefined);
    this.#pacer = opts.pacer === undefined ? windowFor(opts.target.pace) : opts.pacer;
    this.#sleep = opts.sleep ?? sleep;
    this.#maxInlineWaitMs = opts.maxInlineWaitMs ?? 30_000;
  }

  /**
   * Stop the running flush at its next wait (the process is closing, the service was
   * removed): a request in flight still finishes and its results are written.
   */
  interrupt(): void {
    this.#abort?.abort();
  }

  /** Send everything due now. Concurrent calls share the flush already running. */
  flush(): Promise<FlushReport> {
    this.#running ??= this.#flush().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /**
   * Tell the service what plays now, within its pace (see the top of this file). Throws a
   * DeliveryError when it was not sent: the service is held, or no request is spare now.
   */
  async nowPlaying(track: TrackInfo): Promise<void> {
    const now = this.#now();
    const refused = this.#nowPlayingRefusal(now);
    if (refused) throw new DeliveryError(refused, { errorClass: 'rate-limited' });
    this.#nowPlayingInFlight = true;
    try {
      await this.#target.updateNowPlaying(track);
    } catch (error) {
      const e = asDeliveryFailure(error);
      if (e.clientBlocked === true) this.#blockClient(e.message);
      throw error;
    } finally {
      this.#pacer?.record(this.#now());
      this.#nowPlayingInFlight = false;
    }
  }

  /** Why a now-playing may not go now, in words; null when it may. */
  #nowPlayingRefusal(now: number): string | null {
    if (this.#clientBlocked) return this.#clientBlocked;
    const skipped = 'Now playing was not sent';
    if (this.#nowPlayingInFlight) return `${skipped}: the previous one is still on its way.`;
    if (this.#draining) {
      return `${skipped}: a backlog of scrobbles is being sent and needs the service's requests.`;
    }
    const state = this.#store.targetState(this.#target.id);
    if (state.pauseReason === 'rate-limited' && (state.pausedUntil ?? 0) > now) {
      return `${skipped}: the service asked us to slow down.`;
    }
    if (state.pauseReason === 'client-blocked' && (state.pausedUntil ?? 0) > now) {
      return CLIENT_BLOCKED_DETAIL;
    }
    const pending = this.#flushRequests;
    const pacer = this.#pacer;
    const pace = pacer ? { spare: pacer.spare(now, pending), limit: pacer.limit } : null;
    const left = this.#target.requestsLeft?.(now) ?? null;
    const own = left
      ? { spare: left.remaining - pending, limit: left.limit ?? left.remaining }
      : null;
    for (const w of [pace, own]) {
      if (!w) continue;
      const reserve = Math.max(1, Math.ceil(w.limit * NOW_PLAYING_RESERVE_SHARE));
      if (w.spare - 1 < reserve) {
        return `${skipped}: the service's request limit is kept for scrobbles right now.`;
      }
    }
    return null;
  }

  /** Nothing more goes to the service from this process; its items stay queued. */
  #blockClient(message: string): void {
    this.#clientBlocked ??= message;
  }

  async #flush(): Promise<FlushReport> {
    const target = this.#target.id;
    const report = emptyFlushReport(target);
    const finish = (
      reason: StopReason,
      detail: string | null = null,
      next: number | null = null,
    ) => {
      report.stoppedBecause = reason;
      report.detail = detail;
      report.nextAttemptAt = next ?? this.#store.stats(target).nextDueAt;
      this.#emit({ type: 'flush-finished', report });
      return report;
    };

    const blocked = this.#blockedReason();
    if (blocked) return finish(blocked.reason, blocked.detail, blocked.until);
    if (!this.#takeLease()) {
      return finish('busy', 'Another Scrobbletray process is sending this queue right now.');
    }
    this.#abort = new AbortController();
    this.#draining = this.#store.stats(target).dueNow > this.#target.maxBatch;
    try {
      const recovery = await recoverInterrupted(this.#store, this.#target, this.#now, {
        before: async () => {
          if ((await this.#waitForPace()) !== null) return false;
          this.#flushRequests++;
          return true;
        },
        after: () => {
          this.#flushRequests = Math.max(0, this.#flushRequests - 1);
          this.#pacer?.record(this.#now());
        },
      });
      report.recovered = recovery.accepted + recovery.requeued;
      if (recovery.error) {
        const stop = this.#stopFor(recovery.error, []);
        return finish(stop.reason, stop.detail, stop.until);
      }
      if (recovery.stopped) return finish(recovery.stopped.reason, recovery.stopped.detail, null);
      if (report.recovered > 0) this.#emit({ type: 'queue-changed', target });

      const due = this.#store.stats(target).dueNow;
      this.#emit({ type: 'flush-started', target, due });
      for (;;) {
        const blockedNow = this.#blockedReason();
        if (blockedNow) return finish(blockedNow.reason, blockedNow.detail, blockedNow.until);
        // Wait for the pace before claiming, so no row sits in `sending` while we wait.
        const paced = await this.#waitForPace();
        if (paced) return finish(paced.reason, paced.detail, paced.until);
        this.#store.renewFlushLease(target, this.#owner, this.#now());
        const batch = this.#store.claimDue(target, this.#now(), this.#target.maxBatch);
        if (batch.length === 0) return finish('done');
        const stop = await this.#sendBatch(batch, report);
        this.#emit({ type: 'queue-changed', target });
        this.#emit({
          type: 'flush-progress',
          target,
          done: report.sent,
          due: Math.max(due, report.sent),
        });
        if (stop) {
          if (await this.#sitOut(stop)) continue;
          return finish(stop.reason, stop.detail, stop.until);
        }
      }
    } finally {
      this.#abort = null;
      this.#draining = false;
      this.#store.releaseFlushLease(target, this.#owner);
    }
  }

  /**
   * Sleep through a short rate-limit pause and go on (true), or say the flush must stop
   * (false): the pause is long, or the flush was interrupted.
   */
  async #sitOut(stop: Stop): Promise<boolean> {
    if (!waitsInline(stop, this.#now(), this.#maxInlineWaitMs)) return false;
    const until = stop.until as number;
    // A timer may fire a hair early on this clock: wait until the pause is really over.
    for (let now = this.#now(); now < until; now = this.#now()) {
      if (!(await this.#wait(until - now))) return false;
    }
    return true;
  }

  /**
   * Wait until the pacer lets the next request go. Null when it may go now; a Stop when the
   * wait is longer than a flush sits out (a pace slower than ours: the target is paused
   * until then) or the flush was interrupted.
   */
  async #waitForPace(): Promise<Stop | null> {
    if (!this.#pacer) return null;
    for (;;) {
      const now = this.#now();
      const wait = this.#pacer.waitMs(now, this.#nowPlayingInFlight ? 1 : 0);
      if (wait <= 0) return null;
      const until = now + wait;
      const detail = `Keeping to the service's pace; the next request goes at ${new Date(until).toISOString()}.`;
      if (wait > this.#maxInlineWaitMs) {
        this.#store.setTargetState(this.#target.id, {
          pausedUntil: until,
          pauseReason: 'rate-limited',
        });
        return { reason: 'rate-limited', detail, until };
      }
      if (!(await this.#wait(wait))) return { reason: 'rate-limited', detail, until };
    }
  }

  /** Sleep on the sender's clock; false when interrupted. */
  async #wait(ms: number): Promise<boolean> {
    const signal = this.#abort?.signal;
    if (!signal || signal.aborted) return false;
    return (await this.#sleep(Math.max(0, ms), signal)) && !signal.aborted;
  }

  /** The flush lease, taken over at once from a process on this machine that has died. */
  #takeLease(): boolean {
    const target = this.#target.id;
    if (this.#store.acquireFlushLease(target, this.#owner, this.#now(), this.#leaseMs)) return true;
    const holder = this.#store.flushLeaseOwner(target);
    if (!holder || !isDeadLocalProcess(holder)) return false;
    return this.#store.takeOverFlushLease(target, holder, this.#owner, this.#now(), this.#leaseMs);
  }

  /** Sends one claimed batch; returns why the flush must stop, or null to go on. */
  async #sendBatch(batch: StoredScrobble[], report: FlushReport): Promise<Stop | null> {
    // The loop waited already; the halves of a split batch wait here.
    const paced = await this.#waitForPace();
    if (paced) {
      this.#store.requeue(batch.map((row) => row.id));
      return paced;
    }
    let result;
    this.#flushRequests++;
    try {
      result = await this.#target.scrobble(batch.map(itemOf));
    } catch (error) {
      this.#flushRequests--;
      this.#pacer?.record(this.#now());
      const e = asDeliveryFailure(error);
      if (e.errorClass === 'permanent' && e.clientBlocked !== true) {
        return this.#isolate(batch, e, report);
      }
      report.sent += batch.length;
      return this.#stopFor(e, batch, report);
    }
    this.#flushRequests--;
    this.#pacer?.record(this.#now());
    report.sent += batch.length;
    this.#rateLimitStreak = 0;
    if (result.items.length !== batch.length) {
      const message = `The service answered ${result.items.length} results for ${batch.length} scrobbles; trying again later.`;
      return this.#stopFor({ message, errorClass: 'transient' }, batch, report);
    }
    const outcomes = batch.map((row, i) => ({
      id: row.id,
      outcome: result.items[i] as ScrobbleOutcome,
    }));
    this.#store.applyOutcomes(outcomes, this.#now());
    let capped = false;
    for (const { outcome } of outcomes) {
      if (outcome.status === 'accepted') report.accepted++;
      else if (outcome.kind === 'daily-cap') {
        capped = true;
        report.deferred++;
      } else report.ignored++;
    }
    if (!capped) return this.#honourWait(result.waitMs);
    const until = nextDailyResetMs(this.#now());
    this.#store.setTargetState(this.#target.id, { pausedUntil: until, pauseReason: 'daily-cap' });
    return {
      reason: 'daily-cap',
      detail: `The service's daily scrobble limit was reached; the rest stay queued until ${new Date(until).toISOString()}.`,
      until,
    };
  }

  /**
   * The service answered but asked for a pause before the next request (its rate-limit
   * window is used up): the whole target waits that long, as after a rate limit, but the
   * streak is not counted, since nothing was refused.
   */
  #honourWait(waitMs: number | undefined): Stop | null {
    if (!waitMs || waitMs <= 0) return null;
    const until = this.#now() + waitMs;
    this.#store.setTargetState(this.#target.id, {
      pausedUntil: until,
      pauseReason: 'rate-limited',
    });
    return {
      reason: 'rate-limited',
      detail: `The service asked for a pause of ${Math.ceil(waitMs / 1000)} s before the next request.`,
      until,
      named: true,
    };
  }

  /**
   * A permanent error for a batch may be caused by one bad item: split the batch to find it,
   * deliver the rest, and fail only the culprit.
   */
  async #isolate(
    batch: StoredScrobble[],
    error: DeliveryFailure,
    report: FlushReport,
  ): Promise<Stop | null> {
    const [only] = batch;
    if (!only) return null;
    if (batch.length === 1) {
      report.sent += 1;
      report.failed += 1;
      this.#store.markFailed([only.id], error.message, this.#now());
      return null;
    }
    const middle = Math.ceil(batch.length / 2);
    for (const half of [batch.slice(0, middle), batch.slice(middle)]) {
      const stop = await this.#sendBatch(half, report);
      if (stop) {
        // Whatever was not tried yet goes back to the queue untouched.
        const untried = batch.filter((row) => this.#store.get(row.id)?.state === 'sending');
        this.#store.requeue(untried.map((row) => row.id));
        return stop;
      }
    }
    return null;
  }

  /** Apply a non-permanent failure to the batch and decide how long the target waits. */
  #stopFor(error: DeliveryFailure, batch: StoredScrobble[], report?: FlushReport): Stop {
    const ids = batch.map((row) => row.id);
    if (report) report.deferred += ids.length;
    if (error.errorClass === 'rate-limited') this.#rateLimitStreak++;
    const decision = decideOnFailure(error, {
      now: this.#now(),
      attemptsSoFar: Math.max(0, ...batch.map((row) => row.attempts)),
      rateLimitStreak: this.#rateLimitStreak,
      backoff: this.#backoff,
      random: this.#random,
    });
    switch (decision.kind) {
      case 'client-blocked': {
        // Not sent, not the items' fault: back to the queue as they were (attempts unchanged).
        this.#store.requeue(ids);
        this.#blockClient(error.message);
        this.#pauseTarget(decision.pause);
        return { reason: 'paused', detail: error.message, until: decision.pause.until };
      }
      case 'needs-auth': {
        this.#store.requeue(ids);
        this.#store.setTargetState(this.#target.id, { needsAuth: true });
        this.#emit({ type: 'needs-auth', target: this.#target.id, message: error.message });
        return { reason: 'needs-auth', detail: error.message, until: null };
      }
      case 'rate-limited': {
        this.#store.requeue(ids);
        this.#pauseTarget(decision.pause);
        const { until } = decision.pause;
        return { reason: 'rate-limited', detail: error.message, until, named: decision.named };
      }
      case 'retry': {
        if (ids.length > 0) {
          const cause = { message: error.message, errorClass: error.errorClass };
          const maybe = error.maybeProcessed ?? false;
          this.#store.markRetrying(ids, cause, decision.nextAttemptAt, maybe);
        }
        this.#pauseTarget(decision.pause);
        return { reason: 'unreachable', detail: error.message, until: decision.pause.until };
      }
    }
  }

  #pauseTarget(pause: ServicePause): void {
    this.#store.setTargetState(this.#target.id, {
      pausedUntil: pause.until,
      pauseReason: pause.reason,
    });
  }

  #blockedReason(): Stop | null {
    if (this.#clientBlocked) return { reason: 'paused', detail: this.#clientBlocked, until: null };
    const state = this.#store.targetState(this.#target.id);
    if (state.userPaused) return { reason: 'paused', detail: 'Sending is paused.', until: null };
    if (state.needsAuth) {
      return { reason: 'needs-auth', detail: 'Sign in again to resume sending.', until: null };
    }
    if (state.pauseReason === 'client-blocked' && (state.pausedUntil ?? 0) > this.#now()) {
      // Stored by this or another process when the service answered BANNED.
      return { reason: 'paused', detail: CLIENT_BLOCKED_DETAIL, until: state.pausedUntil };
    }
    if (state.pausedUntil !== null && state.pausedUntil > this.#now()) {
      const reason: StopReason =
        state.pauseReason === 'daily-cap' || state.pauseReason === 'unreachable'
          ? state.pauseReason
          : 'rate-limited';
      return {
        reason,
        detail: `Waiting until ${new Date(state.pausedUntil).toISOString()} (${state.pauseReason ?? 'backing off'}).`,
        until: state.pausedUntil,
      };
    }
    return null;
  }
}

interface Stop {
  reason: StopReason;
  detail: string | null;
  until: number | null;
  /** A rate-limit pause the service named (not our back-off): short ones are sat out. */
  named?: boolean;
}

/** A timer that ends early, answering false, when the flush is interrupted. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    // Not unref'd: a CLI flush waiting for the pace must keep its process alive.
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** `host:pid:nonce` of a process on this machine that no longer runs. */
function isDeadLocalProcess(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
