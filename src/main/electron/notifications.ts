import type { CoreEvent } from '../../shared/core-events.js';
import type { TrayAction } from './tray-menu.js';

// Which core events deserve a desktop notification, and how often. Only three things do, the
// ones that need the user: a lost session, a scrobble refused for good, the daily cap. Each
// cause is shown at most once an hour, however many targets or flushes repeat it: a queue of
// 500 refused scrobbles must not become 500 pop-ups.

export type NoticeCause = 'sign-in-needed' | 'scrobble-failed' | 'daily-cap';

export interface Notice {
  cause: NoticeCause;
  title: string;
  body: string;
  /** What clicking the notification opens. */
  action: TrayAction;
}

export const NOTICE_INTERVAL_MS = 60 * 60 * 1000;

/** The notices one core event calls for (before rate limiting). */
export function noticesFor(event: CoreEvent, serviceName: (id: string) => string): Notice[] {
  if (event.type === 'needs-auth') {
    return [
      {
        cause: 'sign-in-needed',
        title: `Sign in to ${serviceName(event.target)} again`,
        body: 'The service no longer accepts this session. Scrobbles are kept and sent after you sign in.',
        action: 'open-account',
      },
    ];
  }
  if (event.type !== 'flush-finished') return [];
  const { report } = event;
  const name = serviceName(report.target);
  const notices: Notice[] = [];
  if (report.failed > 0) {
    const what = report.failed === 1 ? '1 scrobble was' : `${report.failed} scrobbles were`;
    notices.push({
      cause: 'scrobble-failed',
      title: `${what} refused by ${name}`,
      body: 'Open the queue to edit and retry, or remove them.',
      action: 'open-queue',
    });
  }
  if (report.stoppedBecause === 'daily-cap') {
    notices.push({
      cause: 'daily-cap',
      title: `${name}'s daily scrobble limit reached`,
      body: 'The rest stay queued and are sent when the limit resets.',
      action: 'open-queue',
    });
  }
  return notices;
}

/** At most one notice per cause per interval. */
export class NoticeLimiter {
  readonly #intervalMs: number;
  readonly #lastShown = new Map<NoticeCause, number>();

  constructor(intervalMs: number = NOTICE_INTERVAL_MS) {
    this.#intervalMs = intervalMs;
  }

  /** True (and remembered) when this cause may be shown at `now`. */
  allow(cause: NoticeCause, now: number): boolean {
    const last = this.#lastShown.get(cause);
    if (last !== undefined && now - last < this.#intervalMs) return false;
    this.#lastShown.set(cause, now);
    return true;
  }
}

export interface NotifierOptions {
  show: (notice: Notice) => void;
  serviceName: (id: string) => string;
  /** Read on every event, so turning notifications off in settings takes effect at once. */
  enabled: () => boolean;
  now?: () => number;
  intervalMs?: number;
}

/** Feed it every core event; it shows what deserves a notification, rate-limited. */
export function createNotifier(opts: NotifierOptions): (event: CoreEvent) => void {
  const limiter = new NoticeLimiter(opts.intervalMs);
  const now = opts.now ?? Date.now;
  return (event) => {
    if (!opts.enabled()) return;
    for (const notice of noticesFor(event, opts.serviceName)) {
      if (limiter.allow(notice.cause, now())) opts.show(notice);
    }
  };
}
