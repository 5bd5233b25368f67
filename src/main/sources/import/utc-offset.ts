// "+02:00", "-5", "+0530", "UTC" -> minutes to add to UTC for the local time. Used for a
// `.scrobbler.log` written with `#TZ/UNKNOWN`: the user says where the device was.

export type OffsetResult = { ok: true; minutes: number } | { ok: false; message: string };

export function parseUtcOffset(text: string): OffsetResult {
  const value = text.trim();
  if (/^(utc|gmt|z)$/i.test(value)) return { ok: true, minutes: 0 };
  const match = /^(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(value);
  const hours = Number(match?.[2]);
  const minutes = Number(match?.[3] ?? 0);
  if (!match || hours > 14 || minutes > 59 || (hours === 14 && minutes > 0)) {
    return {
      ok: false,
      message: `"${text}" is not a UTC offset: write it like +02:00, -05:00 or +05:30 (the device's clock minus UTC).`,
    };
  }
  const sign = match[1] === '-' ? -1 : 1;
  return { ok: true, minutes: sign * (hours * 60 + minutes) };
}

export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
