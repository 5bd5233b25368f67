// Conversions between unix times and the values of <input type="datetime-local"> and
// <input type="date">, which are wall-clock times in the user's time zone.

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** unix ms -> "2026-11-22T16:05" in local time (the minute the input can show). */
export function toDateTimeLocal(ms: number): string {
  const d = new Date(ms);
  return `${toDateInput(ms)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * unix ms -> "2026-11-22T16:05:09" in local time: to the second, for times worked out from
 * others (a track that starts when the previous one ended), which a minute would round off.
 */
export function toDateTimeLocalSeconds(ms: number): string {
  const d = new Date(ms);
  return `${toDateTimeLocal(ms)}:${pad(d.getSeconds())}`;
}

/** unix ms -> "2026-11-22" (local date). */
export function toDateInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-11-22T16:05" (local) -> unix ms, or null when blank or malformed. */
export function fromDateTimeLocal(value: string): number | null {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
  );
  return Number.isNaN(date.getTime()) ? null : date.getTime();
}

/**
 * A from/to pair of date inputs -> an inclusive play-time range in unix seconds: from the
 * start of the first day to the last second of the second, in local time. Blank ends are open.
 */
export function dateRangeToUnix(from: string, to: string): { from?: number; to?: number } {
  const range: { from?: number; to?: number } = {};
  const start = parseDate(from);
  if (start) range.from = Math.floor(start.getTime() / 1000);
  const end = parseDate(to);
  if (end) {
    end.setDate(end.getDate() + 1);
    range.to = Math.floor(end.getTime() / 1000) - 1;
  }
  return range;
}

function parseDate(value: string): Date | null {
  const m = DATE.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d] = m;
  return new Date(Number(y), Number(mo) - 1, Number(d));
}
