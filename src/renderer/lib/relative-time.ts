import { fromDateTimeLocal } from './local-time.js';

// Short human times ("in 4 min", "2 h ago") for retry schedules, and the "when was it played"
// shortcuts of the manual scrobble form.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `at` relative to `now`, both unix ms: "in 30 s", "4 min ago", "in 2 h", "3 days ago". */
export function formatRelative(at: number, now: number): string {
  const delta = at - now;
  const abs = Math.abs(delta);
  if (abs < 10_000) return delta >= 0 ? 'now' : 'just now';
  let amount: string;
  if (abs < MINUTE) amount = `${Math.round(abs / 1000)} s`;
  else if (abs < 90 * MINUTE) amount = `${Math.round(abs / MINUTE)} min`;
  else if (abs < 36 * HOUR) amount = `${Math.round(abs / HOUR)} h`;
  else {
    const days = Math.round(abs / DAY);
    amount = `${days} ${days === 1 ? 'day' : 'days'}`;
  }
  return delta > 0 ? `in ${amount}` : `${amount} ago`;
}

export interface WhenShortcut {
  id: string;
  label: string;
  minutesAgo: number;
}

export const WHEN_SHORTCUTS: readonly WhenShortcut[] = [
  { id: 'now', label: 'Now', minutesAgo: 0 },
  { id: '5m', label: '5 min ago', minutesAgo: 5 },
  { id: '20m', label: '20 min ago', minutesAgo: 20 },
  { id: '1h', label: '1 hour ago', minutesAgo: 60 },
];

/** Start time (unix seconds) for a shortcut, at the moment the form is submitted. */
export function shortcutTimestamp(shortcut: WhenShortcut, nowMs: number): number {
  return Math.floor(nowMs / 1000) - shortcut.minutesAgo * 60;
}

/** The "when was it played" choice of the manual form: a shortcut or a date and time typed in. */
export type WhenChoice = { kind: 'shortcut'; id: string } | { kind: 'at'; value: string };

/** Start time in unix seconds, or null when the typed date and time cannot be read. */
export function whenTimestamp(choice: WhenChoice, nowMs: number): number | null {
  if (choice.kind === 'at') {
    const ms = fromDateTimeLocal(choice.value);
    return ms === null ? null : Math.floor(ms / 1000);
  }
  const shortcut = WHEN_SHORTCUTS.find((s) => s.id === choice.id) ?? WHEN_SHORTCUTS[0];
  return shortcut ? shortcutTimestamp(shortcut, nowMs) : Math.floor(nowMs / 1000);
}
