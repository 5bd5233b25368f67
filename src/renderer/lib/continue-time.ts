import { DEFAULT_TRACK_SECONDS } from './album-plan.js';
import { toDateTimeLocalSeconds } from './local-time.js';
import type { WhenChoice } from './relative-time.js';

// Logging a listening session by hand: with "continue from where the last one ended" on, each
// scrobble starts when the previous one ended (its start plus its length), so a session of
// several tracks goes in back to back, one title at a time. A chosen date and time ("At…")
// stays for the next track instead of going back to "Now".

/** A scrobble just queued from the form: when it started (unix seconds) and its length. */
export interface LoggedPlay {
  start: number;
  duration?: number;
}

const NOW: WhenChoice = { kind: 'shortcut', id: 'now' };

/** When a play ended; a play without a length is taken to be DEFAULT_TRACK_SECONDS long. */
export function endOf(play: LoggedPlay): { at: number; assumed: boolean } {
  const known = play.duration !== undefined && play.duration > 0;
  return {
    at: play.start + (known ? (play.duration as number) : DEFAULT_TRACK_SECONDS),
    assumed: !known,
  };
}

/** The form's "when" once a scrobble is queued (or the option is switched on). */
export function nextWhen(
  current: WhenChoice,
  last: LoggedPlay | null,
  continuing: boolean,
): WhenChoice {
  if (continuing && last)
    return { kind: 'at', value: toDateTimeLocalSeconds(endOf(last).at * 1000) };
  return current.kind === 'at' ? current : NOW;
}
