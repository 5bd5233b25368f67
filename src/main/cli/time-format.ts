// Times in the CLI's text output. A person reads their own clock, as the window shows it, so
// local time is the default, with its UTC offset so a pasted line stays unambiguous; --utc
// prints UTC (ending in Z) for logs shared across zones. --json always carries the numbers.

/** "2026-12-05 14:25:05 +01:00" (local) or "2026-12-05T13:25:05Z" (utc). */
export function formatWhen(ms: number, utc: boolean): string {
  const date = new Date(ms);
  if (utc) return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const p = (n: number) => String(n).padStart(2, '0');
  const offsetMin = -date.getTimezoneOffset();
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return (
    `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ` +
    `${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())} ` +
    `${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)}`
  );
}
