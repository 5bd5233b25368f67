// Track lengths as people type them ("3:45", "225", "1:02:03") and as the window shows them.

export type ParsedDuration =
  { ok: true; seconds: number | undefined } | { ok: false; message: string };

const CLOCK = /^(?:(\d{1,2}):)?(\d{1,3}):([0-5]\d)$/;

/** Blank means "unknown" (undefined); anything else must be m:ss, h:mm:ss or whole seconds. */
export function parseDuration(text: string): ParsedDuration {
  const value = text.trim();
  if (value === '') return { ok: true, seconds: undefined };
  if (/^\d{1,6}$/.test(value)) return { ok: true, seconds: Number(value) };
  const clock = CLOCK.exec(value);
  if (clock) {
    const [, h, m, s] = clock;
    return { ok: true, seconds: Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) };
  }
  return { ok: false, message: 'Duration must be minutes:seconds (3:45) or seconds (225).' };
}

/** 225 -> "3:45"; 3723 -> "1:02:03". */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
