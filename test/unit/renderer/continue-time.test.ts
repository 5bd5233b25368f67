import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACK_SECONDS } from '../../../src/renderer/lib/album-plan.js';
import { endOf, nextWhen, type LoggedPlay } from '../../../src/renderer/lib/continue-time.js';
import { toDateTimeLocal } from '../../../src/renderer/lib/local-time.js';
import { whenTimestamp, type WhenChoice } from '../../../src/renderer/lib/relative-time.js';

// Logging a session: what the form's "when" becomes after each scrobble, read back the way
// the form reads it (whenTimestamp), so the times a user would send are what is checked.

const NOW: WhenChoice = { kind: 'shortcut', id: 'now' };
const nowMs = Date.UTC(2026, 11, 5, 12, 0, 0);
// 10:00:07 local time, three hours before now: a session logged afterwards.
const sessionStart = new Date(2026, 11, 5, 10, 0, 7).getTime() / 1000;

/** The form's loop: scrobble at `when`, remember it, move `when` on. */
function logSession(first: WhenChoice, durations: (number | undefined)[], continuing: boolean) {
  let when = first;
  const starts: (number | null)[] = [];
  for (const duration of durations) {
    const start = whenTimestamp(when, nowMs);
    starts.push(start);
    if (start === null) break;
    const played: LoggedPlay = duration === undefined ? { start } : { start, duration };
    when = nextWhen(when, played, continuing);
  }
  return starts;
}

describe('continue from where the last one ended', () => {
  const first: WhenChoice = { kind: 'at', value: '2026-12-05T10:00:07' };

  it('puts three tracks back to back: each starts when the one before ended', () => {
    expect(logSession(first, [284, 383, 267], true)).toEqual([
      sessionStart,
      sessionStart + 284,
      sessionStart + 284 + 383,
    ]);
  });

  it('keeps the seconds (a minute-only time would drift a little with every track)', () => {
    const [, second] = logSession(first, [61, 61], true);
    expect(second).toBe(sessionStart + 61);
    expect(nextWhen(first, { start: sessionStart, duration: 61 }, true)).toEqual({
      kind: 'at',
      value: '2026-12-05T10:01:08',
    });
  });

  it('a track without a length counts as a typical 3:30 and says it was assumed', () => {
    expect(endOf({ start: 1000 })).toEqual({ at: 1000 + DEFAULT_TRACK_SECONDS, assumed: true });
    expect(endOf({ start: 1000, duration: 200 })).toEqual({ at: 1200, assumed: false });
    expect(logSession(first, [undefined, 100], true)).toEqual([
      sessionStart,
      sessionStart + DEFAULT_TRACK_SECONDS,
    ]);
  });

  it('starting from "Now", the next track starts when this one will end', () => {
    const [start, next] = logSession(NOW, [240, 240], true);
    expect(start).toBe(nowMs / 1000);
    expect(next).toBe(nowMs / 1000 + 240);
  });
});

describe('without continuing', () => {
  it('a chosen date and time stays for the next track instead of going back to now', () => {
    const at: WhenChoice = { kind: 'at', value: toDateTimeLocal(sessionStart * 1000) };
    expect(nextWhen(at, { start: sessionStart, duration: 200 }, false)).toEqual(at);
  });

  it('a shortcut goes back to "Now"', () => {
    const fiveAgo: WhenChoice = { kind: 'shortcut', id: '5m' };
    expect(nextWhen(fiveAgo, { start: 1, duration: 200 }, false)).toEqual(NOW);
  });

  it('continuing with nothing scrobbled yet leaves the choice as it is', () => {
    const at: WhenChoice = { kind: 'at', value: '2026-12-05T10:00' };
    expect(nextWhen(at, null, true)).toEqual(at);
  });
});
