// Small readers for optional fields: a value that does not fit is left out (the play is
// still worth importing), while a required field that does not fit makes the row malformed.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Trimmed text, or undefined when blank or not text. */
export function optionalText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}

/** A MusicBrainz id in lower case, or undefined when it is not a UUID. */
export function optionalMbid(value: unknown): string | undefined {
  const text = optionalText(value);
  return text && UUID.test(text) ? text.toLowerCase() : undefined;
}

/** A track number from 1 to 9999: "7", 7 or "7/12"; anything else is left out. */
export function optionalTrackNumber(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string'
        ? Number(/^\s*(\d+)\s*(?:\/\s*\d+\s*)?$/.exec(value)?.[1] ?? Number.NaN)
        : Number.NaN;
  return Number.isInteger(n) && n >= 1 && n <= 9999 ? n : undefined;
}

/** Non-negative whole number written in decimal digits only ("180"), else undefined. */
export function digits(value: string): number | undefined {
  return /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}
