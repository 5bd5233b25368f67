import { malformed, type ImportRow, type RowPosition } from './types.js';

export type JsonObject = Record<string, unknown>;

export type ParsedObject = { ok: true; value: JsonObject } | { ok: false; row: ImportRow };

/** Parses one element or line as a JSON object, or says why the row is malformed. */
export function parseJsonObject(text: string, pos: RowPosition): ParsedObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, row: malformed(pos, `not valid JSON (${why}).`) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, row: malformed(pos, 'expected a JSON object for one play.') };
  }
  return { ok: true, value: value as JsonObject };
}

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
