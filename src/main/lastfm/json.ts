// Helpers for the quirks of Last.fm's JSON, which is a mechanical translation of its XML:
// a list of one arrives as a bare object, attributes arrive as strings, and text that has
// attributes arrives as `{ "#text": ..., attr: ... }`. GNU FM servers add their own variations.

export type JsonRecord = Record<string, unknown>;

export function isRecord(x: unknown): x is JsonRecord {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A list that may arrive missing, as a single object, or as an array. */
export function asArray(x: unknown): unknown[] {
  if (x === undefined || x === null) return [];
  return Array.isArray(x) ? x : [x];
}

/** A number that may arrive as a number or a numeric string; anything else is undefined. */
export function toInt(x: unknown): number | undefined {
  if (typeof x === 'number') return Number.isFinite(x) ? Math.trunc(x) : undefined;
  if (typeof x === 'string' && /^\s*-?\d+\s*$/.test(x)) return Number.parseInt(x, 10);
  return undefined;
}

/** A string, or the `#text` of an element that also has attributes; '' for anything else. */
export function text(x: unknown): string {
  if (typeof x === 'string') return x;
  if (typeof x === 'number') return String(x);
  if (isRecord(x)) {
    const inner = x['#text'];
    if (typeof inner === 'string') return inner;
    if (typeof inner === 'number') return String(inner);
  }
  return '';
}

/** A yes/no flag that may arrive as 1/0, "1"/"0" or "true"/"false". */
export function toFlag(x: unknown): boolean {
  if (typeof x === 'boolean') return x;
  if (typeof x === 'number') return x !== 0;
  if (typeof x === 'string') {
    const v = x.trim().toLowerCase();
    return v === '1' || v === 'true' || v === 'yes';
  }
  return false;
}

/** A member looked up by exact name first, then ignoring case (`ignoredmessage` vs `ignoredMessage`). */
export function getCaseInsensitive(obj: unknown, key: string): unknown {
  if (!isRecord(obj)) return undefined;
  if (Object.hasOwn(obj, key)) return obj[key];
  const lower = key.toLowerCase();
  for (const name of Object.keys(obj)) {
    if (name.toLowerCase() === lower) return obj[name];
  }
  return undefined;
}
