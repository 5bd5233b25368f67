import type { Sender } from './sender.js';

// Keeps a long-running process (the tray app, `serve`) sending without being asked: flush when
// something is queued, and again when the next retry or pause comes due. The CLI does not use
// it; it flushes once and exits.

export interface SchedulerOptions {
  sender: Sender;
  now?: () => number;
  /** Floor between automatic flushes, so a burst of enqueues makes one request. */
  minGapMs?: number;
  /** Re-check at least this often even when nothing seems due (clock changes, other processes). */
  idleCheckMs?: number;
  onError?: (error: unknown) => void;
}

export class Scheduler {
  readonly #sender: Sender;
  readonly #now: () => number;
  readonly #minGapMs: number;
  readonly #idleCheckMs: number;
  readonly #onError: (error: unknown) => void;
  #timer: NodeJS.Timeout | null = null;
  #stopped = true;

  constructor(opts: SchedulerOptions) {
    this.#sender = opts.sender;
    this.#now = opts.now ?? Date.now;
    this.#minGapMs = opts.minGapMs ?? 250;
    this.#idleCheckMs = opts.idleCheckMs ?? 5 * 60_000;
    this.#onError = opts.onError ?? (() => undefined);
  }

  start(): void {
    this.#stopped = false;
    this.kick();
  }

  /** Something changed (a new scrobble, a sign-in, resume): flush soon. */
  kick(delayMs = this.#minGapMs): void {
    if (this.#stopped) return;
    this.#schedule(delayMs);
  }

  /** No more flushes; a running one stops at its next wait (a paced backlog could go on). */
  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#sender.interrupt();
  }

  #schedule(delayMs: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#run(), Math.max(0, delayMs));
    // Never the reason a process stays alive: servers and windows do that.
    this.#timer.unref();
  }

  async #run(): Promise<void> {
    this.#timer = null;
    let next = this.#now() + this.#idleCheckMs;
    try {
      const report = await this.#sender.flush();
      if (report.stoppedBecause === 'busy') next = this.#now() + 5_000;
      else if (
        report.nextAttemptAt !== null &&
        report.stoppedBecause !== 'needs-auth' &&
        report.stoppedBecause !== 'paused'
      ) {
        next = Math.min(next, Math.max(report.nextAttemptAt, this.#now() + this.#minGapMs));
      }
    } catch (error) {
      this.#onError(error);
      next = this.#now() + 30_000;
    }
    if (!this.#stopped && !this.#timer) this.#schedule(next - this.#now());
  }
}
