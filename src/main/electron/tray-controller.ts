import type { AccountSummary, CoreEvent } from '../../shared/core-events.js';
import { createRefresher, type Timers } from './refresher.js';
import { traySnapshot, type TrayCoreView, type TraySnapshot } from './tray-facts.js';
import { nextActivity, NO_ACTIVITY, type TrayActivity } from './tray-state.js';

// The tray's life between start and Quit: it follows core events (what is being sent, what
// the last flush said), redraws at most once per 250 ms and once a minute for "5 min ago"
// and timed pauses, and remembers the last accounts it read (a locked keychain must not blank
// them). No Electron here: drawing goes through `show`, so it runs in plain Node tests.

const REFRESH_MS = 250;
/** "5 min ago" and timed pauses change without an event. */
const TICK_MS = 60_000;

export interface TrayControllerOptions {
  core: TrayCoreView;
  /** Draw a snapshot: icon, tooltip, menu (Electron's Tray in main.ts). */
  show(snapshot: TraySnapshot): void;
  /** Whether the OS login item is on now (the checkbox shows the OS's truth). */
  startAtLogin(): boolean;
  /** Windows and Linux menus read `&` as a mnemonic marker. */
  escapeMnemonics: boolean;
  onError(error: unknown): void;
  now?: () => number;
  timers?: Timers & {
    setInterval(fn: () => void, ms: number): unknown;
    clearInterval(handle: unknown): void;
  };
}

export class TrayController {
  private activity: TrayActivity = NO_ACTIVITY;
  private accounts: readonly AccountSummary[] = [];
  private stopped = false;
  private readonly refresher;
  private readonly tick: unknown;
  private readonly opts: TrayControllerOptions;

  constructor(opts: TrayControllerOptions) {
    this.opts = opts;
    const timers = opts.timers ?? (globalThis as unknown as NonNullable<typeof opts.timers>);
    this.refresher = createRefresher(() => this.redraw(), REFRESH_MS, opts.onError, timers);
    this.tick = timers.setInterval(() => this.refresher.schedule(), TICK_MS);
  }

  /** A core event: update what is in flight, then redraw soon. */
  handle(event: CoreEvent): void {
    this.activity = nextActivity(this.activity, event);
    this.refresher.schedule();
  }

  /** Redraw soon (many calls in a row give one redraw). */
  refresh(): void {
    this.refresher.schedule();
  }

  /** A service's display name from the last accounts read, else its id. */
  serviceName(id: string): string {
    return this.accounts.find((a) => a.service === id)?.name ?? id;
  }

  /** No more redraws; one already running draws nothing. */
  stop(): void {
    this.stopped = true;
    this.refresher.stop();
    const timers =
      this.opts.timers ?? (globalThis as unknown as NonNullable<typeof this.opts.timers>);
    timers.clearInterval(this.tick);
  }

  private async redraw(): Promise<void> {
    const snapshot = await traySnapshot(this.opts.core, {
      activity: this.activity,
      previousAccounts: this.accounts,
      startAtLogin: this.startAtLogin(),
      escapeMnemonics: this.opts.escapeMnemonics,
      now: (this.opts.now ?? Date.now)(),
    });
    this.accounts = snapshot.menu.accounts;
    if (!this.stopped) this.opts.show(snapshot);
  }

  private startAtLogin(): boolean {
    try {
      return this.opts.startAtLogin();
    } catch (error) {
      this.opts.onError(error);
      return false;
    }
  }
}
