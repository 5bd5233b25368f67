import { describe, expect, it } from 'vitest';
import {
  createNotifier,
  NoticeLimiter,
  noticesFor,
  type Notice,
} from '../../../src/main/electron/notifications.js';
import type { CoreEvent } from '../../../src/shared/core-events.js';
import { NOW, report } from './fixtures.js';

const MINUTE = 60_000;
const names = (id: string) => ({ lastfm: 'Last.fm', librefm: 'Libre.fm' })[id] ?? id;

const needsAuth: CoreEvent = { type: 'needs-auth', target: 'lastfm', message: 'Invalid session' };
const failed = (n: number, target = 'lastfm'): CoreEvent => ({
  type: 'flush-finished',
  report: report({ target, sent: n, failed: n }),
});
const capped: CoreEvent = {
  type: 'flush-finished',
  report: report({ target: 'librefm', stoppedBecause: 'daily-cap', deferred: 20 }),
};

describe('which events notify', () => {
  it('a lost session asks to sign in again, and opens the account view', () => {
    expect(noticesFor(needsAuth, names)).toEqual([
      {
        cause: 'sign-in-needed',
        title: 'Sign in to Last.fm again',
        body: expect.stringContaining('Scrobbles are kept') as string,
        action: 'open-account',
      },
    ]);
  });

  it('scrobbles refused for good, counted, open the queue', () => {
    const [one] = noticesFor(failed(1), names);
    expect(one).toMatchObject({
      cause: 'scrobble-failed',
      title: '1 scrobble was refused by Last.fm',
      action: 'open-queue',
    });
    expect(noticesFor(failed(3), names)[0]?.title).toBe('3 scrobbles were refused by Last.fm');
  });

  it('the daily cap, naming the service', () => {
    expect(noticesFor(capped, names)).toEqual([
      expect.objectContaining({
        cause: 'daily-cap',
        title: "Libre.fm's daily scrobble limit reached",
      }),
    ]);
  });

  it('a flush with both failures and the cap gives both', () => {
    const both: CoreEvent = {
      type: 'flush-finished',
      report: report({ failed: 2, stoppedBecause: 'daily-cap' }),
    };
    expect(noticesFor(both, names).map((n) => n.cause)).toEqual(['scrobble-failed', 'daily-cap']);
  });

  it.each<CoreEvent>([
    { type: 'flush-finished', report: report({ sent: 5, accepted: 4, ignored: 1 }) },
    { type: 'flush-finished', report: report({ stoppedBecause: 'unreachable', deferred: 3 }) },
    { type: 'flush-started', target: 'lastfm', due: 3 },
    { type: 'queue-changed', target: 'lastfm' },
    { type: 'account-changed', target: 'lastfm' },
    { type: 'sign-in-failed', target: 'lastfm', message: 'Denied' },
  ])('nothing for %o', (event) => {
    expect(noticesFor(event, names)).toEqual([]);
  });
});

describe('rate limit: one per cause per hour', () => {
  it('allows a cause again only after the interval', () => {
    const limiter = new NoticeLimiter();
    expect(limiter.allow('scrobble-failed', NOW)).toBe(true);
    expect(limiter.allow('scrobble-failed', NOW + 59 * MINUTE)).toBe(false);
    expect(limiter.allow('scrobble-failed', NOW + 60 * MINUTE)).toBe(true);
    expect(limiter.allow('scrobble-failed', NOW + 61 * MINUTE)).toBe(false);
  });

  it('counts each cause on its own', () => {
    const limiter = new NoticeLimiter();
    expect(limiter.allow('scrobble-failed', NOW)).toBe(true);
    expect(limiter.allow('daily-cap', NOW)).toBe(true);
    expect(limiter.allow('sign-in-needed', NOW)).toBe(true);
    expect(limiter.allow('daily-cap', NOW + MINUTE)).toBe(false);
  });

  it('a refused attempt does not restart the hour', () => {
    const limiter = new NoticeLimiter();
    limiter.allow('daily-cap', NOW);
    limiter.allow('daily-cap', NOW + 50 * MINUTE);
    expect(limiter.allow('daily-cap', NOW + 60 * MINUTE)).toBe(true);
  });
});

describe('notifier', () => {
  function notifier(enabled = () => true) {
    let now = NOW;
    const shown: Notice[] = [];
    const feed = createNotifier({
      show: (n) => shown.push(n),
      serviceName: names,
      enabled,
      now: () => now,
    });
    return { feed, shown, advance: (ms: number) => (now += ms) };
  }

  it('shows a burst of failures across targets and flushes once, then again after an hour', () => {
    const n = notifier();
    n.feed(failed(2));
    n.feed(failed(5, 'librefm'));
    n.advance(30 * MINUTE);
    n.feed(failed(1));
    expect(n.shown.map((s) => s.cause)).toEqual(['scrobble-failed']);
    n.advance(30 * MINUTE);
    n.feed(failed(1));
    expect(n.shown.map((s) => s.cause)).toEqual(['scrobble-failed', 'scrobble-failed']);
  });

  it('shows different causes side by side', () => {
    const n = notifier();
    n.feed(failed(1));
    n.feed(needsAuth);
    n.feed(capped);
    n.feed(needsAuth);
    expect(n.shown.map((s) => s.cause)).toEqual(['scrobble-failed', 'sign-in-needed', 'daily-cap']);
  });

  it('shows nothing while notifications are off in settings', () => {
    let on = false;
    const n = notifier(() => on);
    n.feed(needsAuth);
    expect(n.shown).toEqual([]);
    on = true;
    n.feed(needsAuth);
    expect(n.shown).toHaveLength(1);
  });
});
