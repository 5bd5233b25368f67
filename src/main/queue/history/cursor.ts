import { InvalidInputError } from '../../../shared/errors.js';

// Keyset cursors: the (timestamp, id) of the last row of a page, plus a fingerprint of the
// query, so a cursor from one list is refused by another instead of returning a wrong page.

export interface Keyset {
  timestamp: number;
  id: number;
}

const INVALID = 'The page cursor is not valid: list again without a cursor to start over.';
const OTHER_QUERY =
  'The page cursor belongs to a different list (filters or order changed): list again without a cursor.';

/** FNV-1a: short and stable; the fingerprint only has to tell queries apart, not resist attack. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

export function encodeCursor(key: Keyset, queryPrint: string): string {
  return Buffer.from(JSON.stringify([key.timestamp, key.id, queryPrint])).toString('base64url');
}

export function decodeCursor(cursor: string, queryPrint: string): Keyset {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidInputError(INVALID);
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw new InvalidInputError(INVALID);
  const [timestamp, id, print] = parsed as unknown[];
  if (!Number.isSafeInteger(timestamp) || !Number.isSafeInteger(id) || typeof print !== 'string') {
    throw new InvalidInputError(INVALID);
  }
  if (print !== queryPrint) throw new InvalidInputError(OTHER_QUERY);
  return { timestamp: timestamp as number, id: id as number };
}
