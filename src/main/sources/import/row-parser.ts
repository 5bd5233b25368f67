import type { ImportRow } from './types.js';

/**
 * A format's parser: fed the file's text chunk by chunk, it returns the rows each chunk
 * completes. Synchronous on purpose: one await per chunk instead of several per row keeps a
 * 100,000-row file fast and light on garbage.
 */
export interface RowParser {
  push(chunk: string): ImportRow[];
  /** The text ended: the last rows, or an ImportFileError for a cut-off file. */
  end(): ImportRow[];
}

/**
 * Rows of a whole stream, one batch per chunk (empty batches are left out). A chunk may be
 * the pieces of one read (text-chunks.ts): their rows make one batch.
 */
export async function* rowBatches(
  parser: RowParser,
  chunks: AsyncIterable<string | Iterable<string>>,
): AsyncGenerator<ImportRow[]> {
  for await (const chunk of chunks) {
    let rows: ImportRow[];
    if (typeof chunk === 'string') rows = parser.push(chunk);
    else {
      rows = [];
      for (const piece of chunk) {
        const more = parser.push(piece);
        for (const row of more) rows.push(row);
      }
    }
    if (rows.length > 0) yield rows;
  }
  const last = parser.end();
  if (last.length > 0) yield last;
}
