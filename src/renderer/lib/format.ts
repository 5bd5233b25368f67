// Dates as the window shows them, in the user's locale and time zone. The formatters are built
// once: creating an Intl formatter per row would cost more than rendering the row.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** Unix seconds -> "22 Nov 2026, 16:05". */
export function formatPlayed(unixSeconds: number): string {
  return dateTime.format(unixSeconds * 1000);
}

/** Unix seconds -> "16:05". */
export function formatClock(unixSeconds: number): string {
  return timeOnly.format(unixSeconds * 1000);
}

/** Unix ms or an ISO string -> "22 Nov 2026, 16:05". */
export function formatMoment(at: number | string): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return Number.isNaN(ms) ? String(at) : dateTime.format(ms);
}
